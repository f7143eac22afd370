// Numbers in patient text: age, sex, how long, pain score, temperature. The patterns are data
// (clinical/lexicon/<lang>.yaml); this file only turns their matches into numbers.
import { HOURS_PER_UNIT, type DurationUnit, type LanguagePack } from './language-pack';
import { findMatches, type NormalisedText } from './text-match';
import type { Sex } from './state';

export interface Fact<T> {
  value: T;
  evidence: string;
}

const ZH_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function zhNumeral(s: string): number {
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === '十') {
      total += (current === 0 ? 1 : current) * 10;
      current = 0;
    } else if (ch === '百') {
      total += (current === 0 ? 1 : current) * 100;
      current = 0;
    } else {
      current = ZH_DIGITS[ch] ?? 0;
    }
  }
  return total + current;
}

/** The normalised text with number words written as digits ("two days" → "2 days", "六十五岁" → "65岁"). */
export function withDigits(text: NormalisedText, pack: LanguagePack): string {
  let s = text.norm.replace(/(\d),(\d)/g, '$1.$2');
  if (pack.matcher.cjk) {
    s = s.replace(/[零一二两三四五六七八九十百]+(?=\s*(?:个|天|周|星期|礼拜|小时|钟头|岁|分钟|月|年|次|日|度|分))/gu, (m) => String(zhNumeral(m)));
  }
  if (pack.matcher.cjk) {
    for (const { re, value, anchor } of pack.numberWords) if (s.includes(anchor)) s = s.replace(re, String(value));
    return s;
  }
  // one pass, so positions still point into the original: a number word written with other accents
  // is another word (Vietnamese "bà" grandmother, "mươi" -ty, are not "ba" 3, "mười" 10)
  for (const { re, value, written, anchor } of pack.numberWords) {
    if (!s.includes(anchor)) continue;
    const found = [...s.matchAll(re)].filter((m) => sameMarks(text, m.index, m[0].length, written));
    for (const m of found.reverse()) s = s.slice(0, m.index) + String(value).padEnd(m[0].length, ' ') + s.slice(m.index + m[0].length);
  }
  return s.replace(/ {2,}/g, ' ');
}

const marksOf = (s: string): string => s.toLowerCase().normalize('NFD').replace(/[^\p{M}]/gu, '');

function sameMarks(text: NormalisedText, start: number, length: number, written: string): boolean {
  const from = text.map[start];
  const to = text.map[start + length - 1];
  if (from === undefined || to === undefined) return true;
  const marks = marksOf(text.original.slice(from, to + 1));
  return marks === '' || marks === marksOf(written);
}

function toYears(n: number, unit: DurationUnit): number {
  return (n * HOURS_PER_UNIT[unit]) / HOURS_PER_UNIT.years;
}

export function extractAge(digits: string, pack: LanguagePack): Fact<number> | null {
  for (const { re, unit } of pack.age) {
    const m = re.exec(digits);
    const n = m?.groups?.n ? Number(m.groups.n) : NaN;
    if (m && Number.isFinite(n)) {
      const years = toYears(n, unit);
      if (years >= 0 && years <= 120) return { value: Math.round(years * 1000) / 1000, evidence: m[0].trim() };
    }
  }
  return null;
}

export function extractSex(digits: string, pack: LanguagePack): Fact<Sex> | null {
  let best = null as { index: number; fact: Fact<Sex> } | null;
  const consider = (res: RegExp[], value: Sex): void => {
    for (const re of res) {
      const m = re.exec(digits);
      if (m && (!best || m.index < best.index)) best = { index: m.index, fact: { value, evidence: m[0].trim() } };
    }
  };
  consider(pack.female, 'female');
  consider(pack.male, 'male');
  return best?.fact ?? null;
}

/** How long since onset, in hours: the first "number + unit" or duration phrase in the text. */
export function extractDuration(text: NormalisedText, digits: string, pack: LanguagePack): Fact<number> | null {
  let best = null as { index: number; fact: Fact<number> } | null;
  for (const m of digits.matchAll(/(\d+(?:\.\d+)?)/g)) {
    const after = digits.slice(m.index + m[0].length);
    for (const { unit, re } of pack.durationUnits) {
      const u = re.exec(after);
      if (!u) continue;
      const before = digits.slice(Math.max(0, m.index - 16), m.index);
      const following = after.slice(u[0].length, u[0].length + 16);
      pack.durationNotAfter.lastIndex = 0;
      pack.durationNotBefore.lastIndex = 0;
      const excluded = pack.durationNotAfter.test(before) || new RegExp(`^\\s*(?:${pack.durationNotBefore.source})`, 'u').test(following);
      if (!excluded && (!best || m.index < best.index)) {
        best = { index: m.index, fact: { value: Number(m[1]) * HOURS_PER_UNIT[unit], evidence: (m[0] + u[0]).trim() } };
      }
      break;
    }
    if (best) break;
  }
  for (const { pattern, hours } of pack.durationPhrases) {
    const found = findMatches(text, [pattern], pack.matcher).find((x) => x.polarity !== 'uncertain');
    // phrase positions are in the normalised text; number positions in the digits text: close enough to order them
    if (found && (!best || found.start < best.index)) best = { index: found.start, fact: { value: hours, evidence: found.evidence } };
  }
  return best ? best.fact : null;
}

/** Weeks of pregnancy: the gestation bounds a pregnancy can have. */
const GESTATION_WEEKS = { min: 4, max: 42 };

