// The decisions of the booking dialog, kept free of Bot Framework so they can be tested alone:
// what a patient's answer means (a slot, yes or no, a date request) and what to offer next.
import type { Clinic } from '../config/clinic';
import type { Translate } from '../i18n';
import type { Disposition, Language } from '../triage/types';
import type { AmbiguityReason, DateUnderstanding } from './date-understanding';
import { formatDay, hoursLabel } from './format';
import { bookingHorizon, isOpeningSlot, judgeWindow, offerSlots, parseSlotValue, type Slot, type TakenSlots } from './slots';

/** A message said before the next offers, as an i18n key and its variables. */
export interface Notice {
  key: string;
  vars?: Record<string, string | number>;
}

/** What to do after a date request: offer slots (in a window, or after a time), or ask. */
export type Plan =
  | { kind: 'offer'; window?: { start: string; end: string }; after?: string; notice?: Notice }
  | { kind: 'ask'; reason: AmbiguityReason };

function normalize(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[.!?,;:。！？，]/g, ' ').replace(/\s+/g, ' ').trim();
}

function startsWithWord(text: string, word: string, lang: Language): boolean {
  if (!text.startsWith(word)) return false;
  // Chinese has no spaces between words: a prefix is enough.
  return lang === 'zh' || !/[\p{L}\p{N}]/u.test(text.charAt(word.length));
}

/** yes / no from a suggested action's value or typed words listed in booking:answers.* (checked "no" first: 不是 starts with 不). */
export function recognizeYesNo(text: string, t: Translate, lang: Language): 'yes' | 'no' | undefined {
  const said = normalize(text);
  if (said === 'yes' || said === 'no') return said;
  for (const answer of ['no', 'yes'] as const) {
    const words = t(`booking:answers.${answer}`).split('|').map(normalize).filter(Boolean);
    if (words.some((w) => startsWithWord(said, w, lang))) return answer;
  }
  return undefined;
}

/** A slot value sent back by a client, or the number of an offered slot (SMS shows choices as numbered lines). */
export function pickedSlot(text: string, offered: readonly string[]): { providerId: string; start: Date } | undefined {
  const trimmed = text.trim();
  const byNumber = /^\d{1,2}$/.test(trimmed) ? offered[Number(trimmed) - 1] : undefined;
  return parseSlotValue(byNumber ?? trimmed);
}

/** A picked slot is bookable when it is a real opening slot, not started, and within the disposition's horizon. */
export function bookableSlot(picked: { providerId: string; start: Date }, clinic: Clinic, disposition: Disposition | undefined, now: Date): Slot | undefined {
  const horizon = bookingHorizon(disposition, now, clinic);
  if (!horizon || picked.start.getTime() <= now.getTime() || picked.start.getTime() > horizon.getTime()) return undefined;
  if (!isOpeningSlot(clinic, picked.providerId, picked.start)) return undefined;
  return { providerId: picked.providerId, start: picked.start, end: new Date(picked.start.getTime() + clinic.slotMinutes * 60_000) };
}

export interface PlanContext {
  clinic: Clinic;
  disposition: Disposition | undefined;
  now: Date;
  lang: Language;
}

/** Turns an understood date request into the next offers (with why, when the time asked for is not possible) or a question. */
export function planDateRequest(understanding: Exclude<DateUnderstanding, { kind: 'none' }>, ctx: PlanContext): Plan {
  const { clinic, disposition, now, lang } = ctx;
  switch (understanding.kind) {
    case 'ambiguous':
      return { kind: 'ask', reason: understanding.reason };
    case 'past':
      return { kind: 'offer', notice: { key: 'booking:past' } };
    case 'window': {
      const { start, end } = understanding.window;
      const window = { start: start.toISOString(), end: end.toISOString() };
      const day = formatDay(start, lang, clinic.timezone);
      switch (judgeWindow(disposition, now, understanding.window, clinic)) {
        case 'beyond_horizon':
          return disposition === 'urgent'
            ? { kind: 'offer', notice: { key: 'booking:urgentSooner' } }
            : { kind: 'offer', notice: { key: 'booking:tooFar', vars: { days: clinic.bookingHorizonDays } } };
        case 'closed_day':
          return { kind: 'offer', after: window.start, notice: { key: 'booking:closedDay', vars: { day } } };
        case 'closed_time':
          return { kind: 'offer', after: window.start, notice: { key: 'booking:closedTime', vars: { day, hours: hoursLabel(clinic, start) } } };
        case 'open':
          return { kind: 'offer', window };
      }
    }
  }
}

/** The slots to offer for a plan: in the window asked for, else the nearest after it, else the next available. */
export function offersFor(plan: Plan | undefined, disposition: Disposition | undefined, now: Date, taken: TakenSlots, clinic: Clinic): Slot[] {
  const offer = plan?.kind === 'offer' ? plan : undefined;
  const window = offer?.window ? { start: new Date(offer.window.start), end: new Date(offer.window.end) } : undefined;
  const after = offer?.after ? new Date(offer.after) : undefined;
  const asked = window || after ? offerSlots(disposition, now, taken, { clinic, window, after }) : [];
  if (asked.length) return asked;
  const later = window ? offerSlots(disposition, now, taken, { clinic, after: window.start }) : [];
  return later.length ? later : offerSlots(disposition, now, taken, { clinic });
}
