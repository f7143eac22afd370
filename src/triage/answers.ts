// Interprets a patient's answer to one follow-up question: yes/no in six languages, numbers
// (age, pain, temperature, duration), choices by value, label or number; then everything else
// the answer says is observed as free text too.
import type { ClinicalContent, Question } from './content';
import { FALLBACK_PROTOCOL } from './content';
import type { LanguagePack } from './language-pack';
import { isFreeText, observeInto, setTemperature } from './observe';
import { resolveProtocol } from './protocol-choice';
import { cloneState, setFinding, type TriageState } from './state';
import { ageFromAnswer, extractDuration, extractTemperature, painFromAnswer, withDigits } from './text-facts';
import { normalise, type NormalisedText } from './text-match';
import type { Choice, Language } from './types';

/** The id a dialog uses when it answers an `ask_complaint` step. */
export const COMPLAINT_QUESTION_ID = 'complaint';

function testAt(re: RegExp, s: string): boolean {
  re.lastIndex = 0;
  const r = re.test(s);
  re.lastIndex = 0;
  return r;
}

/** yes → true, no → false, unsure or unclear → null. */
export function interpretYesNo(text: NormalisedText, pack: LanguagePack, mentionsOtherFindings = false): boolean | null {
  const norm = text.norm;
  const head = pack.matcher.cjk ? norm.slice(0, 4) : (norm.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 3).join(' ');
  if (testAt(pack.matcher.uncertain, norm)) return null;
  const no = testAt(pack.no, head);
  const yes = testAt(pack.yes, head);
  if (no && !yes) return false;
  if (yes && !no) return true;
  if (no && yes) return norm.search(pack.no) <= norm.search(pack.yes) ? false : true;
  if (testAt(pack.matcher.negation, norm)) return false;
  if (testAt(pack.reassuring, norm)) return false;
  // "a little dry tickly cough" to "any blood?" describes something else: not a yes
  if (mentionsOtherFindings) return null;
  return norm.replace(/[^\p{L}\p{N}]/gu, '').length > 0 ? true : null;
}

export function questionLabel(q: Question, lang: Language): Choice[] | undefined {
  return q.choices?.map((c) => ({ value: c.value, label: c.label[lang] }));
}

function pickChoice(q: Question, text: NormalisedText, lang: Language): NonNullable<Question['choices']>[number] | null {
  const choices = q.choices ?? [];
  const n = /^\s*(\d+)\s*$/.exec(text.norm);
  if (n) return choices[Number(n[1]) - 1] ?? null;
  const byValue = choices.find((c) => text.norm === c.value || text.norm === c.value.replace(/_/g, ' '));
  if (byValue) return byValue;
  return choices.find((c) => text.norm.includes(normalise(c.label[lang], lang).norm)) ?? null;
}

function applyParse(q: Question, state: TriageState, text: NormalisedText, pack: LanguagePack): boolean {
  const digits = withDigits(text, pack);
  switch (q.parse) {
    case 'age': {
      const age = ageFromAnswer(text, digits, pack);
      if (age) {
        state.ageYears = age.value;
        state.factEvidence.age = age.evidence;
      }
      return age !== null;
    }
    case 'pain': {
      const pain = painFromAnswer(digits, pack);
      if (pain) {
        state.painScore = pain.value;
        state.factEvidence.pain = text.original.slice(0, 60);
      }
      return pain !== null;
    }
    case 'duration': {
      const d = extractDuration(text, digits, pack);
      if (d) {
        state.durationHours = d.value;
        state.factEvidence.duration = d.evidence;
      }
      return d !== null;
    }
    case 'temperature': {
      const t = extractTemperature(digits, pack, true);
      if (t) setTemperature(state, t.value, t.evidence, 'answer');
      return t !== null;
    }
    case undefined:
      return false;
  }
}

function answerQuestion(content: ClinicalContent, state: TriageState, q: Question, raw: string, lang: Language): void {
  const pack = content.languages[lang];
  const text = normalise(raw, lang);
  const parsed = applyParse(q, state, text, pack);
  const { mentioned } = observeInto(content, state, raw, lang, 'answer');
  const evidence = raw.trim().slice(0, 80);
  if (q.kind === 'yes_no' && q.finding && !state.findings[q.finding] && !(parsed && q.parse === 'temperature')) {
    const yes = interpretYesNo(text, pack, [...mentioned].some((id) => id !== q.finding));
    if (yes !== null) setFinding(state, q.finding, yes, 'answer', evidence);
  }
  if (q.kind === 'choice') {
    const choice = pickChoice(q, text, lang);
    for (const f of choice?.present ?? []) setFinding(state, f, true, 'answer', evidence);
    for (const f of choice?.absent ?? []) setFinding(state, f, false, 'answer', evidence);
  }
}

export function findQuestion(content: ClinicalContent, state: TriageState, questionId: string): Question | null {
  const protocol = resolveProtocol(content, state.protocol ?? FALLBACK_PROTOCOL, state);
  return protocol?.questions.find((q) => q.id === questionId) ?? null;
}

export function recordAnswer(content: ClinicalContent, state: TriageState, questionId: string, text: string, lang: Language): TriageState {
  const next = cloneState(state);
  const q = findQuestion(content, next, questionId);
  if (!q) {
    // an answer to "what is the problem?" (or to a question no longer current)
    const { complaintFound } = observeInto(content, next, text, lang, 'text');
    if (!complaintFound && next.protocol === null && (questionId === COMPLAINT_QUESTION_ID || isFreeText(content, text, lang))) next.unrecognised += 1;
    return next;
  }
  if (next.protocol === null) next.protocol = FALLBACK_PROTOCOL;
  if (!next.asked.includes(q.id)) next.asked.push(q.id);
  if (next.pending === q.id) next.pending = null;
  answerQuestion(content, next, q, text, lang);
  return next;
}
