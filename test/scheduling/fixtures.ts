// Shared fixtures for the scheduling tests: the bundled demo clinic (America/New_York), the real
// locale files, and a clock that tests move by hand.
import { DateTime } from 'luxon';
import { loadClinic, type Clinic } from '../../src/config/clinic';
import { createI18n, type I18n } from '../../src/i18n';

export const clinic: Clinic = loadClinic();
export const i18n: I18n = createI18n();

/** A UTC instant from the clinic's wall-clock time, e.g. local('2026-11-25T09:00'). */
export function local(wall: string, zone = clinic.timezone): Date {
  return DateTime.fromISO(wall, { zone }).toJSDate();
}

/** The clinic's wall-clock time of an instant, e.g. '2026-11-25T09:00'. */
export function wall(date: Date, zone = clinic.timezone): string {
  return DateTime.fromJSDate(date, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

export class Clock {
  constructor(private current: Date) {}
  now = (): Date => this.current;
  set(date: Date): void {
    this.current = date;
  }
}
