// Who the client is: only the peers named by TRUST_PROXY (default: a reverse proxy on this host)
// may name the client with X-Forwarded-For. Anyone else on the clinic's LAN, a container network
// or behind an address-rewriting balancer gets their header ignored, so limits and locks hold.
import request from 'supertest';
import { buildTestApp } from '../helpers/test-services';
import { NURSE, buildStaffApp } from '../staff/helpers';

type TrustFn = (address: string, hop: number) => boolean;

describe('TRUST_PROXY', () => {
  it('trusts a proxy on this host only, by default', () => {
    const { app } = buildTestApp();
    const trust = app.get('trust proxy fn') as TrustFn;
    expect(trust('127.0.0.1', 0)).toBe(true);
    expect(trust('::1', 0)).toBe(true);
    for (const peer of ['10.0.0.5', '172.17.0.2', '192.168.1.20', 'fd12::1', '169.254.1.1', '203.0.113.9']) expect(trust(peer, 0)).toBe(false);
  });

  it("takes Express's own syntax", () => {
    const trust = buildTestApp({ env: { TRUST_PROXY: '10.0.0.0/8, uniquelocal' } }).app.get('trust proxy fn') as TrustFn;
    expect(trust('10.2.3.4', 0)).toBe(true);
    expect(trust('fd00::1', 0)).toBe(true);
    expect(trust('127.0.0.1', 0)).toBe(false);
  });

  it('a client that is not a trusted proxy cannot dodge the token limit by changing X-Forwarded-For', async () => {
    // supertest connects from 127.0.0.1: trusting only another address makes it an ordinary client.
    const { app } = buildTestApp({ env: { TRUST_PROXY: '192.0.2.10' } });
    const statuses: number[] = [];
    for (let i = 0; i < 70; i++) statuses.push((await request(app).post('/v3/directline/tokens/generate').set('X-Forwarded-For', `198.51.100.${i}`)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  });

  it('a locked nurse stays locked whatever X-Forwarded-For says, when the peer is no trusted proxy', async () => {
    const ctx = await buildStaffApp({ env: { TRUST_PROXY: '192.0.2.10' } });
    const from = (ip: string): request.Test => request(ctx.app).post('/api/staff/login').set('X-Forwarded-For', ip);
    for (let i = 0; i < 5; i++) await from('198.51.100.1').send({ ...NURSE, password: 'wrong-password-1' }).expect(401);
    await from('198.51.100.2').send(NURSE).expect(429);
  });

  it('behind the trusted proxy, each client is counted by its own address', async () => {
    const { app } = buildTestApp();
    for (let i = 0; i < 60; i++) await request(app).post('/v3/directline/tokens/generate').set('X-Forwarded-For', '198.51.100.7').expect(200);
    await request(app).post('/v3/directline/tokens/generate').set('X-Forwarded-For', '198.51.100.7').expect(429);
    await request(app).post('/v3/directline/tokens/generate').set('X-Forwarded-For', '198.51.100.8').expect(200);
  });
});
