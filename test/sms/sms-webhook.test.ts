// POST /api/sms with security on: every request is signed with twilio's getExpectedTwilioSignature.
import request from 'supertest';
import { smsInboundCollection } from '../../src/channels/sms/inbound-log';
import { smsOptOutsCollection } from '../../src/channels/sms/opt-outs';
import { smsConversationId } from '../../src/channels/sms/stores';
import type { PatientState } from '../../src/bot/patient-state';
import { botStateCollection } from '../../src/store/bot-storage';
import type { Collection, CollectionDef, Store } from '../../src/store/collection';
import { leasesCollection } from '../../src/store/lease';
import { buildTestApp, type TestContext } from '../helpers/test-services';
import { AUTH_TOKEN, inboundParams, messageText, postSigned, signature, smsApp, texts, TWILIO_ENV } from './sms-helpers';

const PHONE = '+15557654321';

function conversationOf(ctx: TestContext, phone: string) {
  return ctx.services.repos.conversations.findByUserHash(ctx.services.cipher.lookupHash(phone), 'sms');
}

async function userMessages(ctx: TestContext, phone: string): Promise<number> {
  const conv = await conversationOf(ctx, phone);
  if (!conv) return 0;
  const all = await ctx.services.repos.transcripts.since(conv._id, 0);
  return all.filter((a) => a.from.role === 'user').length;
}

describe('POST /api/sms: configuration and signature', () => {
  it('answers 503 with a clear message when Twilio is not configured', async () => {
    const { app } = buildTestApp();
    const params = inboundParams(PHONE, 'hello');
    const res = await request(app).post('/api/sms').type('form').set('X-Twilio-Signature', signature('/api/sms', params)).send(params).expect(503);
    expect(res.body.error.code).toBe('sms_not_configured');
    expect(res.body.error.message).toMatch(/TWILIO_ACCOUNT_SID/);
  });

  it.each([
    ['missing', undefined],
    ['signed with another auth token', signature('/api/sms', inboundParams(PHONE, 'x'), 'another-token')],
    ['garbage', 'not-a-signature'],
  ])('answers 403 and processes nothing when the signature is %s', async (_name, sig) => {
    const ctx = smsApp();
    const params = inboundParams(PHONE, 'I have a headache since this morning');
    const req = request(ctx.app).post('/api/sms').type('form');
    if (sig) req.set('X-Twilio-Signature', sig);
    await req.send(params).expect(403);
    expect(await conversationOf(ctx, PHONE)).toBeNull();
    expect(await ctx.store.collection(smsInboundCollection).findOne({ _id: params.MessageSid })).toBeNull();
  });

  it('answers 403 when the body was changed after signing', async () => {
    const ctx = smsApp();
    const params = inboundParams(PHONE, 'hello');
    const sig = signature('/api/sms', params);
    await request(ctx.app).post('/api/sms').type('form').set('X-Twilio-Signature', sig).send({ ...params, Body: 'STOP' }).expect(403);
    expect(await conversationOf(ctx, PHONE)).toBeNull();
  });

  it('validates against PUBLIC_URL, not the host the process sees behind a proxy', async () => {
    const ctx = smsApp();
    const params = inboundParams(PHONE, 'hello');
    const local = signature('/api/sms', params, AUTH_TOKEN, 'http://127.0.0.1:3978');
    await request(ctx.app).post('/api/sms').type('form').set('X-Twilio-Signature', local).send(params).expect(403);
    await postSigned(ctx.app, '/api/sms', params).expect(200);
  });

  it('answers 400 to a signed request without MessageSid or From', async () => {
    const ctx = smsApp();
    const { MessageSid: _drop, ...params } = inboundParams(PHONE, 'hello');
    const res = await postSigned(ctx.app, '/api/sms', params).expect(400);
    expect(res.body.error.message).toMatch(/MessageSid/);
  });

  it('refuses an over-long body naming the Body field', async () => {
    const ctx = smsApp();
    const res = await postSigned(ctx.app, '/api/sms', inboundParams(PHONE, 'a'.repeat(4001))).expect(400);
    expect(res.body.error.message).toMatch(/Body \(longer than 4000 characters\)/);
    expect(res.body.error.message).not.toMatch(/MessageSid|From/);
  });
});

