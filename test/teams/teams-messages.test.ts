// POST /api/messages through botbuilder's CloudAdapter, with the channel's service (serviceUrl)
// played by a local HTTP server on 127.0.0.1 that receives the bot's replies.
import request from 'supertest';
import { ADAPTIVE_CARD } from '../../src/channels/teams/outcome-card';
import { buildTestApp, type TestContext } from '../helpers/test-services';
import { startServiceUrlServer, type ServiceUrlServer } from './service-url-server';

const CONVERSATION = 'a:1teams-conversation-xyz';

function activity(serviceUrl: string, text: string, id: string): Record<string, unknown> {
  return {
    type: 'message',
    id,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    conversation: { id: CONVERSATION, conversationType: 'personal', tenantId: 'tenant-1' },
    from: { id: '29:patient-1', name: 'Pat', aadObjectId: '00000000-0000-0000-0000-0000000000aa' },
    recipient: { id: '28:clinic-bot', name: 'Clinic Assistant' },
    locale: 'en-US',
    text,
    channelData: { tenant: { id: 'tenant-1' } },
  };
}

describe('POST /api/messages (emulator mode: no MicrosoftAppId)', () => {
  let ctx: TestContext;
  let channel: ServiceUrlServer;
  let n = 0;

  beforeAll(async () => {
    channel = await startServiceUrlServer();
    ctx = buildTestApp();
  });
  afterAll(() => channel.close());

  async function say(text: string): Promise<ServiceUrlServer['received']> {
    const before = channel.received.length;
    const id = `msg-${++n}`;
    await request(ctx.app).post('/api/messages').send(activity(channel.url, text, id)).expect(200);
    const replies = channel.received.slice(before);
    for (const r of replies) expect(r.url).toBe(`/v3/conversations/${encodeURIComponent(CONVERSATION)}/activities/${id}`);
    return replies;
  }

  it('runs a conversation: disclosure and consent, then triage to an outcome with an Adaptive Card', async () => {
    const first = await say('Hello');
    expect(first.length).toBeGreaterThanOrEqual(2);
    expect(first[0]!.body.text).toContain(ctx.services.clinic.emergencyNumber);
    const consent = first[first.length - 1]!.body;
    expect(consent.channelData?.prompt?.kind).toBe('consent');
    const agree = consent.suggestedActions!.actions[0]!;
    expect(agree.value).toBe(ctx.services.i18n.t('en')('bot:consent.agree'));

    const next = await say(agree.value);
    expect(next[next.length - 1]!.body.channelData?.prompt).toBeDefined();

    const outcome = await say('I have crushing chest pain spreading to my left arm and I am sweating');
    const withTriage = outcome.find((r) => r.body.channelData?.triage);
    expect(withTriage?.body.channelData?.triage?.disposition).toBe('emergency');
    const card = withTriage!.body.attachments?.find((a) => a.contentType === ADAPTIVE_CARD);
    expect(card?.content.type).toBe('AdaptiveCard');
    expect(card?.content.body[0]).toMatchObject({ type: 'Container', style: 'attention' });
    expect(card?.content.actions[0]?.url).toBe(`tel:${ctx.services.clinic.emergencyNumber}`);
    expect(withTriage!.body.text).toBeTruthy();
  });

  it('gives a yes/no question its Yes / No / Not sure buttons, and a tapped button answers it', async () => {
    const t = ctx.services.i18n.t('en');
    const conversation = `${CONVERSATION}-choices`;
    const post = async (text: string): Promise<ServiceUrlServer['received']> => {
      const before = channel.received.length;
      await request(ctx.app).post('/api/messages').send({ ...activity(channel.url, text, `c-${++n}`), conversation: { id: conversation, conversationType: 'personal', tenantId: 'tenant-1' } }).expect(200);
      return channel.received.slice(before);
    };
    await post('I have a sore throat');
    await post(t('bot:consent.agree'));
    await post('34');
    const question = (await post('0')).at(-1)!.body;
    expect(question.channelData?.prompt?.kind).toBe('yes_no');
    expect(question.suggestedActions?.actions.map((a) => a.title)).toEqual([t('bot:answers.yes'), t('bot:answers.no'), t('bot:answers.unsure')]);
    // Teams sends the button's value back as the message text.
    const next = (await post(question.suggestedActions!.actions[1]!.value)).at(-1)!.body;
    expect(next.channelData?.prompt?.id).not.toBe(question.channelData?.prompt?.id);
  });

  it('stores the conversation under the Teams channel, with a reference for proactive messages', async () => {
    const key = `msteams:${CONVERSATION}`;
    const transcript = await ctx.services.repos.transcripts.since(key, 0);
    expect(transcript.length).toBeGreaterThan(3);
    expect(new Set(transcript.map((a) => a.channelId))).toEqual(new Set(['msteams']));
    const card = transcript.find((a) => a.attachments?.length);
    expect(card).toBeDefined();
  });

  it('delivers a staff reply proactively through the stored conversation reference', async () => {
    const conv = await ctx.services.repos.conversations.get(`msteams:${CONVERSATION}`);
    const before = channel.received.length;
    const result = await ctx.services.outbound.send(conv!, { text: 'This is the nurse. Did you call 911?', from: 'staff', staffName: 'Nurse Kim' });
    expect(result.delivered).toBe(true);
    const sent = channel.received.slice(before);
    expect(sent).toHaveLength(1);
    // botbuilder's continuation sends as a reply to its own continuation event id; Teams accepts it in a personal chat.
    expect(sent[0]!.url.startsWith(`/v3/conversations/${encodeURIComponent(CONVERSATION)}/activities`)).toBe(true);
    expect(sent[0]!.body.text).toBe('Nurse Kim: This is the nurse. Did you call 911?');
    const transcript = await ctx.services.repos.transcripts.since(conv!._id, 0);
    expect(transcript[transcript.length - 1]!.from.role).toBe('staff');
  });

  it('reports a proactive message the channel refused as not delivered', async () => {
    const conv = await ctx.services.repos.conversations.get(`msteams:${CONVERSATION}`);
    channel.failing = true;
    try {
      const result = await ctx.services.outbound.send(conv!, { text: 'Reminder', from: 'bot' });
      expect(result).toEqual({ delivered: false, reason: 'send_failed' });
    } finally {
      channel.failing = false;
    }
  });

  it('refuses a proactive message for a conversation without a stored reference', async () => {
    const now = new Date();
    const result = await ctx.services.outbound.send({ _id: 'msteams:unknown', channel: 'msteams', seq: 0, createdAt: now, updatedAt: now, expiresAt: now }, { text: 'x', from: 'staff' });
    expect(result).toEqual({ delivered: false, reason: 'no_reference' });
  });

  it('accepts a conversationUpdate without replying', async () => {
    const before = channel.received.length;
    await request(ctx.app)
      .post('/api/messages')
      .send({ ...activity(channel.url, '', 'cu-1'), type: 'conversationUpdate', text: undefined, membersAdded: [{ id: '29:patient-1' }] })
      .expect(200);
    expect(channel.received.length).toBe(before);
  });

  it.each([
    ['no serviceUrl', { type: 'message', channelId: 'msteams', conversation: { id: 'c' }, from: { id: 'u' }, text: 'hi' }],
    ['no conversation', { type: 'message', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', from: { id: 'u' }, text: 'hi' }],
    ['a serviceUrl that is not http(s)', { type: 'message', channelId: 'msteams', serviceUrl: 'file:///etc/passwd', conversation: { id: 'c' }, from: { id: 'u' } }],
    ['text that is not a string', { type: 'message', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'c' }, from: { id: 'u' }, text: 42 }],
    ['an array', [1, 2, 3]],
    ['no type', { channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'c' }, from: { id: 'u' } }],
  ])('answers 400 to a malformed activity: %s', async (_name, body) => {
    const res = await request(ctx.app).post('/api/messages').send(body as object).expect(400);
    expect(res.body.error.code).toBe('malformed_activity');
  });

  it('serves only a local channel in emulator mode (no serviceUrl elsewhere gets the replies)', async () => {
    const res = await request(ctx.app).post('/api/messages').send(activity('https://attacker.example/', 'Hello', 'remote-1')).expect(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('answers 400 to a body that is not JSON', async () => {
    await request(ctx.app).post('/api/messages').set('content-type', 'application/json').send('{"type":').expect(400);
  });
});

describe('POST /api/messages with MicrosoftAppId set', () => {
  const env = { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'not-a-real-secret' };

  it('answers 401 without a Bot Framework token and runs no turn', async () => {
    const channel = await startServiceUrlServer();
    try {
      const ctx = buildTestApp({ env });
      const res = await request(ctx.app).post('/api/messages').send(activity(channel.url, 'Hello', 'm-1')).expect(401);
      expect(res.body.error.code).toBe('unauthorized');
      expect(channel.received).toHaveLength(0);
      expect(await ctx.services.repos.conversations.get(`msteams:${CONVERSATION}`)).toBeNull();
    } finally {
      await channel.close();
    }
  });

  it('answers 401 to a token that is not a JWT', async () => {
    const ctx = buildTestApp({ env });
    await request(ctx.app).post('/api/messages').set('Authorization', 'Bearer not-a-jwt').send(activity('http://127.0.0.1:9/', 'Hello', 'm-2')).expect(401);
  });

  it('never answers 500 to a well-formed forged token: 401, or 503 when the signing keys cannot be fetched', async () => {
    const channel = await startServiceUrlServer();
    try {
      const ctx = buildTestApp({ env });
      const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: 'https://api.botframework.com', aud: env.MicrosoftAppId, serviceurl: channel.url, nbf: now - 60, exp: now + 3600 };
      const forged = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'forged-key' })}.${b64(claims)}.${Buffer.from('not-a-signature').toString('base64url')}`;
      const res = await request(ctx.app).post('/api/messages').set('Authorization', `Bearer ${forged}`).send(activity(channel.url, 'Hello', 'm-3'));
      // this machine has no route to login.botframework.com (503); a machine with one gets the kid rejected (401)
      expect([401, 503]).toContain(res.status);
      expect(['unauthorized', 'token_check_unavailable']).toContain(res.body.error.code);
      expect(channel.received).toHaveLength(0);
      expect(await ctx.services.repos.conversations.get(`msteams:${CONVERSATION}`)).toBeNull();
    } finally {
      await channel.close();
    }
  });
});

describe('POST /api/messages in production without MicrosoftAppId', () => {
  it('is off (503): no unauthenticated turn, and nothing is posted to the serviceUrl it names', async () => {
    const channel = await startServiceUrlServer();
    try {
      const ctx = buildTestApp({ env: { NODE_ENV: 'production', STORE: 'memory', PUBLIC_URL: 'https://clinic.example.org' } });
      const res = await request(ctx.app).post('/api/messages').send(activity(channel.url, 'Hello', 'p-1')).expect(503);
      expect(res.body.error.code).toBe('teams_not_configured');
      expect(channel.received).toHaveLength(0);
      expect(await ctx.services.repos.conversations.get(`msteams:${CONVERSATION}`)).toBeNull();
    } finally {
      await channel.close();
    }
  });
});
