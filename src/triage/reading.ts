// One reading of one patient message: every pattern set of the clinical content is matched once,
// and the result (findings said present or absent, red-flag phrases, complaints, numbers, and
// how the message reads as an answer) is what the emergency gate, the dialog and the answer
// recorder all use. Pure: the same text and language always give the same reading.
import type { ClinicalContent } from './content';
import { markedForm, type AnswerWords, type LanguagePack } from './language-pack';
import type { Sex } from './state';
import { extractAge, extractDurationBesideAge, extractGestation, extractPainScore, extractPulse, extractSex, extractTemperature, withDigits, type Fact } from './text-facts';
import { findMatches, normalise, overallPolarity, testOnce, type Match, type NormalisedText, type PatternSet } from './text-match';
import type { Language } from './types';

export interface Said {
  present: boolean;
  evidence: string;
}

/** How a message reads as an answer to a yes/no question, before knowing the question. */
export type AnswerTone = 'yes' | 'no' | 'hedge' | 'unsure' | 'none';

export interface Reading {
  lang: Language;
  text: NormalisedText;
  /** the normalised text with number words as digits */
  digits: string;
  /** findings the message states or denies (lexicon findings, then denials) */
  findings: Map<string, Said>;
  /** findings mentioned only with doubt ("not sure if he has a rash") */
  doubted: Set<string>;
  /** red flags named by one of their phrases, not negated, with the words that matched */
  redFlags: Map<string, string>;
  /** protocol id → distinct complaint phrases said (not negated) */
  complaints: Map<string, number>;
  temperature: Fact<number> | null;
  /** heart rate, beats a minute */
  pulse: Fact<number> | null;
  age: Fact<number> | null;
  sex: Fact<Sex> | null;
  duration: Fact<number> | null;
  /** weeks of pregnancy ("I'm 31 weeks") */
  gestation: Fact<number> | null;
  pain: Fact<number> | null;
  tone: AnswerTone;
  /** the answer starts with a no ("no, just a little dry cough") */
  saysNo: boolean;
  /** the "no" is only words that all is well ("fine", "sans problème", "marche bien"), not a no word */
  reassured: boolean;
  /** says how often with a number ("3 or 4 times since this morning") */
  howOften: boolean;
  /** words (characters / 2 for Chinese): a bare "yes" is 1 */
  size: number;
}

/** A yes that is not wholly inside a hedge ("有点" is a hedge; "I think so" is a yes that holds the hedge "I think"). */
function saysYes(head: string, w: AnswerWords): boolean {
  const hedges = spans(head, w.hedge);
  return spans(head, w.yes).some(([a, b]) => !hedges.some(([c, d]) => c <= a && b <= d));
}

/** Where a word-list regex (always global) matches; matchAll works on a copy, so lastIndex is untouched. */
function spans(s: string, re: RegExp): Array<[number, number]> {
  return [...s.matchAll(re)].map((m) => [m.index, m.index + m[0].length]);
}

function without(s: string, re: RegExp): string {
  re.lastIndex = 0;
  const out = s.replace(re, ' ');
  re.lastIndex = 0;
  return out;
}

function searchAt(re: RegExp, s: string): number {
  re.lastIndex = 0;
  const i = s.search(re);
  re.lastIndex = 0;
  return i;
}

/**
 * yes / no / hedge / unsure from the words alone. A hedge is an answer that neither agrees nor
 * denies outright: "a bit", "sort of", "not really pain, more of a pressure", "only once".
 * Whether a hedge counts as yes is the question's business (worrying questions: yes).
 */
const VI_MARKS = /[\u0300-\u036f]|đ/u;

/** The text and word lists to read an answer with: Vietnamese typed with marks is read with marks. */
function answerForm(text: NormalisedText, pack: LanguagePack): { s: string; w: AnswerWords } {
  const plain: AnswerWords = { yes: pack.yes, no: pack.no, hedge: pack.hedge, reassuring: pack.reassuring, uncertain: pack.matcher.uncertain };
  if (pack.marked && VI_MARKS.test(text.original.toLowerCase().normalize('NFD'))) return { s: markedForm(text.original), w: pack.marked };
  return { s: text.norm, w: plain };
}

type Tone = { tone: AnswerTone; saysNo: boolean; reassured?: boolean };

