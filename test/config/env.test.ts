import { ConfigError, loadConfig } from '../../src/config/env';
import { randomBytes } from 'node:crypto';

describe('loadConfig', () => {
  it('applies the documented defaults on an empty environment', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3978);
    expect(c.host).toBe('0.0.0.0');
    expect(c.publicUrl).toBe('http://localhost:3978');
    expect(c.mongodbUri).toBeUndefined();
    expect(c.llm).toBeUndefined();
    expect(c.twilio).toBeUndefined();
    expect(c.dataKeyGenerated).toBe(true);
    expect(c.dataKeys[0]).toHaveLength(32);
  });

  it('lists every problem at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'abc', MONGODB_URI: 'postgres://x', DATA_KEY: 'short', PUBLIC_URL: 'not a url', TWILIO_ACCOUNT_SID: 'AC1', STAFF_ADMIN_EMAIL: 'a@b.c' });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error!.problems.join('\n');
    for (const name of ['PORT', 'MONGODB_URI', 'DATA_KEY', 'PUBLIC_URL', 'TWILIO_AUTH_TOKEN', 'STAFF_ADMIN_PASSWORD']) expect(text).toContain(name);
  });

  it('refuses a generated data key in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATA_KEY: is required when NODE_ENV=production/);
    expect(loadConfig({ NODE_ENV: 'production', DATA_KEY: randomBytes(32).toString('base64'), MONGODB_URI: 'mongodb://db/triage' }).dataKeyGenerated).toBe(false);
  });

  it('reads channel and LLM settings', () => {
    const c = loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:1234/v1', OPENAI_MODEL: 'local', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't', TWILIO_FROM_NUMBER: '+1555', PUBLIC_URL: 'https://clinic.example/' });
    expect(c.llm).toMatchObject({ baseUrl: 'http://127.0.0.1:1234/v1', model: 'local', timeoutMs: 8000 });
    expect(c.twilio?.fromNumber).toBe('+1555');
    expect(c.publicUrl).toBe('https://clinic.example');
  });

  it('refuses a data key with no entropy, in production as anywhere', () => {
    const weak = [Buffer.alloc(32), Buffer.alloc(32, 0x41), Buffer.from('correct-horse-battery-staple-123'), Buffer.from(Array.from({ length: 32 }, (_, i) => i))];
    for (const key of weak) {
      expect(() => loadConfig({ NODE_ENV: 'production', DATA_KEY: key.toString('base64'), MONGODB_URI: 'mongodb://db/triage' })).toThrow(/DATA_KEY: has no entropy/);
      expect(() => loadConfig({ DATA_KEY: key.toString('base64') })).toThrow(/DATA_KEY: has no entropy/);
    }
    for (let i = 0; i < 200; i++) expect(loadConfig({ DATA_KEY: randomBytes(32).toString('base64') }).dataKeyGenerated).toBe(false);
  });

  it('reads TRUST_PROXY in Express syntax, loopback by default, and names a wrong one', () => {
    expect(loadConfig({}).trustProxy).toBe('loopback');
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, fd00::/8,loopback, 192.168.0.1' }).trustProxy).toBe('10.0.0.0/8, fd00::/8, loopback, 192.168.0.1');
    expect(() => loadConfig({ TRUST_PROXY: 'loopback, my-proxy.local, 10.0.0.0/40' })).toThrow(/TRUST_PROXY: .*my-proxy\.local, 10\.0\.0\.0\/40/);
  });

  it('refuses to keep patient data in memory in production unless asked for explicitly', () => {
    const key = randomBytes(32).toString('base64');
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_KEY: key })).toThrow(/MONGODB_URI: is required when NODE_ENV=production .*STORE=memory/);
    expect(loadConfig({ NODE_ENV: 'production', DATA_KEY: key, STORE: 'memory' }).inMemoryStore).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', DATA_KEY: key, MONGODB_URI: 'mongodb://db/triage' }).inMemoryStore).toBe(false);
    expect(() => loadConfig({ STORE: 'memory', MONGODB_URI: 'mongodb://db/triage' })).toThrow(/STORE: STORE=memory and MONGODB_URI exclude each other/);
    expect(() => loadConfig({ STORE: 'postgres' })).toThrow(/STORE: the only value is memory/);
  });
});
