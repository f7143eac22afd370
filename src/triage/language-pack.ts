// Compiles one language's lexicon (clinical/lexicon/<lang>.yaml) into matchers, once, at load.
import type { LexiconData } from './content-schema';
import { compilePattern, compileSet, escapeRegex, isCjk, normalise, sentenceEndRegex, wordListRegex, type CompiledPattern, type LanguageMatcher, type PatternSet } from './text-match';
import type { Language } from './types';

export type DurationUnit = keyof LexiconData['durationUnits'];

export const HOURS_PER_UNIT: Record<DurationUnit, number> = {
  minutes: 1 / 60,
  hours: 1,
  days: 24,
  weeks: 24 * 7,
  months: (24 * 365) / 12,
  years: 24 * 365,
};

/** The word lists that say how a message reads as an answer. */
export interface AnswerWords {
  yes: RegExp;
  no: RegExp;
  hedge: RegExp;
  reassuring: RegExp;
  uncertain: RegExp;
}

export interface LanguagePack {
  lang: Language;
  matcher: LanguageMatcher;
  lexicon: LexiconData;
  findings: Map<string, PatternSet>;
  denials: Map<string, PatternSet>;
  reassuring: RegExp;
  yes: RegExp;
  no: RegExp;
  hedge: RegExp;
  /**
   * Vietnamese answer words with their tone marks, used when the patient types marks: without them
   * "dạ" (yes) and "đã" (already), "rồi" and "rối" are one word.
   */
  marked?: AnswerWords;
  /** a number followed by a frequency word ("3 or 4 times") */
  howOften: RegExp;
  /** number words → digits, longest first */
  /** `anchor`: the longest literal part of the word, which any match contains (a cheap pre-check). */
  numberWords: Array<{ re: RegExp; value: number; written: string; anchor: string }>;
  durationUnits: Array<{ unit: DurationUnit; re: RegExp }>;
  durationNotAfter: RegExp;
  durationNotBefore: RegExp;
  gestationBefore: RegExp | null;
  gestationAfter: RegExp | null;
  durationPhrases: Array<{ pattern: CompiledPattern; hours: number }>;
  age: Array<{ re: RegExp; unit: DurationUnit }>;
  painScore: RegExp[];
  temperature: RegExp[];
  pulse: RegExp[];
  female: RegExp[];
  male: RegExp[];
}

function regexes(sources: readonly string[]): RegExp[] {
  return sources.map((s) => new RegExp(s, 'u'));
}

function unitRegex(words: readonly string[], lang: Language): RegExp {
  const cjk = isCjk(lang);
  const alts = words
    .map((w) => normalise(w, lang).norm)
    .sort((a, b) => b.length - a.length)
    .map((w) => (w.endsWith('*') ? escapeRegex(w.slice(0, -1)) + (cjk ? '' : '[\\p{L}]*') : escapeRegex(w)).replace(/ /g, '\\s+'));
  return new RegExp(`^\\s*(?:${alts.join('|')})${cjk ? '' : '(?![\\p{L}])'}`, 'u');
}

function frequencyRegex(words: readonly string[], lang: Language): RegExp {
  const alts = words.map((w) => normalise(w, lang).norm).filter(Boolean).map(escapeRegex);
  if (alts.length === 0) return /(?!)/u;
  return new RegExp(`\\d+(?:\\.\\d+)?\\s*(?:${alts.join('|')})${isCjk(lang) ? '' : '(?![\\p{L}])'}`, 'u');
}

const LETTER_OR_DIGIT = '[\\p{L}\\p{N}]';