function answerTone(text: NormalisedText, content: ClinicalContent, lang: Language): Tone {
  const pack = content.languages[lang];
  if (text.norm.replace(/[^\p{L}\p{N}]/gu, '').length === 0) return { tone: 'none', saysNo: false };
  const { s: norm, w } = answerForm(text, pack);
  const headOf = (t: string): string => (pack.matcher.cjk ? t.trim().slice(0, 4) : (t.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 3).join(' '));
  const head = headOf(norm);
  const hedged = testOnce(w.hedge, norm);
  const no = testOnce(w.no, head);
  // "not sure" holds "sure", "有点" holds "有", "I have nothing to say" holds "I have": a yes inside
  // words of doubt, of declining to answer or of a hedge is not a yes
  const yes = saysYes(headOf(without(norm, w.uncertain)), w);
  if (testOnce(w.uncertain, norm) && !yes) return { tone: hedged ? 'hedge' : 'unsure', saysNo: no };
  if (no && yes) {
    const first = searchAt(w.no, norm) <= searchAt(w.yes, norm) ? 'no' : 'yes';
    return { tone: first === 'no' && hedged ? 'hedge' : first, saysNo: first === 'no' };
  }
  if (no) return { tone: hedged ? 'hedge' : 'no', saysNo: true };
  if (yes) return { tone: 'yes', saysNo: false };
  const reassured = testOnce(w.reassuring, norm);
  if (reassured && !hedged) return { tone: 'no', saysNo: true, reassured: true };
  if (hedged) return { tone: 'hedge', saysNo: false };
  if (testOnce(pack.matcher.negation, text.norm)) return { tone: 'no', saysNo: true };
  return { tone: 'none', saysNo: false };
}

function messageSize(text: NormalisedText, content: ClinicalContent, lang: Language): number {
  return content.languages[lang].matcher.cjk ? Array.from(text.norm.replace(/\s/g, '')).length / 2 : (text.norm.match(/[\p{L}\p{N}]+/gu) ?? []).length;
}

/**
 * How many separate places of the text name the complaint: two patterns matching the same words
 * ("dor de cabeça", "dor ~ cabeça") are one mention, so a protocol with many variants of one phrase
 * does not outweigh another.
 */
function distinctSpans(matches: Array<{ start: number; end: number }>): number {
  const sorted = [...matches].sort((a, b) => a.start - b.start);
  let count = 0;
  let reach = -1;
  for (const m of sorted) {
    if (m.start >= reach) count++;
    reach = Math.max(reach, m.end);
  }
  return count;
}

export function readMessage(content: ClinicalContent, raw: string, lang: Language): Reading {
  const pack = content.languages[lang];
  const text = normalise(raw, lang);
  const digits = withDigits(text, pack);
  const age = extractAge(digits, pack);
  const tone = answerTone(text, content, lang);
  const findings = new Map<string, Said>();
  const doubted = new Set<string>();
  const temperature = extractTemperature(digits, pack);
  // only the patterns whose anchor the text holds are tried
  const candidates = content.patternIndex[lang].candidates(text);
  const matchesOf = (set: PatternSet): Match[] => {
    const patterns = candidates.get(set);
    return patterns ? findMatches(text, patterns, pack.matcher) : [];
  };
  for (const [id, set] of pack.findings) {
    const matches = matchesOf(set);
    const said = overallPolarity(matches);
    if (said) findings.set(id, said);
    else if (matches.length > 0) doubted.add(id);
  }
  // denials: "breathing is fine" says breathless is absent; "can't bend my neck" says stiff neck is present
  for (const [id, set] of pack.denials) {
    const said = overallPolarity(matchesOf(set));
    if (said && !findings.get(id)?.present) findings.set(id, { present: !said.present, evidence: said.evidence });
  }
  const redFlags = new Map<string, string>();
  for (const rf of content.redFlags) {
    const said = overallPolarity(matchesOf(rf.compiled[lang]));
    if (said?.present) redFlags.set(rf.id, said.evidence);
  }
  const complaints = new Map<string, number>();
  for (const p of content.protocols.values()) {
    const spans = distinctSpans(matchesOf(p.complaintPatterns[lang]).filter((m) => m.polarity === 'present'));
    if (spans > 0) complaints.set(p.id, spans);
  }
  return {
    lang,
    text,
    digits,
    findings,
    doubted,
    redFlags,
    complaints,
    temperature,
    age,
    sex: extractSex(digits, pack),
    duration: extractDurationBesideAge(text, digits, pack, age?.value ?? null),
    gestation: extractGestation(digits, pack),
    pulse: extractPulse(digits, pack),
    pain: extractPainScore(digits, pack),
    ...tone,
    reassured: tone.reassured === true,
    howOften: pack.howOften.test(digits),
    size: messageSize(text, content, lang),
  };
}

/** A message with real content (not a greeting or a bare yes/no). */
export function isFreeText(reading: Reading): boolean {
  return reading.size >= 3 && reading.tone !== 'yes' && reading.tone !== 'no';
}

/** Callers may pass text or a reading they already have: text is read here, once. */
export function asReading(content: ClinicalContent, input: string | Reading, lang: Language): Reading {
  return typeof input === 'string' ? readMessage(content, input, lang) : input;
}

/** The message hints at self-harm or suicide (the crisis questions will follow). */
export function hintsAtCrisis(content: ClinicalContent, r: Reading): boolean {
  for (const id of content.crisisSignals) if (r.findings.get(id)?.present) return true;
  return content.redFlags.some((f) => f.crisis && r.redFlags.has(f.id));
}
