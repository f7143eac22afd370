// Understanding a date or time a patient writes ("tomorrow afternoon", "el martes por la mañana",
// "明天下午", "chiều mai") as a time window in the clinic's time zone. It never guesses: two
// dates, a time without a day, or 3/4 (March 4 or April 3?) come back `ambiguous`, so the dialog
// asks. chrono-node reads the text against a reference clock set to the clinic's wall time, so
// "tomorrow" means the clinic's tomorrow whatever the server's zone.
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import type { Language } from '../triage/types';
import { readVietnamese } from './date-vi';
import { DAY_PART_HOURS, extractDayWords, leftoverMeansToday, mentionsVaguePeriod, type DayPart } from './date-words';
import type { TimeWindow } from './slots';

export type DatePrecision = 'time' | 'part' | 'day';
export type AmbiguityReason = 'which_day' | 'several_dates' | 'day_month_order';

export type DateUnderstanding =
  | { kind: 'window'; window: TimeWindow; precision: DatePrecision }
  | { kind: 'past'; window: TimeWindow }
  | { kind: 'ambiguous'; reason: AmbiguityReason }
  | { kind: 'none' };

interface Reading {
  /** Local days mentioned, at start of day in the clinic's zone. */
  dates: DateTime[];
  hour?: number;
  minute?: number;
  meridiemKnown?: boolean;
  numericDate?: boolean;
}

const PARSERS: Record<Exclude<Language, 'vi'>, chrono.Chrono> = {
  en: chrono.en.casual,
  es: chrono.es.casual,
  fr: chrono.fr.casual,
  pt: chrono.pt.casual,
  zh: chrono.zh.casual,
};

/** How long a "10 o'clock" request reaches: slots starting within the hour fit it. */
const TIME_WINDOW_MINUTES = 60;
/** Nobody means 1–6 at night for a clinic visit: "at 3" is 15:00. */
const LAST_NIGHT_HOUR = 6;

export function understandDate(text: string, lang: Language, now: Date, timezone: string): DateUnderstanding {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  const today = local.startOf('day');
  const words = extractDayWords(text.normalize('NFC').toLowerCase(), lang);
  const reading = lang === 'vi' ? readVietnamese(words.rest, today) : readWithChrono(words.rest, lang, local);
  if (words.extraDays !== undefined) reading.dates.push(today.plus({ days: words.extraDays }));
  if (!reading.dates.length && (words.partMeansToday || leftoverMeansToday(words.rest, lang))) reading.dates.push(today);

  const days = uniqueDays(reading.dates);
  if (days.length > 1) return { kind: 'ambiguous', reason: 'several_dates' };
  if (reading.numericDate) return { kind: 'ambiguous', reason: 'day_month_order' };
  const [day] = days;
  if (!day) {
    const saidSomething = reading.hour !== undefined || words.part !== undefined || mentionsVaguePeriod(words.rest, lang);
    return saidSomething ? { kind: 'ambiguous', reason: 'which_day' } : { kind: 'none' };
  }

  const { window, precision } = buildWindow(day, reading, words.part);
  if (window.end.getTime() <= now.getTime()) return { kind: 'past', window };
  return { kind: 'window', window, precision };
}

function readWithChrono(rest: string, lang: Exclude<Language, 'vi'>, local: DateTime): Reading {
  const reading: Reading = { dates: [] };
  if (!rest) return reading;
  // chrono's parsers read the reference with the process's local-time getters (some ignore a
  // timezone option), so the reference is the clinic's wall time built in process-local time.
  const instant = new Date(local.year, local.month - 1, local.day, local.hour, local.minute);
  const today = local.startOf('day');
  for (const result of PARSERS[lang].parse(rest, instant, { forwardDate: true })) {
    const c = result.start;
    // chrono makes "next week" a day a week from now; which day the patient wants is asked instead.
    if (mentionsVaguePeriod(result.text, lang) && !c.isCertain('weekday')) continue;
    if (c.isCertain('day') || c.isCertain('weekday')) {
      reading.dates.push(pastIfRecent(today.set({ year: c.get('year')!, month: c.get('month')!, day: c.get('day')! }), today, c.isCertain('year') || !c.isCertain('month')));
    }
    if (c.isCertain('hour') && reading.hour === undefined) {
      reading.hour = c.get('hour')!;
      reading.minute = c.get('minute') ?? 0;
      reading.meridiemKnown = c.isCertain('meridiem');
    }
  }
  reading.numericDate = isAmbiguousNumericDate(rest);
  return reading;
}

/**
 * chrono moves "November 20" said on November 26 to next year; a patient who says that means the
 * date just passed (and is told it has), not one eleven months away.
 */
function pastIfRecent(date: DateTime, today: DateTime, yearSaid: boolean): DateTime {
  if (yearSaid) return date;
  const thisYear = date.set({ year: today.year });
  return thisYear < today && thisYear >= today.minus({ months: 2 }) ? thisYear : date;
}

function isAmbiguousNumericDate(text: string): boolean {
  const m = /(?<!\d)(\d{1,2})[/.](\d{1,2})(?![\d:])/.exec(text);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a <= 12 && b <= 12 && a !== b;
}

function uniqueDays(dates: DateTime[]): DateTime[] {
  const seen = new Map<string, DateTime>();
  for (const d of dates) seen.set(d.toISODate() ?? '', d.startOf('day'));
  return [...seen.values()];
}

function buildWindow(day: DateTime, reading: Reading, part: DayPart | undefined): { window: TimeWindow; precision: DatePrecision } {
  if (reading.hour !== undefined) {
    let hour = reading.hour;
    if (!reading.meridiemKnown && hour < 12 && (part === 'afternoon' || part === 'evening')) hour += 12;
    else if (!reading.meridiemKnown && !part && hour >= 1 && hour <= LAST_NIGHT_HOUR) hour += 12;
    const start = day.set({ hour, minute: reading.minute ?? 0 });
    return { window: { start: start.toJSDate(), end: start.plus({ minutes: TIME_WINDOW_MINUTES }).toJSDate() }, precision: 'time' };
  }
  if (part) {
    const [from, to] = DAY_PART_HOURS[part];
    return { window: { start: day.set({ hour: from }).toJSDate(), end: day.set({ hour: to }).toJSDate() }, precision: 'part' };
  }
  return { window: { start: day.toJSDate(), end: day.plus({ days: 1 }).toJSDate() }, precision: 'day' };
}