/** Weeks of pregnancy said as "I'm 31 weeks", "31 weeks pregnant", "estoy de 30 semanas", "孕31周". */
export function extractGestation(digits: string, pack: LanguagePack): Fact<number> | null {
  const weeks = pack.durationUnits.find((u) => u.unit === 'weeks');
  if (!weeks || (!pack.gestationBefore && !pack.gestationAfter)) return null;
  for (const m of digits.matchAll(/(\d+(?:\.\d+)?)/g)) {
    const n = Number(m[1]);
    if (n < GESTATION_WEEKS.min || n > GESTATION_WEEKS.max) continue;
    const after = digits.slice(m.index + m[0].length);
    const u = weeks.re.exec(after);
    if (!u) continue;
    const before = digits.slice(Math.max(0, m.index - 24), m.index);
    const following = after.slice(u[0].length, u[0].length + 24);
    if (pack.gestationBefore?.test(before) || pack.gestationAfter?.test(following)) return { value: n, evidence: (m[0] + u[0]).trim() };
  }
  return null;
}

/**
 * How long the problem has lasted, not the age said in the same words: "宝宝5个月，发烧两天",
 * "bé 8 tháng", "29 ans" to the age question. A number the age already took is skipped.
 */
export function extractDurationBesideAge(text: NormalisedText, digits: string, pack: LanguagePack, ageYears: number | null): Fact<number> | null {
  const first = extractDuration(text, digits, pack);
  if (!first || ageYears === null) return first;
  const years = first.value / HOURS_PER_UNIT.years;
  if (Math.abs(years - ageYears) > Math.max(0.01, ageYears * 0.02)) return first;
  const rest = extractDuration(text, digits.replace(first.evidence, ' '.repeat(first.evidence.length)), pack);
  return rest && rest.evidence !== first.evidence ? rest : null;
}

export function extractPainScore(digits: string, pack: LanguagePack): Fact<number> | null {
  for (const re of pack.painScore) {
    const m = re.exec(digits);
    const n = m?.groups?.n ? Number(m.groups.n) : NaN;
    if (m && Number.isFinite(n) && n >= 0 && n <= 10) return { value: n, evidence: m[0].trim() };
  }
  return null;
}

/** A bare answer to "how bad, 0 to 10?": the highest number from 0 to 10 ("3 or 4" → 4). */
export function painFromAnswer(digits: string, pack: LanguagePack): Fact<number> | null {
  const scored = extractPainScore(digits, pack);
  if (scored) return scored;
  const numbers = [...digits.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0])).filter((n) => n >= 0 && n <= 10);
  return numbers.length > 0 ? { value: Math.max(...numbers), evidence: digits.slice(0, 60) } : null;
}

function fahrenheitToC(f: number): number {
  return Math.round(((f - 32) * 5) / 9 * 10) / 10;
}

/** The highest temperature mentioned, in °C. `bare` also accepts plain numbers (an answer to "what was it?"). */
export function extractTemperature(digits: string, pack: LanguagePack, bare = false): Fact<number> | null {
  let best = null as Fact<number> | null;
  const keep = (c: number, evidence: string): void => {
    if (c >= 34 && c <= 43.5 && (!best || c > best.value)) best = { value: c, evidence };
  };
  for (const re of pack.temperature) {
    const g = new RegExp(re.source, 'gu');
    for (const m of digits.matchAll(g)) {
      if (m.groups?.n) keep(Number(m.groups.n), m[0].trim());
      else if (m.groups?.f) keep(fahrenheitToC(Number(m.groups.f)), m[0].trim());
    }
  }
  if (bare) {
    for (const m of digits.matchAll(/\d+(?:\.\d+)?/g)) {
      const n = Number(m[0]);
      if (n >= 34 && n <= 43.5) keep(n, m[0]);
      else if (n >= 95 && n <= 108) keep(fahrenheitToC(n), m[0]);
    }
  }
  return best;
}

/** Heart rates said alongside anything else; the most extreme (farthest from a resting 75) is kept. */
const PULSE_RANGE = { min: 20, max: 300 };
export const RESTING_PULSE = 75;

export function extractPulse(digits: string, pack: LanguagePack): Fact<number> | null {
  let best = null as Fact<number> | null;
  for (const re of pack.pulse) {
    for (const m of digits.matchAll(new RegExp(re.source, 'gu'))) {
      const n = Number(m.groups?.n);
      if (!(n >= PULSE_RANGE.min && n <= PULSE_RANGE.max)) continue;
      if (!best || Math.abs(n - RESTING_PULSE) > Math.abs(best.value - RESTING_PULSE)) best = { value: n, evidence: m[0].trim() };
    }
  }
  return best;
}

export function firstNumber(digits: string): number | null {
  const m = /\d+(?:\.\d+)?/.exec(digits);
  return m ? Number(m[0]) : null;
}

/** An answer to "how old?": an age phrase, a number with a unit ("6 weeks"), or a bare number of years. */
export function ageFromAnswer(text: NormalisedText, digits: string, pack: LanguagePack): Fact<number> | null {
  const phrase = extractAge(digits, pack);
  if (phrase) return phrase;
  for (const m of digits.matchAll(/(\d+(?:\.\d+)?)/g)) {
    const after = digits.slice(m.index + m[0].length);
    const unit = pack.durationUnits.find((u) => u.re.test(after));
    const n = Number(m[1]);
    const years = unit ? toYears(n, unit.unit) : n;
    if (years >= 0 && years <= 120) return { value: Math.round(years * 1000) / 1000, evidence: text.original.slice(0, 40) };
  }
  return null;
}
