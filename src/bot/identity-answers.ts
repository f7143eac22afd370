// Reading the answers to "who are you?": a date of birth as people write it (14/03/1985, 1985-03-14,
// "March 14, 1985", "14 de marzo de 1985", "1985年3月14日"), a phone number with its usual
// punctuation, and "skip" in the patient's language.
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import type { I18n } from '../i18n';
import type { Language } from '../triage/types';
import { normalise } from './intents';

const OLDEST_YEARS = 120;
/** Written dates; Vietnamese is written with numbers (ngày 14 tháng 3 năm 1985 is read below). */
const WRITTEN: Partial<Record<Language, chrono.Chrono>> = { en: chrono.en.casual, es: chrono.es.casual, fr: chrono.fr.casual, pt: chrono.pt.casual, zh: chrono.zh.casual };

export function isSkip(i18n: I18n, text: string, lang: Language): boolean {
  const t = normalise(text);
  const words = (i18n.instance.getResource(lang, 'intents', 'skip') as string[] | undefined) ?? [];
  return words.some((w) => {
    const n = normalise(w);
    return t === n || t.startsWith(`${n} `);
  });
}

function fullYear(y: number, now: DateTime): number {
  if (y >= 100) return y;
  const century = Math.floor(now.year / 100) * 100;
  return century + y > now.year ? century - 100 + y : century + y;
}

/** Day, month, year from numbers: year first when it has four digits; else the language's order unless a part is over 12. */
function numericDate(text: string, lang: Language, now: DateTime): DateTime | undefined {
  const vi = /ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})/iu.exec(text);
  if (vi) return DateTime.fromObject({ year: Number(vi[3]), month: Number(vi[2]), day: Number(vi[1]) });
  const zh = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/u.exec(text);
  if (zh) return DateTime.fromObject({ year: Number(zh[1]), month: Number(zh[2]), day: Number(zh[3]) });
  const m = /\b(\d{1,4})[/.\-\s](\d{1,2})[/.\-\s](\d{2,4})\b/.exec(text);
  if (!m) return undefined;
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (m[1]!.length === 4) return DateTime.fromObject({ year: a, month: b, day: c });
  const monthFirst = a > 12 ? false : b > 12 ? true : lang === 'en';
  return DateTime.fromObject({ year: fullYear(c, now), month: monthFirst ? a : b, day: monthFirst ? b : a });
}

/** The date of birth as YYYY-MM-DD, or undefined when it cannot be read or is not a plausible one. */
export function readDateOfBirth(text: string, lang: Language, nowDate: Date): string | undefined {
  const now = DateTime.fromJSDate(nowDate);
  let date = numericDate(text, lang, now);
  if (!date) {
    const written = WRITTEN[lang]?.parse(text, nowDate)[0];
    // A birth date names its year: "March 14" alone is not one.
    if (written?.start.isCertain('year') && written.start.isCertain('month')) date = DateTime.fromJSDate(written.start.date());
  }
  if (!date?.isValid) return undefined;
  if (date > now || now.diff(date, 'years').years > OLDEST_YEARS) return undefined;
  return date.toISODate() ?? undefined;
}

/** A phone number: 7 to 15 digits, with an optional leading + and the usual spaces, dots, dashes and brackets. */
export function readPhone(text: string): string | undefined {
  const t = text.trim();
  if (!/^\+?[\d\s().-]+$/.test(t)) return undefined;
  const digits = t.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return undefined;
  return t.replace(/\s+/g, ' ');
}
