// The words for parts of the day and relative days, per language. chrono-node reads dates and
// times; these fill its gaps: Spanish and Portuguese "mañana"/"manhã" mean both "tomorrow" and
// "morning", so the part of the day is taken out before chrono reads the rest.
import type { Language } from '../triage/types';

export type DayPart = 'morning' | 'noon' | 'afternoon' | 'evening';

/** Local hours [from, to) each part of the day covers. */
export const DAY_PART_HOURS: Record<DayPart, [number, number]> = {
  morning: [6, 12],
  noon: [11, 14],
  afternoon: [12, 18],
  evening: [17, 22],
};

// Letters on either side, Unicode-aware (\b only knows ASCII, and these words carry accents).
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const w = (source: string): RegExp => new RegExp(`${B}(?:${source})${E}`, 'u');

interface DayPartPattern {
  part: DayPart;
  re: RegExp;
  /** "tonight", "esta tarde": the part also says the day is today. */
  today?: boolean;
}

const DAY_PARTS: Record<Language, DayPartPattern[]> = {
  en: [
    { part: 'evening', re: w('tonight'), today: true },
    { part: 'morning', re: w('this morning'), today: true },
    { part: 'afternoon', re: w('this afternoon'), today: true },
    { part: 'evening', re: w('this evening'), today: true },
    { part: 'morning', re: w('(?:in the )?morning') },
    { part: 'afternoon', re: w('(?:in the )?afternoon') },
    { part: 'evening', re: w('(?:in the )?evening') },
    { part: 'noon', re: w('(?:at )?(?:noon|midday|lunchtime|lunch time)') },
  ],
  es: [
    { part: 'morning', re: w('esta mañana'), today: true },
    { part: 'afternoon', re: w('esta tarde'), today: true },
    { part: 'evening', re: w('esta noche'), today: true },
    { part: 'morning', re: w('(?:por|en|de) la mañana') },
    { part: 'afternoon', re: w('(?:(?:por|en|de) la )?tarde') },
    { part: 'evening', re: w('(?:(?:por|en|de) la )?noche') },
    { part: 'noon', re: w('(?:al )?mediod[ií]a') },
  ],
  fr: [
    { part: 'morning', re: w('ce matin'), today: true },
    { part: 'afternoon', re: w('cet apr[eè]s[- ]midi'), today: true },
    { part: 'evening', re: w('ce soir'), today: true },
    { part: 'morning', re: w('(?:dans la |en )?matin(?:ée)?') },
    { part: 'afternoon', re: w("(?:dans l'|en )?apr[eè]s[- ]midi|aprem") },
    { part: 'evening', re: w('(?:dans la |en )?soir(?:ée)?') },
    { part: 'noon', re: w('(?:à |a |vers )?midi') },
  ],
  pt: [
    { part: 'morning', re: w('esta manhã|hoje de manhã'), today: true },
    { part: 'afternoon', re: w('esta tarde'), today: true },
    { part: 'evening', re: w('esta noite'), today: true },
    { part: 'morning', re: w('(?:(?:de|pela|na|à|a) )?manhã') },
    { part: 'afternoon', re: w('(?:(?:de|pela|na|à|a) )?tarde') },
    { part: 'evening', re: w('(?:(?:de|pela|na|à|a) )?noite') },
    { part: 'noon', re: w('(?:ao )?meio[- ]dia') },
  ],
  // Chinese is written without spaces: no word boundaries.
  zh: [
    { part: 'evening', re: /今晚/u, today: true },
    { part: 'morning', re: /上午|早上|早晨/u },
    { part: 'noon', re: /中午/u },
    { part: 'afternoon', re: /下午/u },
    { part: 'evening', re: /晚上|傍晚/u },
  ],
  vi: [
    { part: 'morning', re: w('(?:buổi )?sáng') },
    { part: 'noon', re: w('(?:buổi )?trưa') },
    { part: 'afternoon', re: w('(?:buổi )?chiều') },
    { part: 'evening', re: w('(?:buổi )?tối') },
  ],
};

/** Relative days chrono does not know in some languages ("pasado mañana"), before it misreads them. */
const EXTRA_DAYS: Record<Language, Array<{ re: RegExp; days: number }>> = {
  en: [{ re: w('(?:the )?day after tomorrow'), days: 2 }],
  es: [{ re: w('pasado mañana'), days: 2 }],
  fr: [{ re: w('apr[eè]s[- ]demain'), days: 2 }],
  pt: [{ re: w('depois de amanhã'), days: 2 }],
  zh: [{ re: /后天/u, days: 2 }],
  vi: [],
};

/** Words that, left alone once the part of the day is taken out, mean today ("this", "esta"). */
const TODAY_LEFTOVER: Record<Language, RegExp> = {
  en: w('this|today'),
  es: w('esta|hoy'),
  fr: w("ce|cet|cette|aujourd'hui"),
  pt: w('esta|hoje'),
  zh: /今天/u,
  vi: w('nay|hôm nay'),
};

/** "next week", "le mois prochain": a period, not a day. Asked about rather than turned into one. */
const VAGUE_PERIOD: Record<Language, RegExp> = {
  en: w('week|weeks|month|months'),
  es: w('semana|semanas|mes|meses'),
  fr: w('semaine|semaines|mois'),
  pt: w('semana|semanas|mês|meses'),
  // 周二 is Tuesday: a week word only when no weekday follows.
  zh: /(?:周|星期|礼拜)(?![一二三四五六日天1-7])|下个月|下月/u,
  vi: w('tuần sau|tuần tới|tháng sau|tháng tới'),
};

export function mentionsVaguePeriod(text: string, lang: Language): boolean {
  return VAGUE_PERIOD[lang].test(text);
}

export interface Extracted {
  rest: string;
  part?: DayPart;
  partMeansToday?: boolean;
  extraDays?: number;
}

/** Takes the part of the day and any relative day chrono misses out of the text. */
export function extractDayWords(text: string, lang: Language): Extracted {
  let rest = text;
  const out: Extracted = { rest };
  for (const { re, days } of EXTRA_DAYS[lang]) {
    if (re.test(rest)) {
      out.extraDays = days;
      rest = rest.replace(re, ' ');
    }
  }
  for (const p of DAY_PARTS[lang]) {
    if (p.re.test(rest)) {
      out.part ??= p.part;
      out.partMeansToday ||= Boolean(p.today);
      rest = rest.replace(p.re, ' ');
    }
  }
  out.rest = rest.replace(/\s+/g, ' ').trim();
  return out;
}

export function leftoverMeansToday(rest: string, lang: Language): boolean {
  return TODAY_LEFTOVER[lang].test(rest);
}
