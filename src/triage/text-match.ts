// Phrase matching over patient text in six languages: case- and accent-insensitive, negation-aware.
// Pattern syntax (used in clinical/*.yaml): words separated by spaces; "word*" matches any word
// starting with "word"; "~" (or a lone "*") between words allows up to five other words (Chinese: eight characters).
// Chinese is matched as substrings, since it has no spaces.
import type { Language } from './types';

export type Polarity = 'present' | 'absent' | 'uncertain';

export interface NormalisedText {
  original: string;
  norm: string;
  /** norm index → original index */
  map: number[];
}

export interface CompiledPattern {
  source: string;
  re: RegExp;
  /** the pattern itself says "not" ("won't stop bleeding"): it is never negated again */
  selfNegated: boolean;
  /**
   * The longest literal every match must contain ('' when none): a plain substring test that rules out
   * most patterns for a message far faster than the regex with its word-boundary look-arounds.
   */
  anchor: string;
  /**
   * How the anchor must appear: as a whole word of the text ('word'), as the start of a word ('prefix',
   * from `word*`), or anywhere (Chinese, or an anchor holding other characters than letters and digits).
   */
  anchorKind: 'word' | 'prefix' | 'substring';
}

export interface Match {
  pattern: CompiledPattern;
  start: number;
  end: number;
  polarity: Polarity;
  /** the patient's own words that matched */
  evidence: string;
}

export interface LanguageMatcher {
  lang: Language;
  cjk: boolean;
  window: number;
  negation: RegExp;
  pseudoNegation: RegExp | null;
  uncertain: RegExp;
  clauseBreak: RegExp;
  /** a denial that follows the finding ("il tousse pas", "发烧没有") */
  postNegation: RegExp | null;
}

// Normalised text is lower-case and accent-free, so a word character is a-z, a digit or any other
// non-ASCII letter (explicit ranges compile and run much faster than \p{L}).
const WORD = '[a-z0-9\\u00c0-\\u024f\\u0370-\\u1fff\\u3040-\\u9fff\\uac00-\\ud7af]';
const SEP = '[^a-z0-9\\u00c0-\\u024f\\u0370-\\u1fff\\u3040-\\u9fff\\uac00-\\ud7af.!?;:\\n]+';
const CJK_GAP = '[^。！？；，,.!?;:\\n]{0,8}?';
// A negation does not reach past the end of a clause ("no chest pain, breathing is fine") or out of
// brackets ("(not proud) and cut my knuckle").
const SENTENCE_END = '[!?;:()\\n。！？；，（）]|,(?!\\d)|\\.(?!\\d)';

