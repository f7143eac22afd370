// Dates and times in the six languages, read in the clinic's time zone (America/New_York).
import { understandDate } from '../../src/scheduling/date-understanding';
import type { Language } from '../../src/triage/types';
import { clinic, local, wall } from './fixtures';

// Wednesday 25 November 2026, 09:00 in New York (14:00 UTC).
const NOW = local('2026-11-25T09:00');
const TZ = clinic.timezone;

type Expect = [from: string, to: string, precision: 'time' | 'part' | 'day'];

const windows: Array<[Language, string, Expect]> = [
  ['en', 'tomorrow afternoon', ['2026-11-26T12:00', '2026-11-26T18:00', 'part']],
  ['en', 'next Monday at 10', ['2026-11-30T10:00', '2026-11-30T11:00', 'time']],
  ['en', 'Tuesday morning', ['2026-12-01T06:00', '2026-12-01T12:00', 'part']],
  ['en', 'this afternoon', ['2026-11-25T12:00', '2026-11-25T18:00', 'part']],
  ['en', 'December 3 at 2pm', ['2026-12-03T14:00', '2026-12-03T15:00', 'time']],
  ['en', 'friday at 3', ['2026-11-27T15:00', '2026-11-27T16:00', 'time']],
  ['en', 'the day after tomorrow', ['2026-11-27T00:00', '2026-11-28T00:00', 'day']],
  ['es', 'el martes por la mañana', ['2026-12-01T06:00', '2026-12-01T12:00', 'part']],
  ['es', 'mañana por la tarde', ['2026-11-26T12:00', '2026-11-26T18:00', 'part']],
  ['es', 'mañana', ['2026-11-26T00:00', '2026-11-27T00:00', 'day']],
  ['es', 'el lunes a las 10', ['2026-11-30T10:00', '2026-11-30T11:00', 'time']],
  ['es', 'pasado mañana', ['2026-11-27T00:00', '2026-11-28T00:00', 'day']],
  ['fr', 'demain matin', ['2026-11-26T06:00', '2026-11-26T12:00', 'part']],
  ['fr', 'lundi prochain à 10h', ['2026-11-30T10:00', '2026-11-30T11:00', 'time']],
  ['fr', 'mardi après-midi', ['2026-12-01T12:00', '2026-12-01T18:00', 'part']],
  ['fr', 'le 3 décembre à 14h30', ['2026-12-03T14:30', '2026-12-03T15:30', 'time']],
  ['pt', 'amanhã à tarde', ['2026-11-26T12:00', '2026-11-26T18:00', 'part']],
  ['pt', 'terça de manhã', ['2026-12-01T06:00', '2026-12-01T12:00', 'part']],
  ['pt', 'segunda-feira às 10', ['2026-11-30T10:00', '2026-11-30T11:00', 'time']],
  ['pt', 'depois de amanhã', ['2026-11-27T00:00', '2026-11-28T00:00', 'day']],
  ['zh', '明天下午', ['2026-11-26T12:00', '2026-11-26T18:00', 'part']],
  ['zh', '明天下午3点', ['2026-11-26T15:00', '2026-11-26T16:00', 'time']],
  ['zh', '下周一上午10点', ['2026-11-30T10:00', '2026-11-30T11:00', 'time']],
  ['zh', '周二上午', ['2026-12-01T06:00', '2026-12-01T12:00', 'part']],
  ['vi', 'chiều mai', ['2026-11-26T12:00', '2026-11-26T18:00', 'part']],
  ['vi', 'sáng thứ hai', ['2026-11-30T06:00', '2026-11-30T12:00', 'part']],
  ['vi', 'ngày mai lúc 10 giờ', ['2026-11-26T10:00', '2026-11-26T11:00', 'time']],
  ['vi', 'chiều mai 3 giờ rưỡi', ['2026-11-26T15:30', '2026-11-26T16:30', 'time']],
  ['vi', 'thứ sáu tuần sau', ['2026-12-04T00:00', '2026-12-05T00:00', 'day']],
  ['en', 'Monday next week', ['2026-11-30T00:00', '2026-12-01T00:00', 'day']],
  ['zh', '下周二', ['2026-12-01T00:00', '2026-12-02T00:00', 'day']],
];

describe('understandDate: windows in the clinic time zone', () => {
  it.each(windows)('%s "%s"', (lang, text, [from, to, precision]) => {
    const r = understandDate(text, lang, NOW, TZ);
    expect(r.kind).toBe('window');
    if (r.kind !== 'window') return;
    expect([wall(r.window.start), wall(r.window.end), r.precision]).toEqual([from, to, precision]);
  });
});

const others: Array<[Language, string, string]> = [
  ['en', 'yesterday', 'past'],
  ['en', 'November 20', 'past'],
  ['en', 'this morning at 8', 'past'],
  ['es', 'ayer', 'past'],
  ['vi', 'hôm qua', 'past'],
  ['en', 'monday or tuesday', 'ambiguous:several_dates'],
  ['fr', 'lundi ou mardi', 'ambiguous:several_dates'],
  ['vi', 'thứ hai hoặc thứ ba', 'ambiguous:several_dates'],
  ['en', '3/4', 'ambiguous:day_month_order'],
  ['pt', '3/4 de manhã', 'ambiguous:day_month_order'],
  ['en', 'at 10', 'ambiguous:which_day'],
  ['es', 'por la tarde', 'ambiguous:which_day'],
  ['zh', '下午', 'ambiguous:which_day'],
  ['en', 'next week', 'ambiguous:which_day'],
  ['fr', 'la semaine prochaine', 'ambiguous:which_day'],
  ['es', 'la próxima semana', 'ambiguous:which_day'],
  ['pt', 'semana que vem', 'ambiguous:which_day'],
  ['zh', '下周', 'ambiguous:which_day'],
  ['vi', 'tuần sau', 'ambiguous:which_day'],
  ['en', 'whenever works', 'none'],
  ['zh', '你好', 'none'],
];

describe('understandDate: past, ambiguous (ask, do not guess), nothing', () => {
  it.each(others)('%s "%s" → %s', (lang, text, expected) => {
    const r = understandDate(text, lang, NOW, TZ);
    expect(r.kind === 'ambiguous' ? `ambiguous:${r.reason}` : r.kind).toBe(expected);
  });
});

describe('understandDate across a daylight-saving change', () => {
  it('"Monday at 9" said on Saturday 13 March 2027 is 09:00 EDT (13:00 UTC), not EST', () => {
    const r = understandDate('Monday at 9', 'en', local('2027-03-13T10:00'), TZ);
    expect(r.kind === 'window' && r.window.start.toISOString()).toBe('2027-03-15T13:00:00.000Z');
  });

  it('"tomorrow" late in the evening is the clinic\'s tomorrow, whatever UTC says', () => {
    // 22:30 in New York is already the next day in UTC.
    const r = understandDate('tomorrow morning', 'en', local('2026-10-31T22:30'), TZ);
    expect(r.kind === 'window' && wall(r.window.start)).toBe('2026-11-01T06:00');
    expect(r.kind === 'window' && r.window.start.toISOString()).toBe('2026-11-01T11:00:00.000Z'); // EST after 02:00
  });
});
