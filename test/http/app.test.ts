// The foundation's HTTP surface on the real app: health, readiness, metrics, error mapping,
// body limits, and logs that carry request ids but no PHI.
import request from 'supertest';
import { buildTestApp } from '../helpers/test-services';
import type { Store } from '../../src/store/collection';
import { MemoryStore } from '../../src/store/memory-engine';

describe('app', () => {
  it('answers /healthz, /readyz and /metrics', async () => {
    const { app } = buildTestApp();
    await request(app).get('/healthz').expect(200, { status: 'ok' });
    const ready = await request(app).get('/readyz').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', engine: 'memory' });
    await request(app).get('/healthz');
    const metrics = await request(app).get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.text).toContain('http_requests_total');
  });

  it('reports not ready when the store stops answering', async () => {
    const store: Store = new MemoryStore();
    const { app } = buildTestApp({ store });
    await store.close();
    const res = await request(app).get('/readyz').expect(503);
    expect(res.body.status).toBe('store unavailable');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const { app } = buildTestApp();
    const res = await request(app).get('/no/such/route').expect(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('maps malformed JSON to 400 and oversized bodies to 413, with generic bodies', async () => {
    const { app } = buildTestApp();
    const bad = await request(app).post('/no/such/route').set('Content-Type', 'application/json').send('{"text": "chest pain",').expect(400);
    expect(bad.body.error.code).toBe('malformed_json');
    expect(JSON.stringify(bad.body)).not.toContain('chest');
    const big = await request(app).post('/no/such/route').set('Content-Type', 'application/json').send(JSON.stringify({ text: 'x'.repeat(200_000) })).expect(413);
    expect(big.body.error.code).toBe('too_large');
  });

  it('refuses JSON nested too deep with a 400, logging no error, on every route', async () => {
    const { app, logs } = buildTestApp();
    const deep = (n: number): string => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    const token = (await request(app).post('/v3/directline/tokens/generate').expect(200)).body as { conversationId: string; token: string };
    const activity = `{"type":"message","from":{"id":"p"},"text":"hi","value":${deep(5000)}}`;
    const res = await request(app).post(`/v3/directline/conversations/${token.conversationId}/activities`).set('Authorization', `Bearer ${token.token}`).set('Content-Type', 'application/json').send(activity).expect(400);
    expect(res.body.error.code).toBe('too_deep');
    const teams = `{"type":"message","channelId":"emulator","serviceUrl":"http://127.0.0.1:9/","conversation":{"id":"c"},"from":{"id":"u"},"channelData":${deep(5000)}}`;
    await request(app).post('/api/messages').set('Content-Type', 'application/json').send(teams).expect(400);
    await request(app).post('/api/staff/login').set('Content-Type', 'application/json').send(`{"email":${'['.repeat(5000)}${']'.repeat(5000)}}`).expect(400);
    expect(logs.lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 50)).toEqual([]);
    // Brackets inside strings do not count, and ordinary nesting passes.
    const fine = `{"type":"message","from":{"id":"p"},"text":"${'['.repeat(200)}","value":${deep(20)},"locale":"en"}`;
    await request(app).post(`/v3/directline/conversations/${token.conversationId}/activities`).set('Authorization', `Bearer ${token.token}`).set('Content-Type', 'application/json').send(fine).expect(200);
  });

  it('sets security headers', async () => {
    const { app } = buildTestApp();
    const res = await request(app).get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('logs a patient turn with request and conversation ids but none of the PHI it carried', async () => {
    const { services, logs } = buildTestApp();
    const phi = 'My name is Jane Doe, phone 555-867-5309, born 1970-02-03, I have crushing chest pain';
    const replies = await services.runtime.runTurn({
      type: 'message',
      channelId: 'webchat',
      conversation: { id: 'log-test', isGroup: false, conversationType: 'personal', name: '' },
      from: { id: 'u1', name: 'Jane Doe', role: 'user' },
      recipient: { id: 'bot', name: '', role: 'bot' },
      serviceUrl: 'http://localhost',
      locale: 'en',
      text: phi,
    });
    expect(replies.length).toBeGreaterThan(0);
    services.logger.info({ text: phi, body: { From: '+15558675309' }, nested: { phone: '555-867-5309' } }, 'deliberately logging PHI fields');
    const out = logs.text;
    expect(out).toContain('webchat:log-test');
    for (const secret of ['Jane', '867', '1970-02-03', 'crushing']) expect(out).not.toContain(secret);
  });

  it('puts the request id on every log line of a request', async () => {
    const { app, logs } = buildTestApp();
    const res = await request(app).get('/healthz').set('X-Request-Id', 'req-123');
    expect(res.headers['x-request-id']).toBe('req-123');
    const line = logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'request');
    expect(line).toMatchObject({ requestId: 'req-123', status: 200 });
  });
});
