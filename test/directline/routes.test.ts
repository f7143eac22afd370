// The Direct Line 3.0 subset of CONTRACTS.md against the real app (memory store, security on).
import request from 'supertest';
import { STALE_CLAIM_MS, clientActivitiesCollection } from '../../src/channels/directline/client-activities';
import { webchatKey } from '../../src/channels/directline/conversations';
import { TokenService } from '../../src/channels/directline/tokens';
import { buildTestApp, type TestContext } from '../helpers/test-services';
import { DL, get, message, openConversation, post, startEvent } from './helpers';

describe('Direct Line tokens and conversations', () => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = buildTestApp();
  });

  it('generates a token bound to a new conversation', async () => {
    const res = await request(ctx.app).post(`${DL}/tokens/generate`).expect(200);
    expect(res.body).toEqual({ conversationId: expect.stringMatching(/^[\w-]{8,64}$/), token: expect.any(String), expires_in: 1800 });
    const other = await request(ctx.app).post(`${DL}/tokens/generate`).expect(200);
    expect(other.body.conversationId).not.toBe(res.body.conversationId);
  });

  it('refreshes a token for the same conversation', async () => {
    const c = await openConversation(ctx.app);
    const res = await request(ctx.app).post(`${DL}/tokens/refresh`).set('Authorization', `Bearer ${c.token}`).expect(200);
    expect(res.body).toEqual({ conversationId: c.conversationId, token: expect.any(String), expires_in: 1800 });
    await get(ctx.app, { ...c, token: res.body.token }).expect(200);
  });

  it('refreshes a conversation\'s token within 24 hours of its first token, never beyond (403 after)', async () => {
    let now = new Date('2026-05-01T08:00:00Z');
    const timed = buildTestApp({ now: () => now });
    const c = await openConversation(timed.app);
    let token = c.token;
    for (let hours = 0; hours < 24; hours += 0.25) {
      now = new Date(now.getTime() + 15 * 60_000);
      const res = await request(timed.app).post(`${DL}/tokens/refresh`).set('Authorization', `Bearer ${token}`);
      if (res.status !== 200) break;
      token = res.body.token;
    }
    await request(timed.app).post(`${DL}/tokens/refresh`).set('Authorization', `Bearer ${token}`).expect(403);
    await get(timed.app, { ...c, token }).expect(403);
    expect(now.getTime() - new Date('2026-05-01T08:00:00Z').getTime()).toBeLessThanOrEqual(24 * 3600_000);
  });

  it('starts a conversation with 201 and resumes one that has activities with 200', async () => {
    const c = await openConversation(ctx.app);
    await request(ctx.app).post(`${DL}/conversations`).set('Authorization', `Bearer ${c.token}`).expect(201);
    await post(ctx.app, c, startEvent).expect(200);
    const resumed = await request(ctx.app).post(`${DL}/conversations`).set('Authorization', `Bearer ${c.token}`).expect(200);
    expect(resumed.body.conversationId).toBe(c.conversationId);
  });

  it('reconnects with GET /conversations/{id} (botframework-directlinejs with a conversationId)', async () => {
    const c = await openConversation(ctx.app);
    const res = await request(ctx.app).get(`${DL}/conversations/${c.conversationId}`).set('Authorization', `Bearer ${c.token}`).expect(200);
    expect(res.body.conversationId).toBe(c.conversationId);
  });

  it('accepts tokens issued by another instance sharing DATA_KEY', async () => {
    const other = buildTestApp(); // same TEST_DATA_KEY, separate services, separate memory
    const generated = await request(other.app).post(`${DL}/tokens/generate`).expect(200);
    await request(ctx.app).post(`${DL}/conversations`).set('Authorization', `Bearer ${generated.body.token}`).expect(201);
  });
});

