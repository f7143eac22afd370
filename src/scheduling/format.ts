// Appointment times as a patient reads them: in the clinic's time zone, in the patient's language.
import { DateTime } from 'luxon';
import type { Clinic, Weekday } from '../config/clinic';
import type { Language } from '../triage/types';

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const LOCALES: Record<Language, string> = { en: 'en-US', es: 'es', fr: 'fr', pt: 'pt-BR', zh: 'zh-CN', vi: 'vi' };

/** "Fri, Nov 27, 9:00 AM" / "ven. 27 nov., 09:00". */
export function formatWhen(date: Date, lang: Language, timezone: string): string {
  return DateTime.fromJSDate(date, { zone: timezone })
    .setLocale(LOCALES[lang])
    .toLocaleString({ weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

export function providerName(clinic: Clinic, providerId: string): string {
  return clinic.providers.find((p) => p.id === providerId)?.name ?? providerId;
}

/** "Tuesday, December 1" / "mardi 1 décembre". */
export function formatDay(date: Date, lang: Language, timezone: string): string {
  return DateTime.fromJSDate(date, { zone: timezone }).setLocale(LOCALES[lang]).toLocaleString({ weekday: 'long', month: 'long', day: 'numeric' });
}

/** "December 5, 2026" / "5 de diciembre de 2026": a date with its year, for a record the patient keeps. */
export function formatDate(date: Date, lang: Language, timezone: string): string {
  return DateTime.fromJSDate(date, { zone: timezone }).setLocale(LOCALES[lang]).toLocaleString(DateTime.DATE_FULL);
}

/** The opening hours of that local day, e.g. "08:00–12:00, 13:00–18:00". */
export function hoursLabel(clinic: Clinic, date: Date): string {
  const day = DateTime.fromJSDate(date, { zone: clinic.timezone });
  return clinic.openingHours[WEEKDAYS[day.weekday - 1]!].map((r) => r.replace('-', '–')).join(', ');
}
