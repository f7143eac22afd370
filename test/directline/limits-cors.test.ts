// Rate limits, CORS and retry behaviour of the Direct Line routes, with the real routes, store and
// repositories but a stand-in bot (these rules are about HTTP, not about what the bot says).
import type { Activity } from 'botbuilder';
import express from 'express';
import request from 'supertest';
import { directLineRouter, type WebChatOptions } from '../../src/channels/directline/routes';
import { errorHandler } from '../../src/http/errors';
import { createLogger } from '../../src/observability/logger';
import { ConversationRepository } from '../../src/repositories/conversations';
import { TranscriptRepository } from '../../src/repositories/transcripts';
import { FieldCipher } from '../../src/security/field-cipher';
import type { Services } from '../../src/services';
import { MemoryStore } from '../../src/store/memory-engine';
import { LogCapture, testConfig } from '../helpers/test-services';
import { DL, message, openConversation, post } from './helpers';

interface Stub {
  app: express.Express;
  turns: Partial<Activity>[];
  fail: { next: boolean };
  delayMs: { value: number };
}

function stubApp(options: WebChatOptions = {}, env: Record<string, string> = {}): Stub {
  const config = testConfig(env);
  const store = new MemoryStore();
  const cipher = new FieldCipher(config.dataKeys);
  const conversations = new ConversationRepository(store, cipher, 86_400_000);
  const transcripts = new TranscriptRepository(store, conversations, cipher);
  const turns: Partial<Activity>[] = [];
  const fail = { next: false };
  const delayMs = { value: 0 };
  const runtime = {
    runTurn: async (a: Partial<Activity>) => {
      await new Promise((r) => setTimeout(r, delayMs.value));
      if (fail.next) {
        fail.next = false;
        throw new Error('bot failed');
      }
      turns.push(a);
      const key = `webchat:${a.conversation!.id}`;
      await conversations.touch(key, 'webchat');
      await transcripts.append(key, [{ id: a.id, type: 'message', channelId: 'webchat', conversation: { id: key }, from: { id: a.from!.id, role: 'user' }, text: a.text }]);
      return [];
    },
  };
  // Only the collaborators the Direct Line routes use; the rest of Services is not needed here.
  const services = { config, store, now: () => new Date(), runtime, repos: { conversations, transcripts } } as unknown as Services;
  const app = express();
  app.set('trust proxy', 'loopback');
  app.use(express.json({ limit: '64kb' }));
  app.use(DL, directLineRouter(services, options));
  app.use(errorHandler(createLogger('silent', new LogCapture())));
  return { app, turns, fail, delayMs };
}

const generate = (app: express.Express, ip = '198.51.100.1'): request.Test => request(app).post(`${DL}/tokens/generate`).set('X-Forwarded-For', ip);

describe('Direct Line rate limits', () => {
  it('limits token generation per client IP', async () => {
    const { app } = stubApp({ limits: { generatePerIp: 3 } });
    for (let i = 0; i < 3; i++) await generate(app).expect(200);
    const res = await generate(app).expect(429);
    expect(res.body.error.code).toBe('rate_limited');
    expect(res.headers['ratelimit-policy']).toBeDefined();
    await generate(app, '198.51.100.2').expect(200);
  });

  it('limits posting per conversation', async () => {
    const { app } = stubApp({ limits: { postPerConversation: 2 } });
    const c = await openConversation(app);
    await post(app, c, message('one')).expect(200);
    await post(app, c, message('two')).expect(200);
    await post(app, c, message('three')).expect(429);
    const other = await openConversation(app);
    await post(app, other, message('one')).expect(200);
  });

  it('limits posting per client IP across conversations', async () => {
    // Starting a conversation is a POST too: 2 starts + 3 activities fill a budget of 5.
    const { app } = stubApp({ limits: { postPerIp: 5, postPerConversation: 100 } });
    const a = await openConversation(app);
    const b = await openConversation(app);
    await post(app, a, message('1')).expect(200);
    await post(app, b, message('2')).expect(200);
    await post(app, a, message('3')).expect(200);
    await post(app, b, message('4')).expect(429);
  });
});

describe('Direct Line CORS', () => {
  const allowed = 'https://www.riverside-clinic.example';

  it('answers a preflight from an allowed embedding site', async () => {
    const { app } = stubApp({}, { WIDGET_ALLOWED_ORIGINS: `${allowed}, https://other.example` });
    const res = await request(app)
      .options(`${DL}/tokens/generate`)
      .set('Origin', allowed)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization, content-type')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).toBe(allowed);
    expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/);
    const gen = await request(app).post(`${DL}/tokens/generate`).set('Origin', allowed).expect(200);
    expect(gen.headers['access-control-allow-origin']).toBe(allowed);
    expect(gen.headers.vary).toMatch(/Origin/);
  });

  it('refuses any other origin, preflight or not', async () => {
    const { app } = stubApp({}, { WIDGET_ALLOWED_ORIGINS: allowed });
    await request(app).options(`${DL}/tokens/generate`).set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST').expect(403);
    const res = await request(app).post(`${DL}/tokens/generate`).set('Origin', 'https://evil.example').expect(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('always allows the service itself (PUBLIC_URL, or the same origin) and non-browser clients', async () => {
    const { app } = stubApp({}, { PUBLIC_URL: 'https://chat.riverside.example' });
    await request(app).post(`${DL}/tokens/generate`).set('Origin', 'https://chat.riverside.example').expect(200);
    await request(app).post(`${DL}/tokens/generate`).set('Host', 'clinic.internal:3978').set('Origin', 'http://clinic.internal:3978').expect(200);
    await request(app).post(`${DL}/tokens/generate`).expect(200);
  });
});

describe('Direct Line retries', () => {
  it('a concurrent retry of a slow turn waits for it and gets the same id; the bot runs once', async () => {
    const stub = stubApp();
    const c = await openConversation(stub.app);
    stub.delayMs.value = 150;
    const [a, b] = await Promise.all([post(stub.app, c, message('hi', 'c-1')), post(stub.app, c, message('hi', 'c-1'))]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.body.id).toBe(a.body.id);
    expect(stub.turns).toHaveLength(1);
    expect(stub.turns[0]!.channelData).toEqual({ clientActivityID: 'c-1' });
  });

  it('after a failed turn (500) the retry with the same client id is processed', async () => {
    const stub = stubApp();
    const c = await openConversation(stub.app);
    stub.fail.next = true;
    const failed = await post(stub.app, c, message('hi', 'c-2')).expect(500);
    expect(failed.body.error.code).toBe('internal');
    await post(stub.app, c, message('hi', 'c-2')).expect(200);
    expect(stub.turns).toHaveLength(1);
  });

  it('builds the bot activity from the validated fields only', async () => {
    const stub = stubApp();
    const c = await openConversation(stub.app);
    await post(stub.app, c, { ...message('hi'), entities: [{ type: 'ClientCapabilities' }], textFormat: 'plain', recipient: { id: 'evil' } }).expect(200);
    expect(stub.turns[0]).toMatchObject({ type: 'message', channelId: 'webchat', conversation: { id: c.conversationId }, from: { id: 'patient-1', role: 'user' }, recipient: { id: 'bot' }, text: 'hi', locale: 'en-US' });
    expect(stub.turns[0]).not.toHaveProperty('entities');
  });
});