/** Lower case with the marks kept, every run of other characters one space. */
export function markedForm(text: string): string {
  return text.toLowerCase().normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function markedListRegex(words: readonly string[]): RegExp {
  const alts = words
    .map((w) => markedForm(w))
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map((w) => w.split(' ').map((t) => (t.endsWith('*') ? escapeRegex(t.slice(0, -1)) + '\\p{L}*' : escapeRegex(t))).join('\\s+'));
  if (alts.length === 0) return /(?!)/u;
  return new RegExp(`(?<!${LETTER_OR_DIGIT})(?:${alts.join('|')})(?!${LETTER_OR_DIGIT})`, 'gu');
}

export function compileLanguagePack(lexicon: LexiconData): LanguagePack {
  const lang = lexicon.language;
  const matcher: LanguageMatcher = {
    lang,
    cjk: isCjk(lang),
    window: lexicon.negationWindow,
    negation: wordListRegex(lexicon.negation, lang),
    pseudoNegation: lexicon.pseudoNegation.length > 0 ? wordListRegex(lexicon.pseudoNegation, lang) : null,
    uncertain: wordListRegex(lexicon.uncertain, lang),
    clauseBreak: sentenceEndRegex(lexicon.clauseBreaks, lang),
    postNegation: lexicon.postNegation.length > 0 ? wordListRegex(lexicon.postNegation, lang) : null,
  };
  const findings = new Map<string, PatternSet>();
  for (const [id, patterns] of Object.entries(lexicon.findings)) findings.set(id, compileSet(patterns, matcher));
  const denials = new Map<string, PatternSet>();
  for (const [id, patterns] of Object.entries(lexicon.denials)) denials.set(id, compileSet(patterns, matcher));
  const notBefore = lexicon.numberNotBefore.map((w) => normalise(w, lang).norm).filter(Boolean).map(escapeRegex);
  const guard = notBefore.length > 0 ? `(?!\\s+(?:${notBefore.join('|')})(?![\\p{L}\\p{N}]))` : '';
  const numberWords = Object.entries(lexicon.numbers)
    .map(([word, value]) => ({ word: normalise(word, lang).norm, value, written: word }))
    .sort((a, b) => b.word.length - a.word.length)
    .map(({ word, value, written }) => ({
      re: new RegExp(wordListRegex([word], lang).source + guard, 'gu'),
      value,
      written,
      anchor: word.split(' ').map((t) => t.replace(/\*$/, '')).reduce((a, b) => (b.length > a.length ? b : a), ''),
    }));
  const units = lexicon.durationUnits;
  return {
    lang,
    matcher,
    lexicon,
    findings,
    denials,
    reassuring: wordListRegex(lexicon.reassuring, lang),
    yes: wordListRegex(lexicon.yes, lang),
    no: wordListRegex(lexicon.no, lang),
    hedge: wordListRegex(lexicon.hedge.length > 0 ? lexicon.hedge : ['\u0000'], lang),
    howOften: frequencyRegex(lexicon.frequency, lang),
    ...(lang === 'vi'
      ? {
          marked: {
            yes: markedListRegex(lexicon.yes),
            no: markedListRegex(lexicon.no),
            hedge: markedListRegex(lexicon.hedge),
            reassuring: markedListRegex(lexicon.reassuring),
            uncertain: markedListRegex(lexicon.uncertain),
          },
        }
      : {}),
    numberWords,
    durationUnits: (Object.keys(units) as DurationUnit[]).map((unit) => ({ unit, re: unitRegex(units[unit], lang) })),
    durationNotAfter: wordListRegex(lexicon.durationNotAfter.length > 0 ? lexicon.durationNotAfter : ['\u0000'], lang),
    durationNotBefore: wordListRegex(lexicon.durationNotBefore.length > 0 ? lexicon.durationNotBefore : ['\u0000'], lang),
    gestationBefore: lexicon.gestationBefore.length > 0 ? new RegExp(`(?:${wordListRegex(lexicon.gestationBefore, lang).source})\\s*$`, 'u') : null,
    gestationAfter: lexicon.gestationAfter.length > 0 ? new RegExp(`^\\s*(?:${wordListRegex(lexicon.gestationAfter, lang).source})`, 'u') : null,
    durationPhrases: lexicon.durationPhrases.map((d) => ({ pattern: compilePattern(d.pattern, matcher), hours: d.hours })),
    age: lexicon.age.map((a) => ({ re: new RegExp(a.re, 'u'), unit: a.unit })),
    painScore: regexes(lexicon.painScore),
    temperature: regexes(lexicon.temperature),
    pulse: regexes(lexicon.pulse),
    female: regexes(lexicon.sex.female),
    male: regexes(lexicon.sex.male),
  };
}