describe('Direct Line activities', () => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = buildTestApp();
  });

  it('stores the bot replies before the POST answers: disclosure and consent prompt', async () => {
    const c = await openConversation(ctx.app);
    const posted = await post(ctx.app, c, startEvent).expect(200);
    expect(posted.body).toEqual({ id: expect.any(String) });
    const res = await get(ctx.app, c).expect(200);
    const bot = res.body.activities.filter((a: { from: { role: string } }) => a.from.role === 'bot');
    expect(bot.length).toBeGreaterThanOrEqual(2);
    for (const a of res.body.activities) {
      expect(a).toMatchObject({ id: expect.any(String), timestamp: expect.any(String), type: expect.any(String), conversation: { id: c.conversationId } });
    }
    const prompt = bot.find((a: { channelData?: { prompt?: unknown } }) => a.channelData?.prompt);
    expect(prompt.channelData.prompt).toEqual({ kind: 'consent', id: expect.any(String) });
    expect(prompt.suggestedActions.actions.length).toBeGreaterThanOrEqual(2);
    expect(res.body.watermark).toBe(String(res.body.activities.length));
  });

  it('returns patient and bot activities in order, and only new ones after the watermark', async () => {
    const c = await openConversation(ctx.app);
    await post(ctx.app, c, startEvent).expect(200);
    const first = await get(ctx.app, c, '').expect(200);
    const posted = await post(ctx.app, c, message('I agree', 'client-1')).expect(200);
    const next = await get(ctx.app, c, first.body.watermark).expect(200);
    const [mine, ...replies] = next.body.activities;
    expect(mine).toMatchObject({ id: posted.body.id, from: { id: 'patient-1', role: 'user' }, text: 'I agree', channelData: { clientActivityID: 'client-1' } });
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((a: { from: { role: string } }) => a.from.role === 'bot')).toBe(true);
    expect(Number(next.body.watermark)).toBeGreaterThan(Number(first.body.watermark));
    const empty = await get(ctx.app, c, next.body.watermark).expect(200);
    expect(empty.body).toEqual({ activities: [], watermark: next.body.watermark });
  });

  it('processes a repeated client activity id once and answers with the same id', async () => {
    const c = await openConversation(ctx.app);
    await post(ctx.app, c, startEvent).expect(200);
    const [a, b] = await Promise.all([post(ctx.app, c, message('I agree', 'same-id')), post(ctx.app, c, message('I agree', 'same-id'))]);
    const again = await post(ctx.app, c, message('I agree', 'same-id')).expect(200);
    expect(a.status).toBe(200);
    expect(b.body.id).toBe(a.body.id);
    expect(again.body.id).toBe(a.body.id);
    const all = await get(ctx.app, c).expect(200);
    expect(all.body.activities.filter((x: { text?: string; from: { role: string } }) => x.from.role === 'user' && x.text === 'I agree')).toHaveLength(1);
  });

  it('takes over a claim left pending by an instance that stopped mid-turn, so the retry is answered', async () => {
    const c = await openConversation(ctx.app);
    const long = new Date(Date.now() - STALE_CLAIM_MS - 1000);
    // What an instance cut at shutdown leaves behind: the claim, never completed.
    await ctx.store.collection(clientActivitiesCollection).insertOne({ _id: `${webchatKey(c.conversationId)}:cut-1`, activityId: 'first-attempt', status: 'pending', createdAt: long, claimedAt: long, expiresAt: new Date(Date.now() + 3600_000) });
    const retried = await post(ctx.app, c, message('hello', 'cut-1')).expect(200);
    expect(retried.body.id).toBe('first-attempt');
    const all = await get(ctx.app, c).expect(200);
    expect(all.body.activities.some((a: { from: { role: string } }) => a.from.role === 'bot')).toBe(true);
  });

  it('the same client activity id in another conversation is a different message', async () => {
    const c1 = await openConversation(ctx.app);
    const c2 = await openConversation(ctx.app);
    const r1 = await post(ctx.app, c1, message('hello', 'shared')).expect(200);
    const r2 = await post(ctx.app, c2, message('hello', 'shared')).expect(200);
    expect(r2.body.id).not.toBe(r1.body.id);
  });

  it('never lets a client post as the bot or as staff', async () => {
    const c = await openConversation(ctx.app);
    await post(ctx.app, c, { ...message('hi'), from: { id: 'x', role: 'bot' }, channelData: { clinicStaff: true } }).expect(200);
    const res = await get(ctx.app, c).expect(200);
    const mine = res.body.activities.find((a: { text?: string }) => a.text === 'hi');
    expect(mine.from.role).toBe('user');
    expect(mine.channelData?.clinicStaff).toBeUndefined();
  });

  it('speaks the request sequence of botframework-directlinejs / Web Chat (webSocket: false)', async () => {
    // Token from the clinic's page, then: POST /conversations without a body, polling with an empty
    // watermark first, a Web Chat-shaped activity, the reconnect GET, and a token refresh.
    const { body: gen } = await request(ctx.app).post(`${DL}/tokens/generate`).expect(200);
    const auth = { Authorization: `Bearer ${gen.token}`, Accept: 'application/json', 'x-ms-bot-agent': 'DirectLine/3.0 (directlinejs)' };
    const conv = await request(ctx.app).post(`${DL}/conversations`).set(auth).expect(201);
    const base = `${DL}/conversations/${conv.body.conversationId}`;
    const empty = await request(ctx.app).get(`${base}/activities?watermark=`).set(auth).expect(200);
    expect(empty.body.activities).toEqual([]);
    const webChatActivity = {
      type: 'message',
      text: 'hello',
      textFormat: 'plain',
      locale: 'en-US',
      timestamp: new Date().toISOString(),
      from: { id: 'dl_user', name: '', role: 'user' },
      entities: [{ type: 'ClientCapabilities', requiresBotState: true, supportsListening: true, supportsTts: true }],
      channelData: { clientActivityID: '1700000000000abc', clientTimestamp: new Date().toISOString() },
    };
    const posted = await request(ctx.app).post(`${base}/activities`).set(auth).set('Content-Type', 'application/json').send(JSON.stringify(webChatActivity)).expect(200);
    const polled = await request(ctx.app).get(`${base}/activities?watermark=${empty.body.watermark}`).set(auth).expect(200);
    expect(polled.body.activities[0]).toMatchObject({ id: posted.body.id, from: { id: 'dl_user', role: 'user' }, channelData: { clientActivityID: '1700000000000abc' } });
    expect(polled.body.activities.length).toBeGreaterThan(1);
    expect(typeof polled.body.watermark).toBe('string');
    await request(ctx.app).get(`${base}?watermark=${polled.body.watermark}`).set(auth).expect(200);
    await request(ctx.app).post(`${DL}/tokens/refresh`).set(auth).expect(200);
  });

  it('accepts typing activities without running a turn', async () => {
    const c = await openConversation(ctx.app);
    await post(ctx.app, c, { type: 'typing', from: { id: 'patient-1' } }).expect(200);
    expect((await get(ctx.app, c).expect(200)).body.activities).toEqual([]);
  });
});

