// Slot generation from the clinic file and what each disposition is offered, incl. across DST.
import { bookingHorizon, isOpeningSlot, judgeWindow, offerSlots, openSlots, parseSlotValue, slotKey, slotValue } from '../../src/scheduling/slots';
import { clinic, local, wall } from './fixtures';

const NONE = new Set<string>();
// Wednesday 25 November 2026, 09:00 in New York.
const WED_9 = local('2026-11-25T09:00');

describe('openSlots', () => {
  it('follows the opening hours of each day, for every provider', () => {
    const slots = openSlots(clinic, local('2026-11-25T00:00'), local('2026-11-26T00:00'));
    const starts = [...new Set(slots.map((s) => wall(s.start)))];
    expect(starts[0]).toBe('2026-11-25T08:00');
    expect(starts).not.toContain('2026-11-25T12:00'); // lunch break
    expect(starts).toContain('2026-11-25T13:00');
    expect(starts[starts.length - 1]).toBe('2026-11-25T17:45'); // last 15-minute slot before 18:00
    expect(slots.length).toBe(starts.length * clinic.providers.length);
    expect(slots.every((s) => s.end.getTime() - s.start.getTime() === clinic.slotMinutes * 60_000)).toBe(true);
  });

  it('skips closed days and holidays', () => {
    expect(openSlots(clinic, local('2026-11-29T00:00'), local('2026-11-30T00:00'))).toEqual([]); // Sunday
    expect(openSlots(clinic, local('2026-12-25T00:00'), local('2026-12-26T00:00'))).toEqual([]); // holiday (a Friday)
    const saturday = openSlots(clinic, local('2026-11-28T00:00'), local('2026-11-29T00:00'));
    expect(wall(saturday[0]!.start)).toBe('2026-11-28T09:00');
  });

  it('knows whether a provider has a slot starting at a time', () => {
    expect(isOpeningSlot(clinic, 'dr-lee', local('2026-11-25T09:15'))).toBe(true);
    expect(isOpeningSlot(clinic, 'dr-lee', local('2026-11-25T09:10'))).toBe(false);
    expect(isOpeningSlot(clinic, 'dr-lee', local('2026-11-25T12:15'))).toBe(false);
    expect(isOpeningSlot(clinic, 'dr-nobody', local('2026-11-25T09:15'))).toBe(false);
  });
});

describe('offerSlots by disposition', () => {
  it('emergency: never a slot', () => {
    expect(offerSlots('emergency', WED_9, NONE, { clinic })).toEqual([]);
    expect(bookingHorizon('emergency', WED_9, clinic)).toBeUndefined();
  });

  it('urgent: within 24 hours, earliest (same day) first, never in the past', () => {
    const slots = offerSlots('urgent', WED_9, NONE, { clinic, limit: 200 });
    expect(slots.length).toBeGreaterThan(3);
    expect(wall(slots[0]!.start)).toBe('2026-11-25T09:30'); // 30 minutes to get there
    expect(slots.every((s) => s.start > WED_9 && s.start.getTime() <= WED_9.getTime() + 24 * 3600_000)).toBe(true);
    expect(slots.map((s) => s.start.getTime())).toEqual([...slots.map((s) => s.start.getTime())].sort((a, b) => a - b));
    expect(wall(slots[slots.length - 1]!.start)).toBe('2026-11-26T08:45'); // Thursday, still within 24 h
  });

  it('urgent late in the day: the rest of today, then tomorrow morning', () => {
    const slots = offerSlots('urgent', local('2026-11-25T17:00'), NONE, { clinic, limit: 4 });
    expect(slots.map((s) => wall(s.start))).toEqual(['2026-11-25T17:30', '2026-11-25T17:45', '2026-11-26T08:00', '2026-11-26T08:15']);
  });

  it('routine: the next available, one provider per time, skipping taken slots', () => {
    const taken = new Set([slotKey({ providerId: 'dr-lee', start: local('2026-11-25T09:30') }), slotKey({ providerId: 'np-garcia', start: local('2026-11-25T09:30') })]);
    const slots = offerSlots('routine', WED_9, taken, { clinic });
    expect(slots.map((s) => wall(s.start))).toEqual(['2026-11-25T09:45', '2026-11-25T10:00', '2026-11-25T10:15']);
    const halfTaken = new Set([slotKey({ providerId: 'dr-lee', start: local('2026-11-25T09:30') })]);
    expect(offerSlots('routine', WED_9, halfTaken, { clinic, limit: 1 })[0]).toMatchObject({ providerId: 'np-garcia' });
  });

  it('self_care is offered like routine (the caller decides whether to offer at all)', () => {
    expect(offerSlots('self_care', WED_9, NONE, { clinic })).toEqual(offerSlots('routine', WED_9, NONE, { clinic }));
  });

  it('within a requested window, or after a time', () => {
    const window = { start: local('2026-11-27T13:00'), end: local('2026-11-27T17:00') };
    expect(offerSlots('routine', WED_9, NONE, { clinic, window }).map((s) => wall(s.start))).toEqual(['2026-11-27T13:00', '2026-11-27T13:15', '2026-11-27T13:30']);
    expect(wall(offerSlots('routine', WED_9, NONE, { clinic, after: local('2026-11-28T12:00') })[0]!.start)).toBe('2026-11-30T08:00');
  });

  it('judges a window: closed day, closed time, beyond the horizon', () => {
    expect(judgeWindow('routine', WED_9, { start: local('2026-11-29T00:00'), end: local('2026-11-30T00:00') }, clinic)).toBe('closed_day');
    expect(judgeWindow('routine', WED_9, { start: local('2026-11-27T19:00'), end: local('2026-11-27T20:00') }, clinic)).toBe('closed_time');
    expect(judgeWindow('urgent', WED_9, { start: local('2026-11-30T09:00'), end: local('2026-11-30T10:00') }, clinic)).toBe('beyond_horizon');
    expect(judgeWindow('routine', WED_9, { start: local('2027-01-30T09:00'), end: local('2027-01-30T10:00') }, clinic)).toBe('beyond_horizon');
    expect(judgeWindow('routine', WED_9, { start: local('2026-11-30T09:00'), end: local('2026-11-30T10:00') }, clinic)).toBe('open');
  });

  it('slot values round-trip', () => {
    const slot = { providerId: 'dr-lee', start: new Date('2026-11-27T14:00:00.000Z') };
    expect(slotValue(slot)).toBe('slot:dr-lee:2026-11-27T14:00:00.000Z');
    expect(parseSlotValue(slotValue(slot))).toEqual(slot);
    expect(parseSlotValue('slot:dr-lee:yesterday')).toBeUndefined();
  });
});

