// The appointment store on every engine: the memory engine always, MongoDB when MONGODB_URI is set
// (test/store/engines.ts prints when that run is skipped).
import { AppointmentRepository, SlotTakenError, formatReference, referenceCandidates, reminderDueAt } from '../../src/scheduling/appointments';
import type { Slot } from '../../src/scheduling/slots';
import type { Store } from '../../src/store/collection';
import { engines } from '../store/engines';
import { Clock, clinic, local } from './fixtures';

const TZ = clinic.timezone;
const slotAt = (wallTime: string, providerId = 'dr-lee'): Slot => {
  const start = local(wallTime);
  return { providerId, start, end: new Date(start.getTime() + 15 * 60_000) };
};
const booking = (slot: Slot, conversationId = 'webchat:c1') => ({ slot, timezone: TZ, conversationId, language: 'en' as const });

describe.each(engines())('appointments on the $name engine', (engine) => {
  let store: Store;
  let clock: Clock;
  let repo: AppointmentRepository;

  beforeEach(async () => {
    clock = new Clock(local('2026-11-25T09:00'));
    store = await engine.create(clock.now);
    repo = new AppointmentRepository(store, clock.now);
    await store.init();
  });

  afterEach(async () => {
    await store.close();
  });

  it('100 concurrent attempts to book one slot: exactly one succeeds, 99 get SlotTakenError', async () => {
    const slot = slotAt('2026-11-27T10:00');
    const results = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => repo.book(booking(slot, `webchat:c${i}`))));
    const booked = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(booked).toHaveLength(1);
    expect(refused).toHaveLength(99);
    expect(refused.every((r) => r.reason instanceof SlotTakenError)).toBe(true);
    expect(await repo.col.count({ providerId: 'dr-lee', start: slot.start, status: 'booked' })).toBe(1);
  });

  it('another provider at the same time is a different slot', async () => {
    await repo.book(booking(slotAt('2026-11-27T10:00', 'dr-lee')));
    await expect(repo.book(booking(slotAt('2026-11-27T10:00', 'np-garcia')))).resolves.toMatchObject({ providerId: 'np-garcia' });
  });

  it('gives a short unambiguous reference, found again when typed loosely', async () => {
    const a = await repo.book(booking(slotAt('2026-11-27T10:00')));
    expect(a.reference).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    const typed = `my code is ${formatReference(a.reference).toLowerCase()} thanks`;
    expect(referenceCandidates(typed)).toContain(a.reference);
    expect((await repo.findByReference(a.reference))?._id).toBe(a._id);
  });

  it('cancelling frees the slot for someone else; a second cancel finds nothing', async () => {
    const slot = slotAt('2026-11-27T10:00');
    const a = await repo.book(booking(slot));
    const cancelled = await repo.cancel(a.reference);
    expect(cancelled).toMatchObject({ status: 'cancelled', reminderDueAt: null });
    expect(await repo.cancel(a.reference)).toBeNull();
    await expect(repo.book(booking(slot, 'webchat:other'))).resolves.toMatchObject({ status: 'booked' });
    expect(await repo.takenSlots(local('2026-11-27T00:00'), local('2026-11-28T00:00'))).toEqual(new Set([`dr-lee|${slot.start.getTime()}`]));
  });

  it('rescheduling moves the appointment in one update and keeps its reference; a taken target is refused', async () => {
    const a = await repo.book(booking(slotAt('2026-11-27T10:00')));
    const other = await repo.book(booking(slotAt('2026-11-27T11:00'), 'webchat:c2'));
    await expect(repo.reschedule(a.reference, slotAt('2026-11-27T11:00'))).rejects.toBeInstanceOf(SlotTakenError);
    const moved = await repo.reschedule(a.reference, slotAt('2026-11-30T09:00', 'np-garcia'));
    expect(moved).toMatchObject({ _id: a._id, reference: a.reference, providerId: 'np-garcia', start: local('2026-11-30T09:00'), sequence: 1 });
    // The old slot is free again.
    await expect(repo.book(booking(slotAt('2026-11-27T10:00'), 'webchat:c3'))).resolves.toBeDefined();
    expect((await repo.get(other._id))?.start).toEqual(local('2026-11-27T11:00'));
  });

  it('lists a conversation\'s upcoming booked appointments, soonest first', async () => {
    await repo.book(booking(slotAt('2026-11-30T09:00')));
    await repo.book(booking(slotAt('2026-11-27T09:00')));
    const gone = await repo.book(booking(slotAt('2026-11-28T09:00')));
    await repo.cancel(gone.reference);
    const list = await repo.upcomingForConversation('webchat:c1');
    expect(list.map((a) => a.start)).toEqual([local('2026-11-27T09:00'), local('2026-11-30T09:00')]);
  });

  it('reminders: claimed atomically by one worker each, sent once, released claims retried', async () => {
    const appts = await Promise.all(['09:00', '09:15', '09:30', '09:45', '10:00', '10:15'].map((t, i) => repo.book(booking(slotAt(`2026-11-27T${t}`), `webchat:c${i}`))));
    clock.set(local('2026-11-26T12:00')); // all are due (day before at the same time)
    const now = clock.now();
    const [a, b] = await Promise.all([repo.claimDueReminders('w1', now, 10), repo.claimDueReminders('w2', now, 10)]);
    const ids = [...a, ...b].map((d) => d._id).sort();
    expect(ids).toEqual(appts.map((d) => d._id).sort());
    expect(await repo.claimDueReminders('w3', now, 10)).toEqual([]);
    expect(await repo.markReminderSent(a[0]?._id ?? b[0]!._id, 'someone-else')).toBe(false);
    for (const d of a) expect(await repo.markReminderSent(d._id, 'w1')).toBe(true);
    for (const d of b) await repo.releaseReminder(d._id, 'w2', new Date(now.getTime() + 60_000));
    expect(await repo.claimDueReminders('w3', now, 10)).toEqual([]);
    const retried = await repo.claimDueReminders('w3', new Date(now.getTime() + 60_000), 10);
    expect(retried.map((d) => d._id).sort()).toEqual(b.map((d) => d._id).sort());
  });
});

describe('reminderDueAt', () => {
  it('is the day before at the same wall-clock time, also across a DST change', () => {
    // Monday 2 November 2026 09:00 EST; the day before is Sunday 1 November 09:00 EST (after the 02:00 change).
    expect(reminderDueAt(local('2026-11-02T09:00'), local('2026-10-30T09:00'), TZ)).toEqual(local('2026-11-01T09:00'));
    // Sunday 1 November 09:00 EST → Saturday 31 October 09:00 EDT: one wall-clock day, 25 real hours.
    const start = local('2026-11-01T09:00');
    const due = reminderDueAt(start, local('2026-10-20T09:00'), TZ)!;
    expect(start.getTime() - due.getTime()).toBe(25 * 3600_000);
  });

  it('two hours before when booked less than a day ahead; none when even that has passed', () => {
    const start = local('2026-11-25T15:00');
    expect(reminderDueAt(start, local('2026-11-25T09:00'), TZ)).toEqual(local('2026-11-25T13:00'));
    expect(reminderDueAt(start, local('2026-11-25T14:00'), TZ)).toBeNull();
  });
});
