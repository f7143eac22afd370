// Outbound SMS (staff replies, reminders) through the real twilio client, pointed at a local fake
// of Twilio's REST endpoint on 127.0.0.1 (Twilio's API lies off this machine), and the signed
// status callback that records delivery.
import request from 'supertest';
import { smsDeliveriesCollection } from '../../src/channels/sms/delivery-log';
import { smsOptOutsCollection } from '../../src/channels/sms/opt-outs';
import { smsSender } from '../../src/channels/sms/sender';
import { createTwilioSmsClient } from '../../src/channels/sms/twilio-client';
import type { ConversationDoc } from '../../src/repositories/conversations';
import type { TestContext } from '../helpers/test-services';
import { startFakeTwilio } from './fake-twilio';
import { PUBLIC_URL, postSigned, smsApp, texts, TWILIO_ENV } from './sms-helpers';

const PHONE = '+15559870001';

describe('outbound SMS', () => {
  let fake: Awaited<ReturnType<typeof startFakeTwilio>>;
  let ctx: TestContext;
  let conversation: ConversationDoc;

  beforeAll(async () => {
    fake = await startFakeTwilio();
  });
  afterAll(() => fake.close());

  beforeEach(async () => {
    fake.requests.length = 0;
    fake.reject = undefined;
    ctx = smsApp();
    const s = ctx.services;
    const client = createTwilioSmsClient(s.config.twilio!, { apiBaseUrl: fake.url });
    s.outbound.register('sms', smsSender({ config: s.config, cipher: s.cipher, store: s.store, conversations: s.repos.conversations, runtime: s.runtime, logger: s.logger, now: s.now, client }));
    await texts(ctx.app, PHONE, 'HELP');
    conversation = (await s.repos.conversations.findByUserHash(s.cipher.lookupHash(PHONE), 'sms'))!;
  });

  it('sends a staff reply through the Twilio REST API and adds it to the transcript', async () => {
    const result = await ctx.services.outbound.send(conversation, { text: 'Hello, this is nurse Kim. How are you feeling now?', from: 'staff', staffName: 'Kim' });
    expect(result.delivered).toBe(true);
    expect(fake.requests).toHaveLength(1);
    const [req] = fake.requests;
    expect(req!.path).toBe(`/2010-04-01/Accounts/${TWILIO_ENV.TWILIO_ACCOUNT_SID}/Messages.json`);
    expect(req!.authorization).toBe(`Basic ${Buffer.from(`${TWILIO_ENV.TWILIO_ACCOUNT_SID}:${TWILIO_ENV.TWILIO_AUTH_TOKEN}`).toString('base64')}`);
    expect(req!.form.get('To')).toBe(PHONE);
    expect(req!.form.get('From')).toBe(TWILIO_ENV.TWILIO_FROM_NUMBER);
    expect(req!.form.get('StatusCallback')).toBe(`${PUBLIC_URL}/api/sms/status`);
    const transcript = await ctx.services.repos.transcripts.since(conversation._id, 0);
    const last = transcript[transcript.length - 1]!;
    expect(last.from.role).toBe('staff');
    expect(last.text).toBe('Hello, this is nurse Kim. How are you feeling now?');
  });

  it('refuses to send to a number that opted out, and sends again after START', async () => {
    await texts(ctx.app, PHONE, 'STOP');
    const refused = await ctx.services.outbound.send(conversation, { text: 'Your appointment is tomorrow.', from: 'bot' });
    expect(refused).toEqual({ delivered: false, reason: 'opted_out' });
    expect(fake.requests).toHaveLength(0);

    await texts(ctx.app, PHONE, 'START');
    expect((await ctx.services.outbound.send(conversation, { text: 'Your appointment is tomorrow.', from: 'bot' })).delivered).toBe(true);
    expect(fake.requests).toHaveLength(1);
  });

  it('records a carrier-level unsubscribe (Twilio error 21610) as an opt-out', async () => {
    fake.reject = { status: 400, code: 21610 };
    const result = await ctx.services.outbound.send(conversation, { text: 'Reminder', from: 'bot' });
    expect(result).toEqual({ delivered: false, reason: 'opted_out' });
    const doc = await ctx.store.collection(smsOptOutsCollection).findOne({ _id: ctx.services.cipher.lookupHash(PHONE) });
    expect(doc).toMatchObject({ optedOut: true, source: 'carrier' });
  });

  it('reports other Twilio failures as not delivered', async () => {
    fake.reject = { status: 500, code: 20500 };
    expect(await ctx.services.outbound.send(conversation, { text: 'Reminder', from: 'bot' })).toEqual({ delivered: false, reason: 'send_failed' });
  });

  it('records delivery from the signed status callback; a late "sent" does not undo "delivered"', async () => {
    await ctx.services.outbound.send(conversation, { text: 'Reminder', from: 'bot' });
    const deliveries = ctx.store.collection(smsDeliveriesCollection);
    const [created] = await deliveries.find({ conversationId: conversation._id });
    expect(created).toMatchObject({ status: 'queued' });
    const sid = created!._id;
    const base = { AccountSid: TWILIO_ENV.TWILIO_ACCOUNT_SID, MessageSid: sid, SmsSid: sid, To: PHONE, From: TWILIO_ENV.TWILIO_FROM_NUMBER };
    await postSigned(ctx.app, '/api/sms/status', { ...base, MessageStatus: 'delivered' }).expect(204);
    await postSigned(ctx.app, '/api/sms/status', { ...base, MessageStatus: 'sent' }).expect(204);
    expect(await deliveries.findOne({ _id: sid })).toMatchObject({ status: 'delivered' });
  });

  it('answers 403 to an unsigned status callback and records nothing', async () => {
    await ctx.services.outbound.send(conversation, { text: 'Reminder', from: 'bot' });
    const [created] = await ctx.store.collection(smsDeliveriesCollection).find({ conversationId: conversation._id });
    await request(ctx.app).post('/api/sms/status').type('form').send({ MessageSid: created!._id, MessageStatus: 'failed' }).expect(403);
    expect(await ctx.store.collection(smsDeliveriesCollection).findOne({ _id: created!._id })).toMatchObject({ status: 'queued' });
  });

  it('reports the channel as not configured without Twilio settings', async () => {
    const bare = smsApp({ TWILIO_ACCOUNT_SID: '', TWILIO_AUTH_TOKEN: '', TWILIO_FROM_NUMBER: '' });
    expect(await bare.services.outbound.send(conversation, { text: 'x', from: 'bot' })).toEqual({ delivered: false, reason: 'channel_not_configured' });
  });
});