const SPECIAL: Record<string, string> = { đ: 'd', œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l' };

export function isCjk(lang: Language): boolean {
  return lang === 'zh';
}

/** Lower case, no accents, English contractions joined ("can't" → "cant"), other apostrophes and hyphens as spaces. */
export function normalise(original: string, lang: Language): NormalisedText {
  let norm = '';
  const map: number[] = [];
  const chars = Array.from(original);
  let offset = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    let out: string;
    if (/['’‘`´]/u.test(c)) {
      out = lang === 'en' ? '' : ' ';
    } else if (/[-‐‑–—_\s\u3000]/u.test(c)) {
      out = ' ';
    } else {
      const lower = c.toLowerCase();
      out = SPECIAL[lower] ?? lower.normalize('NFKD').replace(/\p{M}/gu, '');
    }
    for (const o of out) {
      if (o === ' ' && (norm.length === 0 || norm.endsWith(' '))) continue;
      norm += o;
      map.push(offset);
    }
    offset += c.length;
  }
  if (norm.endsWith(' ')) {
    norm = norm.slice(0, -1);
    map.pop();
  }
  return { original, norm, map };
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function tokenRegex(token: string, cjk: boolean): string {
  if (token.endsWith('*')) return escapeRegex(token.slice(0, -1)) + (cjk ? '' : `${WORD}*`);
  return escapeRegex(token);
}

export function wordListRegex(words: readonly string[], lang: Language): RegExp {
  const cjk = isCjk(lang);
  const alts = words
    .map((w) => normalise(w, lang).norm)
    .filter((w) => w.length > 0)
    .sort((a, b) => b.length - a.length)
    .map((w) => w.split(' ').map((t) => tokenRegex(t, cjk)).join(cjk ? '' : SEP));
  if (alts.length === 0) return /(?!)/u;
  const body = `(?:${alts.join('|')})`;
  return new RegExp(cjk ? body : `(?<!${WORD})${body}(?!${WORD})`, 'gu');
}

export function compilePattern(source: string, matcher: LanguageMatcher): CompiledPattern {
  const norm = normalise(source, matcher.lang).norm;
  const tokens = norm.split(' ').filter((t) => t.length > 0);
  let body = '';
  let gapPending = false;
  let anchor = '';
  let anchorKind: CompiledPattern['anchorKind'] = 'substring';
  for (const token of tokens) {
    if (token === '~' || token === '*') {
      gapPending = true;
      continue;
    }
    const literal = token.endsWith('*') ? token.slice(0, -1) : token;
    if (literal.length > anchor.length) {
      anchor = literal;
      anchorKind = matcher.cjk || !WHOLE_WORD.test(literal) ? 'substring' : token.endsWith('*') ? 'prefix' : 'word';
    }
    if (body.length > 0) {
      if (matcher.cjk) body += gapPending ? CJK_GAP : '';
      else body += gapPending ? `(?:${SEP}${WORD}+){0,5}?${SEP}` : SEP;
    }
    gapPending = false;
    body += tokenRegex(token, matcher.cjk);
  }
  const re = new RegExp(matcher.cjk ? body : `(?<!${WORD})${body}(?!${WORD})`, 'gu');
  matcher.negation.lastIndex = 0;
  const selfNegated = testOnce(matcher.negation, stripPseudo(norm, matcher));
  return { source, re, selfNegated, anchor, anchorKind };
}

const WHOLE_WORD = new RegExp(`^${WORD}+$`, 'u');
const WORDS = new RegExp(`${WORD}+`, 'gu');

/** The words of a text, found once per text: anchor checks become set look-ups. */
const textWords = new WeakMap<NormalisedText, Set<string>>();

/** The words of a (normalised, non-Chinese) text. */
export function wordsOf(text: NormalisedText): Set<string> {
  let words = textWords.get(text);
  if (!words) {
    words = new Set(text.norm.match(WORDS) ?? []);
    textWords.set(text, words);
  }
  return words;
}

function mayMatch(pattern: CompiledPattern, text: NormalisedText): boolean {
  if (pattern.anchor === '') return true;
  switch (pattern.anchorKind) {
    case 'word':
      return wordsOf(text).has(pattern.anchor);
    case 'prefix':
      for (const w of wordsOf(text)) if (w.startsWith(pattern.anchor)) return true;
      return false;
    case 'substring':
      return text.norm.includes(pattern.anchor);
  }
}

/** A global regex tested from the start, leaving it reset for the next caller. */
export function testOnce(re: RegExp, s: string): boolean {
  re.lastIndex = 0;
  const found = re.test(s);
  re.lastIndex = 0;
  return found;
}

function stripPseudo(s: string, matcher: LanguageMatcher): string {
  if (!matcher.pseudoNegation) return s;
  matcher.pseudoNegation.lastIndex = 0;
  return s.replace(matcher.pseudoNegation, ' ');
}

/** The few words (or characters) before `start` in the same clause. */
function lookBehind(norm: string, start: number, matcher: LanguageMatcher): string {
  const before = norm.slice(0, start);
  const parts = before.split(matcher.clauseBreak);
  const clause = parts[parts.length - 1] ?? '';
  if (matcher.cjk) return clause.slice(-matcher.window);
  const words = clause.match(new RegExp(`${WORD}+`, 'gu')) ?? [];
  return words.slice(-matcher.window).join(' ');
}

export function polarityAt(text: NormalisedText, start: number, end: number, pattern: CompiledPattern, matcher: LanguageMatcher): Polarity {
  const behind = stripPseudo(lookBehind(text.norm, start, matcher), matcher);
  // "not sure if he has a rash": doubt reaches further back than "no" does
  if (testOnce(matcher.uncertain, lookBehind(text.norm, start, { ...matcher, window: matcher.window * 2 }))) return 'uncertain';
  if (pattern.selfNegated) return 'present';
  const inside = stripPseudo(text.norm.slice(start, end), matcher);
  if (testOnce(matcher.negation, behind) || testOnce(matcher.negation, inside)) return 'absent';
  if (matcher.postNegation && deniedAfter(text.norm, end, matcher, matcher.postNegation)) return 'absent';
  return 'present';
}

/** The rest of the clause after a finding starts with a denial (Chinese: and is nothing else). */
function deniedAfter(norm: string, end: number, matcher: LanguageMatcher, post: RegExp): boolean {
  const clause = stripPseudo(norm.slice(end).split(matcher.clauseBreak)[0] ?? '', matcher);
  if (matcher.cjk) {
    const rest = clause.replace(/\s/g, '');
    post.lastIndex = 0;
    const m = post.exec(rest);
    post.lastIndex = 0;
    // "发烧倒是没有", "发烧没有": the denial ends the clause, within a couple of characters
    return m !== null && m.index <= 2 && rest.length - (m.index + m[0].length) <= 1;
  }
  const head = (clause.match(new RegExp(`${WORD}+`, 'gu')) ?? []).slice(0, 2).join(' ');
  return testOnce(post, head);
}

export function evidenceOf(text: NormalisedText, start: number, end: number): string {
  const from = text.map[start] ?? 0;
  const last = text.map[Math.max(start, end - 1)] ?? from;
  return text.original.slice(from, last + 1 + (text.original.codePointAt(last)! > 0xffff ? 1 : 0));
}

/** Patterns that belong together (one finding, one complaint, one red flag). */
export interface PatternSet {
  patterns: CompiledPattern[];
}

export function compileSet(sources: readonly string[], matcher: LanguageMatcher): PatternSet {
  return { patterns: sources.map((p) => compilePattern(p, matcher)) };
}

/** Every match of a set of patterns in the text, each with its polarity and the patient's words. */
export function findMatches(text: NormalisedText, set: PatternSet | readonly CompiledPattern[], matcher: LanguageMatcher): Match[] {
  return matchPatterns(text, set, matcher);
}

function matchPatterns(text: NormalisedText, set: PatternSet | readonly CompiledPattern[], matcher: LanguageMatcher): Match[] {
  const patterns = 'patterns' in set ? set.patterns : set;
  const out: Match[] = [];
  for (const pattern of patterns) {
    if (!mayMatch(pattern, text)) continue;
    pattern.re.lastIndex = 0;
    for (const m of text.norm.matchAll(pattern.re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (matcher.lang === 'vi' && !tonesAgree(text, start, end, pattern)) continue;
      out.push({ pattern, start, end, polarity: polarityAt(text, start, end, pattern, matcher), evidence: evidenceOf(text, start, end) });
    }
  }
  return out;
}

// Vietnamese tone marks change the word ("mặt" face / "mắt" eye, "họng" throat / "hông" hip): a
// patient who types with marks is matched with them; one who types without is matched without.
const VI_MARKED = /[\u0300-\u036f]|đ/u;
function tonesAgree(text: NormalisedText, start: number, end: number, pattern: CompiledPattern): boolean {
  if (!VI_MARKED.test(text.original.toLowerCase().normalize('NFD'))) return true;
  const said = evidenceOf(text, start, end).toLowerCase().normalize('NFC').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const want = pattern.source.toLowerCase().normalize('NFC').split(/\s+/).filter(Boolean);
  const gap = want.some((w) => w === '~' || w === '*');
  const words = want.filter((w) => w !== '~' && w !== '*');
  const pairs = gap ? [[words[0], said[0]], [words[words.length - 1], said[said.length - 1]]] : words.map((w, i) => [w, said[i]]);
  return pairs.every(([w, s]) => !w || !s || s.startsWith(w.endsWith('*') ? w.slice(0, -1) : w) && (w.endsWith('*') || s.length === w.length));
}

/** present if any mention is positive, absent if only negated mentions, null if none (or only uncertain). */
export function overallPolarity(matches: readonly Match[]): { present: boolean; evidence: string } | null {
  const positive = matches.find((m) => m.polarity === 'present');
  if (positive) return { present: true, evidence: positive.evidence };
  const negative = matches.find((m) => m.polarity === 'absent');
  if (negative) return { present: false, evidence: negative.evidence };
  return null;
}

export function sentenceEndRegex(extraBreaks: readonly string[], lang: Language): RegExp {
  const words = extraBreaks.map((w) => normalise(w, lang).norm).filter(Boolean).map(escapeRegex);
  const wordPart = words.length === 0 ? '' : isCjk(lang) ? `|${words.join('|')}` : `|(?<!${WORD})(?:${words.join('|')})(?!${WORD})`;
  return new RegExp(`(?:${SENTENCE_END}${wordPart})`, 'u');
}