describe('POST /api/sms: replies', () => {
  it('ignores unknown form fields and answers with TwiML: disclosure, emergency number, numbered consent', async () => {
    const ctx = smsApp();
    const params = { ...inboundParams(PHONE, 'Hello'), FromCity: 'SPRINGFIELD', FromCountry: 'US', SomethingNew: 'x', ApiVersion: '2010-04-01' };
    const res = await postSigned(ctx.app, '/api/sms', params).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/xml/);
    expect(res.text).toMatch(/^<\?xml[^>]*\?><Response><Message>[\s\S]+<\/Message><\/Response>$/);
    const text = messageText(res.text);
    expect(text).toContain(ctx.services.clinic.emergencyNumber);
    expect(text).toMatch(/\n1\. .+\n2\. .+$/);
  });

  it('answers an empty body with the help text, with the clinic number', async () => {
    const ctx = smsApp();
    const text = await texts(ctx.app, PHONE, '   ');
    expect(text).toBe(ctx.services.i18n.t('en')('sms:help', { clinicName: ctx.services.clinic.name, clinicPhone: ctx.services.clinic.phone, emergencyNumber: ctx.services.clinic.emergencyNumber }));
    expect(text).toContain(ctx.services.clinic.phone);
  });

  it('answers HELP with the help text and keeps it in the transcript', async () => {
    const ctx = smsApp();
    const text = await texts(ctx.app, PHONE, 'HELP');
    expect(text).toContain(ctx.services.clinic.phone);
    const conv = await conversationOf(ctx, PHONE);
    const transcript = await ctx.services.repos.transcripts.since(conv!._id, 0);
    expect(transcript.map((a) => [a.from.role, a.channelId])).toEqual([
      ['user', 'sms'],
      ['bot', 'sms'],
    ]);
  });

  it('maps a numbered answer to the choice: "1" agrees to the consent question', async () => {
    const ctx = smsApp();
    await texts(ctx.app, PHONE, 'Hello');
    await texts(ctx.app, PHONE, '1');
    const conv = await conversationOf(ctx, PHONE);
    const transcript = await ctx.services.repos.transcripts.since(conv!._id, 0);
    const lastUser = transcript.filter((a) => a.from.role === 'user').pop()!;
    expect(lastUser.text).toBe(ctx.services.i18n.t('en')('bot:consent.agree'));
    const lastBot = transcript.filter((a) => a.from.role === 'bot').pop()!;
    expect((lastBot.channelData as { prompt?: { kind: string } }).prompt?.kind).not.toBe('consent');
  });

  it('keeps the phone number out of ids and logs, and stores it encrypted', async () => {
    const ctx = smsApp();
    await texts(ctx.app, PHONE, 'Hello');
    const conv = await conversationOf(ctx, PHONE);
    expect(conv!._id).toBe(`sms:sms-${ctx.services.cipher.lookupHash(PHONE)}`);
    expect(conv!.address).toBeDefined();
    expect(conv!.address).not.toContain(PHONE.slice(2));
    expect(ctx.services.repos.conversations.address(conv!)).toBe(PHONE);
    expect(ctx.logs.text).not.toContain(PHONE.slice(2));
    expect(ctx.logs.text).not.toContain('Hello');
  });
});

describe('POST /api/sms: idempotency on MessageSid', () => {
  it('answers a Twilio retry with the same TwiML and processes the message once', async () => {
    const ctx = smsApp();
    const params = inboundParams(PHONE, 'Hello there, I need some advice');
    const first = await postSigned(ctx.app, '/api/sms', params).expect(200);
    const retry = await postSigned(ctx.app, '/api/sms', params).expect(200);
    expect(retry.text).toBe(first.text);
    expect(await userMessages(ctx, PHONE)).toBe(1);
  });

  it('processes two identical concurrent requests once', async () => {
    const ctx = smsApp();
    const params = inboundParams(PHONE, 'Hello there, I need some advice');
    const [a, b] = await Promise.all([postSigned(ctx.app, '/api/sms', params), postSigned(ctx.app, '/api/sms', params)]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.text).toBe(b.text);
    expect(messageText(a.text)).not.toBe('');
    expect(await userMessages(ctx, PHONE)).toBe(1);
  });
});