describe('Direct Line errors', () => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = buildTestApp();
  });

  it('no token → 401 on every authenticated route', async () => {
    const c = await openConversation(ctx.app);
    const base = `${DL}/conversations/${c.conversationId}`;
    await request(ctx.app).post(`${DL}/tokens/refresh`).expect(401);
    await request(ctx.app).post(`${DL}/conversations`).expect(401);
    await request(ctx.app).get(base).expect(401);
    await request(ctx.app).post(`${base}/activities`).send(message('hi')).expect(401);
    await request(ctx.app).get(`${base}/activities`).expect(401);
    await request(ctx.app).get(`${base}/activities`).set('Authorization', 'Basic abc').expect(401);
  });

  it('a forged, malformed or foreign-key token → 403', async () => {
    const c = await openConversation(ctx.app);
    const [payload, sig] = c.token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ v: 1, c: c.conversationId, iat: 0, exp: 9e9 })).toString('base64url')}.${sig}`;
    const foreign = new TokenService([Buffer.alloc(32, 7)]).issue(c.conversationId).token;
    for (const token of [forged, `${payload}.`, 'garbage', `${c.token}.x`, foreign]) {
      await get(ctx.app, { ...c, token }).expect(403);
    }
  });

  it('an expired token → 403, and it cannot be refreshed', async () => {
    let now = Date.now();
    const timed = buildTestApp({ now: () => new Date(now) });
    const c = await openConversation(timed.app);
    now += 31 * 60 * 1000;
    await get(timed.app, c).expect(403);
    await request(timed.app).post(`${DL}/tokens/refresh`).set('Authorization', `Bearer ${c.token}`).expect(403);
    await post(timed.app, c, message('hello')).expect(403);
  });

  it("another conversation's id → 403", async () => {
    const mine = await openConversation(ctx.app);
    const theirs = await openConversation(ctx.app);
    await post(ctx.app, theirs, startEvent).expect(200);
    const usingMyToken = { conversationId: theirs.conversationId, token: mine.token };
    await get(ctx.app, usingMyToken).expect(403);
    await post(ctx.app, usingMyToken, message('hi')).expect(403);
    await request(ctx.app).get(`${DL}/conversations/${theirs.conversationId}`).set('Authorization', `Bearer ${mine.token}`).expect(403);
  });

  it.each([
    ['no type', { from: { id: 'p' }, text: 'hi' }],
    ['unknown type', { type: 'invoke', from: { id: 'p' }, text: 'hi' }],
    ['no from', { type: 'message', text: 'hi' }],
    ['empty from.id', { type: 'message', from: { id: '' }, text: 'hi' }],
    ['text not a string', { type: 'message', from: { id: 'p' }, text: 42 }],
    ['message without text or value', { type: 'message', from: { id: 'p' } }],
    ['event without name', { type: 'event', from: { id: 'p' } }],
    ['bad locale', { type: 'message', from: { id: 'p' }, text: 'hi', locale: 'en_US; DROP' }],
    ['not an object', ['message']],
  ])('a malformed activity (%s) → 400', async (_name, body) => {
    const c = await openConversation(ctx.app);
    const res = await post(ctx.app, c, body as Record<string, unknown>).expect(400);
    expect(res.body.error.code).toBe('invalid_activity');
  });

  it('invalid JSON → 400', async () => {
    const c = await openConversation(ctx.app);
    await post(ctx.app, c, {}).set('Content-Type', 'application/json').send('{"type":').expect(400);
  });

  it('an oversized activity → 413 (activity limit and app body limit)', async () => {
    const c = await openConversation(ctx.app);
    expect((await post(ctx.app, c, message('x'.repeat(20_000))).expect(413)).body.error.code).toBe('too_large');
    await post(ctx.app, c, message('x'.repeat(70_000))).expect(413);
  });

  it('a malformed watermark → 400', async () => {
    const c = await openConversation(ctx.app);
    await get(ctx.app, c, 'abc').expect(400);
    await get(ctx.app, c, '-1').expect(400);
  });
});
