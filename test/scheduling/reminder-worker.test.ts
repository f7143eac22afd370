// Two reminder workers over one store: each reminder is sent exactly once, on the patient's own
// channel (SMS for an SMS patient), and a failed send is retried later, still only once delivered.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { OutboundRegistry, type ChannelSender, type OutboundMessage, type OutboundResult } from '../../src/channels/outbound';
import { createLogger } from '../../src/observability/logger';
import { ConversationRepository, type ConversationDoc } from '../../src/repositories/conversations';
import { FieldCipher } from '../../src/security/field-cipher';
import { AppointmentRepository } from '../../src/scheduling/appointments';
import { ReminderWorker } from '../../src/scheduling/reminder-worker';
import type { Store } from '../../src/store/collection';
import { engines } from '../store/engines';
import { Clock, clinic, i18n, local } from './fixtures';

class RecordingSender implements ChannelSender {
  sent: Array<{ conversationId: string; message: OutboundMessage }> = [];
  failNext = 0;
  async send(conversation: ConversationDoc, message: OutboundMessage): Promise<OutboundResult> {
    // A real send takes a moment: gives the other worker every chance to race.
    await new Promise((r) => setTimeout(r, 2));
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('provider down');
    }
    this.sent.push({ conversationId: conversation._id, message });
    return { delivered: true };
  }
}

const quietLogger = createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));

describe.each(engines())('reminder workers on the $name engine', (engine) => {
  let store: Store;
  let clock: Clock;
  let appointments: AppointmentRepository;
  let conversations: ConversationRepository;
  let sms: RecordingSender;
  let webchat: RecordingSender;
  let outbound: OutboundRegistry;

  const worker = (id: string, retryMs = 60_000): ReminderWorker =>
    new ReminderWorker({ appointments, conversations, outbound, i18n, clinic, logger: quietLogger, now: clock.now, workerId: id, intervalMs: 5, batchSize: 3, retryMs });

  beforeEach(async () => {
    clock = new Clock(local('2026-11-25T09:00'));
    store = await engine.create(clock.now);
    appointments = new AppointmentRepository(store, clock.now);
    conversations = new ConversationRepository(store, new FieldCipher([randomBytes(32)]), 30 * 86400_000, clock.now);
    await store.init();
    [sms, webchat] = [new RecordingSender(), new RecordingSender()];
    outbound = new OutboundRegistry();
    outbound.register('sms', sms);
    outbound.register('webchat', webchat);
    // Ten appointments on Friday, half booked by SMS patients, half on the web chat.
    for (let i = 0; i < 10; i++) {
      const channel = i % 2 ? 'sms' : 'webchat';
      const conversationId = `${channel}:patient-${i}`;
      await conversations.touch(conversationId, channel);
      const start = local(`2026-11-27T${String(9 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`);
      await appointments.book({ slot: { providerId: 'dr-lee', start, end: new Date(start.getTime() + 900_000) }, timezone: clinic.timezone, conversationId, language: i === 3 ? 'es' : 'en' });
    }
  });

  afterEach(async () => {
    await store.close();
  });

  it('nothing is sent before a reminder is due', async () => {
    expect(await worker('w1').runOnce()).toBe(0);
    expect(sms.sent.length + webchat.sent.length).toBe(0);
  });

  it('two workers running side by side send each reminder exactly once, by SMS to SMS patients', async () => {
    clock.set(local('2026-11-26T12:00'));
    const [w1, w2] = [worker('w1'), worker('w2')];
    w1.start();
    w2.start();
    const deadline = Date.now() + 5000;
    while (sms.sent.length + webchat.sent.length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50)); // more rounds: nothing may be sent twice
    await Promise.all([w1.stop(), w2.stop()]);

    const all = [...sms.sent, ...webchat.sent].map((s) => s.conversationId).sort();
    expect(all).toHaveLength(10);
    expect(new Set(all).size).toBe(10);
    expect(sms.sent.every((s) => s.conversationId.startsWith('sms:'))).toBe(true);
    expect(sms.sent).toHaveLength(5);
    const es = [...sms.sent, ...webchat.sent].find((s) => s.conversationId === 'sms:patient-3')!;
    expect(es.message.text).toContain('Recordatorio');
    expect(await appointments.col.count({ reminderSentAt: { $ne: null }, reminderOutcome: 'delivered' })).toBe(10);
  });

  it('a failed send is released and retried later, then delivered once', async () => {
    clock.set(local('2026-11-26T12:00'));
    sms.failNext = 1;
    const w1 = worker('w1', 60_000);
    await w1.runOnce();
    await w1.runOnce();
    await w1.runOnce();
    await w1.runOnce();
    expect(sms.sent.length + webchat.sent.length).toBe(9);
    clock.set(local('2026-11-26T12:01'));
    await worker('w2').runOnce();
    expect(sms.sent.length + webchat.sent.length).toBe(10);
    expect(new Set([...sms.sent, ...webchat.sent].map((s) => s.conversationId)).size).toBe(10);
  });

  it('a patient whose channel cannot be reached is recorded, not retried forever', async () => {
    clock.set(local('2026-11-26T12:00'));
    const none = new OutboundRegistry(); // no sender registered for any channel
    const w = new ReminderWorker({ appointments, conversations, outbound: none, i18n, clinic, logger: quietLogger, now: clock.now, workerId: 'w', batchSize: 20 });
    expect(await w.runOnce()).toBe(0);
    expect(await appointments.col.count({ reminderOutcome: 'channel_not_configured' })).toBe(10);
    expect(await appointments.claimDueReminders('again', clock.now(), 20)).toEqual([]);
  });
});