describe('daylight-saving changes in America/New_York', () => {
  it('spring forward (Sunday 14 March 2027): 08:00 stays 08:00 local, an hour earlier in UTC', () => {
    const friday = local('2027-03-12T10:00');
    const slots = offerSlots('routine', friday, NONE, { clinic, after: local('2027-03-12T17:00'), limit: 3 });
    // Friday closes at 17:00, Saturday opens 09:00 (EST, UTC-5); Monday 08:00 is EDT (UTC-4).
    expect(slots[0]!.start.toISOString()).toBe('2027-03-13T14:00:00.000Z');
    const monday = offerSlots('routine', friday, NONE, { clinic, after: local('2027-03-14T00:00'), limit: 1 });
    expect(monday[0]!.start.toISOString()).toBe('2027-03-15T12:00:00.000Z');
    expect(wall(monday[0]!.start)).toBe('2027-03-15T08:00');
  });

  it('fall back (Sunday 1 November 2026): Monday 08:00 is 13:00 UTC, Friday 08:00 was 12:00 UTC', () => {
    const thursday = local('2026-10-29T18:30');
    const [friday] = offerSlots('routine', thursday, NONE, { clinic, limit: 1 });
    expect(friday!.start.toISOString()).toBe('2026-10-30T12:00:00.000Z');
    const [monday] = offerSlots('routine', thursday, NONE, { clinic, after: local('2026-11-01T00:00'), limit: 1 });
    expect(monday!.start.toISOString()).toBe('2026-11-02T13:00:00.000Z');
  });

  it('urgent "within 24 hours" counts real hours across the change (a clinic open on Sundays)', () => {
    const sundays = { ...clinic, openingHours: { ...clinic.openingHours, sun: ['08:00-12:00'] } };
    // Saturday 11:00 EST + 24 real hours = Sunday 12:00 EDT (one wall-clock hour more than "same time tomorrow").
    const slots = offerSlots('urgent', local('2027-03-13T11:00'), NONE, { clinic: sundays, limit: 100 });
    const sunday = slots.filter((s) => wall(s.start).startsWith('2027-03-14'));
    expect(wall(sunday[0]!.start)).toBe('2027-03-14T08:00');
    expect(sunday[0]!.start.toISOString()).toBe('2027-03-14T12:00:00.000Z');
    expect(wall(sunday[sunday.length - 1]!.start)).toBe('2027-03-14T11:45');
  });

  it('every slot of a DST day is a real 15 minutes', () => {
    const slots = openSlots(clinic, local('2027-03-15T00:00'), local('2027-03-16T00:00'));
    expect(slots.every((s) => s.end.getTime() - s.start.getTime() === 15 * 60_000)).toBe(true);
    expect(wall(slots[0]!.start)).toBe('2027-03-15T08:00');
  });
});
