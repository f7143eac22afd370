// Vietnamese dates and times, read with a few patterns: chrono-node's Vietnamese parser misses
// the everyday forms ("chiều mai", "thứ hai tuần sau", "10 giờ rưỡi"). The part of the day
// (sáng, chiều, ...) is taken out before, by date-words.ts.
import type { DateTime } from 'luxon';

export interface ViReading {
  /** Local dates mentioned (several → the caller asks which). */
  dates: DateTime[];
  hour?: number;
  minute?: number;
  /** Day and month both ≤ 12 written with digits: nobody can tell which is which. */
  numericDate?: boolean;
}

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

const RELATIVE: Array<[RegExp, number]> = [
  [new RegExp(`${B}(?:hôm nay|nay)${E}`, 'u'), 0],
  [new RegExp(`${B}(?:ngày mai|mai)${E}`, 'u'), 1],
  [new RegExp(`${B}(?:ngày mốt|ngày kia|mốt|kia)${E}`, 'u'), 2],
  [new RegExp(`${B}(?:hôm qua)${E}`, 'u'), -1],
];

// ISO weekday numbers (1 = Monday); Vietnamese counts Sunday first, so "thứ hai" (second) is Monday.
const WEEKDAYS: Array<[RegExp, number]> = [
  [new RegExp(`${B}(?:thứ hai|thứ 2|t2)${E}`, 'u'), 1],
  [new RegExp(`${B}(?:thứ ba|thứ 3|t3)${E}`, 'u'), 2],
  [new RegExp(`${B}(?:thứ tư|thứ 4|t4)${E}`, 'u'), 3],
  [new RegExp(`${B}(?:thứ năm|thứ 5|t5)${E}`, 'u'), 4],
  [new RegExp(`${B}(?:thứ sáu|thứ 6|t6)${E}`, 'u'), 5],
  [new RegExp(`${B}(?:thứ bảy|thứ 7|t7)${E}`, 'u'), 6],
  [new RegExp(`${B}(?:chủ nhật|cn)${E}`, 'u'), 7],
];

const NEXT_WEEK = new RegExp(`${B}(?:tuần sau|tuần tới)${E}`, 'u');
const FULL_DATE = new RegExp(`${B}(?:ngày\\s*)?(\\d{1,2})\\s*(?:tháng|/|-)\\s*(\\d{1,2})(?:\\s*(?:năm|/|-)\\s*(\\d{4}))?${E}`, 'u');
const CLOCK = new RegExp(`${B}(?:lúc\\s*)?(\\d{1,2})\\s*(?::|giờ|h|g)\\s*(?:(\\d{1,2})\\s*(?:phút)?|(rưỡi))?`, 'u');

/** Reads Vietnamese `text` relative to `today` (a local date at start of day). */
export function readVietnamese(text: string, today: DateTime): ViReading {
  const out: ViReading = { dates: [] };
  let rest = text;
  const full = FULL_DATE.exec(rest);
  if (full) {
    const [day, month] = [Number(full[1]), Number(full[2])];
    let date = today.set({ day: 1, month, year: full[3] ? Number(full[3]) : today.year }).set({ day });
    // A date without a year that has passed more than two months ago means next year.
    if (!full[3] && date < today.minus({ months: 2 })) date = date.plus({ years: 1 });
    if (date.isValid && date.day === day) out.dates.push(date);
    out.numericDate = !/tháng/u.test(full[0]) && day <= 12 && month <= 12 && day !== month;
    rest = rest.replace(full[0], ' ');
  }
  for (const [re, days] of RELATIVE) if (re.test(rest)) out.dates.push(today.plus({ days }));
  const nextWeek = NEXT_WEEK.test(rest);
  for (const [re, weekday] of WEEKDAYS) {
    if (!re.test(rest)) continue;
    let date = today.plus({ days: (weekday - today.weekday + 7) % 7 });
    if (nextWeek) date = today.plus({ weeks: 1 }).startOf('week').plus({ days: weekday - 1 });
    out.dates.push(date);
  }
  const clock = CLOCK.exec(rest);
  if (clock) {
    out.hour = Number(clock[1]);
    out.minute = clock[3] ? 30 : clock[2] ? Number(clock[2]) : 0;
  }
  return out;
}
