// The clinic's bookable slots, generated from the clinic file in the clinic's own time zone.
// Every wall-clock time (opening hours, holidays, "today") is read in that zone with luxon, so a
// slot at 08:00 stays at 08:00 local on both sides of a daylight-saving change.
import { DateTime } from 'luxon';
import type { Clinic, Weekday } from '../config/clinic';
import type { Disposition } from '../triage/types';

export interface Slot {
  providerId: string;
  start: Date;
  end: Date;
}

export interface TimeWindow {
  start: Date;
  end: Date;
}

/** Keys of the slots already booked, as made by `slotKey`. */
export type TakenSlots = ReadonlySet<string>;

/** A patient needs time to get to the clinic: slots starting sooner than this are not offered. */
export const DEFAULT_LEAD_MINUTES = 30;
export const DEFAULT_OFFER_COUNT = 3;
const URGENT_HOURS = 24;

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export function slotKey(slot: Pick<Slot, 'providerId' | 'start'>): string {
  return `${slot.providerId}|${slot.start.getTime()}`;
}

/** The value a client sends back for a slot choice, e.g. `slot:dr-lee:2026-11-27T14:00:00.000Z`. */
export function slotValue(slot: Pick<Slot, 'providerId' | 'start'>): string {
  return `slot:${slot.providerId}:${slot.start.toISOString()}`;
}

export function parseSlotValue(value: string): { providerId: string; start: Date } | undefined {
  const m = /^slot:([a-z0-9-]+):(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z)$/.exec(value.trim());
  if (!m) return undefined;
  const start = new Date(m[2]!);
  return Number.isNaN(start.getTime()) ? undefined : { providerId: m[1]!, start };
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** The opening ranges of one local day (empty on closed days and holidays). */
export function openingRanges(clinic: Clinic, day: DateTime): TimeWindow[] {
  if (clinic.holidays.includes(day.toISODate() ?? '')) return [];
  const ranges = clinic.openingHours[WEEKDAYS[day.weekday - 1]!];
  return ranges.map((r) => {
    const [from, to] = r.split('-') as [string, string];
    // Built from wall-clock fields, so the offset is the one in force on that day.
    const at = (mins: number): Date => day.startOf('day').set({ hour: Math.floor(mins / 60), minute: mins % 60 }).toJSDate();
    return { start: at(minutesOf(from)), end: at(minutesOf(to)) };
  });
}

/** Every provider's opening slots starting in [from, to), earliest first. */
export function openSlots(clinic: Clinic, from: Date, to: Date): Slot[] {
  const out: Slot[] = [];
  const stepMs = clinic.slotMinutes * 60_000;
  let day = DateTime.fromJSDate(from, { zone: clinic.timezone }).startOf('day');
  const lastDay = DateTime.fromJSDate(to, { zone: clinic.timezone }).startOf('day');
  while (day <= lastDay) {
    for (const range of openingRanges(clinic, day)) {
      // Stepping in absolute time keeps every slot its real length, even in a range spanning a DST change.
      for (let t = range.start.getTime(); t + stepMs <= range.end.getTime(); t += stepMs) {
        if (t < from.getTime() || t >= to.getTime()) continue;
        for (const p of clinic.providers) out.push({ providerId: p.id, start: new Date(t), end: new Date(t + stepMs) });
      }
    }
    day = day.plus({ days: 1 });
  }
  return out;
}

/** True when this provider has an opening slot starting exactly then. */
export function isOpeningSlot(clinic: Clinic, providerId: string, start: Date): boolean {
  if (!clinic.providers.some((p) => p.id === providerId)) return false;
  const slots = openSlots(clinic, start, new Date(start.getTime() + 1));
  return slots.some((s) => s.providerId === providerId && s.start.getTime() === start.getTime());
}

/** The latest start a disposition allows: urgent within 24 hours, others within the booking horizon; emergency none. */
export function bookingHorizon(disposition: Disposition | undefined, now: Date, clinic: Clinic): Date | undefined {
  switch (disposition) {
    case 'emergency':
      return undefined;
    case 'urgent':
      return new Date(now.getTime() + URGENT_HOURS * 3600_000);
    case 'routine':
    case 'self_care':
    case undefined:
      return DateTime.fromJSDate(now, { zone: clinic.timezone }).plus({ days: clinic.bookingHorizonDays }).endOf('day').toJSDate();
  }
}

export interface OfferOptions {
  clinic: Clinic;
  limit?: number;
  leadMinutes?: number;
  /** Only slots starting inside this window (a date the patient asked for). */
  window?: TimeWindow;
  /** Only slots starting at or after this time (alternatives to a time that is not possible). */
  after?: Date;
}

/**
 * Slots to offer for a disposition: urgent → within 24 hours, earliest (so same day) first;
 * routine → the next available; emergency → none (the patient needs emergency care, not a slot);
 * self_care → like routine: the caller offers them only when the patient asks.
 * One provider per start time, so the patient sees distinct times.
 */
export function offerSlots(disposition: Disposition | undefined, now: Date, taken: TakenSlots, opts: OfferOptions): Slot[] {
  const horizon = bookingHorizon(disposition, now, opts.clinic);
  if (!horizon) return [];
  const earliest = now.getTime() + (opts.leadMinutes ?? DEFAULT_LEAD_MINUTES) * 60_000;
  const from = Math.max(earliest, opts.window?.start.getTime() ?? 0, opts.after?.getTime() ?? 0);
  const to = Math.min(horizon.getTime(), opts.window?.end.getTime() ?? Infinity);
  if (from >= to) return [];
  const limit = opts.limit ?? DEFAULT_OFFER_COUNT;
  const out: Slot[] = [];
  const seenStarts = new Set<number>();
  for (const slot of openSlots(opts.clinic, new Date(from), new Date(to))) {
    if (taken.has(slotKey(slot)) || seenStarts.has(slot.start.getTime())) continue;
    seenStarts.add(slot.start.getTime());
    out.push(slot);
    if (out.length >= limit) break;
  }
  return out;
}

export type WindowVerdict = 'open' | 'closed_day' | 'closed_time' | 'beyond_horizon';

/** Why a requested window may hold no slot, before looking at what is booked. */
export function judgeWindow(disposition: Disposition | undefined, now: Date, window: TimeWindow, clinic: Clinic): WindowVerdict {
  const horizon = bookingHorizon(disposition, now, clinic);
  if (horizon && window.start.getTime() > horizon.getTime()) return 'beyond_horizon';
  if (openSlots(clinic, window.start, window.end).length > 0) return 'open';
  let day = DateTime.fromJSDate(window.start, { zone: clinic.timezone }).startOf('day');
  const last = DateTime.fromJSDate(new Date(window.end.getTime() - 1), { zone: clinic.timezone }).startOf('day');
  for (; day <= last; day = day.plus({ days: 1 })) if (openingRanges(clinic, day).length > 0) return 'closed_time';
  return 'closed_day';
}
