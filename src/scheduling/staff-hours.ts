// When a person can answer: the clinic's staff work its opening hours. A patient who asks for a
// person hears whether someone is there now, or when the clinic opens again.
import { DateTime } from 'luxon';
import type { Clinic } from '../config/clinic';
import { openingRanges } from './slots';

/** How far ahead to look for the next opening (a long holiday closure still ends within this). */
const LOOKAHEAD_DAYS = 21;

export type StaffAvailability = { open: true; until: Date } | { open: false; next?: Date };

export function staffAvailability(clinic: Clinic, now: Date): StaffAvailability {
  const today = DateTime.fromJSDate(now, { zone: clinic.timezone }).startOf('day');
  for (let d = 0; d <= LOOKAHEAD_DAYS; d++) {
    for (const range of openingRanges(clinic, today.plus({ days: d }))) {
      if (range.end <= now) continue;
      if (range.start <= now) return { open: true, until: range.end };
      return { open: false, next: range.start };
    }
  }
  return { open: false };
}