describe('POST /api/sms: STOP, START', () => {
  it.each(['STOP', 'stopall', 'Unsubscribe', 'CANCEL', 'END', 'QUIT'])('%s opts the number out; START opts it in again', async (word) => {
    const ctx = smsApp();
    const optOuts = ctx.store.collection(smsOptOutsCollection);
    const hash = ctx.services.cipher.lookupHash(PHONE);
    const out = await texts(ctx.app, PHONE, word);
    expect(out).toMatch(/START/);
    expect((await optOuts.findOne({ _id: hash }))?.optedOut).toBe(true);
    const back = await texts(ctx.app, PHONE, 'START');
    expect(back).toMatch(/STOP/);
    expect((await optOuts.findOne({ _id: hash }))?.optedOut).toBe(false);
  });

  it('after STOP sends nothing but an emergency answer, HELP and START; after START the conversation goes on', async () => {
    const ctx = smsApp();
    const phone = '+15550007777';
    const first = await texts(ctx.app, phone, 'hello');
    expect(first).toMatch(/\n1\. /);
    await texts(ctx.app, phone, 'STOP');
    // An ordinary message (here the answer to the consent question) gets no reply at all.
    expect(await texts(ctx.app, phone, '1')).toBe('');
    expect(await texts(ctx.app, phone, 'I have had a sore throat for two days')).toBe('');
    // HELP is always answered, and so is an emergency.
    expect(await texts(ctx.app, phone, 'HELP')).toContain(ctx.services.clinic.phone);
    const emergency = await texts(ctx.app, phone, 'I have crushing chest pain and I cannot breathe');
    expect(emergency).toContain(ctx.services.clinic.emergencyNumber);
    const cases = await ctx.services.repos.cases.list({ disposition: 'emergency' });
    expect(cases).toHaveLength(1);
    // Staff cannot text the number either, while it is opted out.
    const conversation = await ctx.services.repos.conversations.findByUserHash(ctx.services.cipher.lookupHash(phone), 'sms');
    expect(await ctx.services.outbound.send(conversation!, { text: 'Hello from the clinic', from: 'staff' })).toMatchObject({ delivered: false, reason: 'opted_out' });
    expect(await texts(ctx.app, phone, 'START')).toMatch(/STOP/);
    expect(await texts(ctx.app, phone, 'thank you')).not.toBe('');
  });

  it('stores the opt-out under the keyed hash, never the number', async () => {
    const ctx = smsApp();
    await texts(ctx.app, PHONE, 'STOP');
    const docs = await ctx.store.collection(smsOptOutsCollection).find({});
    expect(JSON.stringify(docs)).not.toContain(PHONE.slice(2));
    expect(TWILIO_ENV.TWILIO_AUTH_TOKEN).toBe(AUTH_TOKEN);
  });
});

/** The shared store as one instance sees it, with its bot state writes slowed down (a busy instance). */
function slowStateWrites(store: Store, ms: number): Store {
  return {
    engine: store.engine,
    init: () => store.init(),
    ping: () => store.ping(),
    close: () => store.close(),
    collection<T extends { _id: string }>(def: CollectionDef<T>): Collection<T> {
      const col = store.collection(def);
      if (def.name !== botStateCollection.name) return col;
      const slow = Object.create(col) as Collection<T>;
      slow.updateOne = async (...args) => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        return col.updateOne(...args);
      };
      return slow;
    },
  };
}

describe('POST /api/sms: one turn at a time per conversation, across instances', () => {
  it('runs two texts that reach two instances at once one after the other, each from the state the other left', async () => {
    // Two instances behind one load balancer share the store and nothing else; the first is slow to save.
    const fast = smsApp();
    const slow = buildTestApp({ env: { ...TWILIO_ENV }, store: slowStateWrites(fast.store, 300) });
    const t = fast.services.i18n.t('en');
    const failed = t('bot:errors.turnFailed', { emergencyNumber: fast.services.clinic.emergencyNumber, clinicPhone: fast.services.clinic.phone });
    expect(await texts(fast.app, PHONE, 'Hello, I need some advice please')).not.toBe('');

    const first = postSigned(slow.app, '/api/sms', inboundParams(PHONE, '1'));
    const firstDone = first.then((r) => r);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the slow instance is mid-turn
    const second = await postSigned(fast.app, '/api/sms', inboundParams(PHONE, 'I have had a sore throat since yesterday'));
    const consented = await firstDone;

    expect([consented.status, second.status]).toEqual([200, 200]);
    // Without the lease the fast instance answers from the old state and the slow one's save fails.
    expect(messageText(consented.text)).not.toContain(failed);
    expect(messageText(second.text)).not.toContain(failed);
    const conversation = await conversationOf(fast, PHONE);
    const said = (await fast.services.repos.transcripts.since(conversation!._id, 0)).filter((a) => a.from.role === 'user').map((a) => a.text);
    expect(said).toEqual(['Hello, I need some advice please', expect.any(String), 'I have had a sore throat since yesterday']);
    // botbuilder saves state with eTag "*": without one turn at a time, the slow instance's later save
    // would silently replace the state holding the sore throat with its own (consent only).
    const key = `sms/conversations/${smsConversationId(fast.services.cipher.lookupHash(PHONE))}/`;
    const stored = (await fast.services.botStorage.read([key]))[key] as { patient?: PatientState } | undefined;
    expect(stored?.patient?.consent).toBe('given');
    expect(stored?.patient?.triage?.protocol).toEqual(expect.any(String));
    expect(await fast.store.collection(leasesCollection).count({})).toBe(0);
  });
});
