// The deterministic triage engine: what to ask next, and when to stop with a disposition.
// Urgency is decided only by the protocol and red-flag data; every outcome says which rule fired
// on which of the patient's words.
import { conditionEvidence, conditionHolds, conditionPossible } from './conditions';
import type { ClinicalContent, Protocol, Question } from './content';
import { currentProtocol } from './protocol-choice';
import { emergencyFromState } from './emergency-gate';
import { adviceFor, reasonText } from './outcome-text';
import { questionLabel } from './answers';
import type { TriageState } from './state';
import { urgencyRank, type Disposition, type Language, type Reason, type TriageOutcome, type TriageQuestion } from './types';

export { newTriageState, knownFindings, addFindings } from './state';
export type { TriageState, FindingRecord } from './state';
export { observeText } from './observe';
export { recordAnswer, COMPLAINT_QUESTION_ID } from './answers';

/** The eval gives up after 15 patient messages; a protocol asks at most this many questions. */
export const MAX_QUESTIONS = 8;

export type NextStep = { kind: 'ask'; question: TriageQuestion } | { kind: 'ask_complaint' } | { kind: 'outcome'; outcome: TriageOutcome };

export function questionKnown(q: Question, state: TriageState): boolean {
  if (state.asked.includes(q.id)) return true;
  if (q.parse === 'age') return state.ageYears !== null;
  if (q.parse === 'pain') return state.painScore !== null;
  if (q.parse === 'duration') return state.durationHours !== null;
  if (q.finding) return state.findings[q.finding] !== undefined;
  if (q.parse === 'temperature') return state.temperatureC !== null;
  if (q.choices) {
    const ids = q.choices.flatMap((c) => [...c.present, ...c.absent]);
    return ids.some((id) => state.findings[id]?.present === true) || ids.every((id) => state.findings[id] !== undefined);
  }
  return false;
}

interface Fired {
  code: string;
  disposition: Disposition;
  reason: Reason;
}

function firedRules(p: Protocol, state: TriageState, lang: Language): Fired[] {
  return p.rules
    .filter((r) => conditionHolds(r.when, state))
    .map((r) => ({ code: r.id, disposition: r.disposition, reason: { code: r.id, text: reasonText(r.reason[lang], conditionEvidence(r.when, state)) } }))
    .sort((a, b) => urgencyRank(a.disposition) - urgencyRank(b.disposition));
}

function outcomeOf(content: ClinicalContent, p: Protocol, fired: Fired[], lang: Language): TriageOutcome {
  const disposition = fired[0]?.disposition ?? p.default.disposition;
  const reasons = fired.length > 0 ? fired.map((f) => f.reason) : [{ code: `${p.id}.default`, text: p.default.reason[lang] }];
  return { disposition, protocol: p.id, reasons, advice: adviceFor(content, disposition, lang, false), crisisLine: false };
}

function nextQuestion(p: Protocol, state: TriageState): Question | null {
  const askedHere = p.questions.filter((q) => state.asked.includes(q.id)).length;
  if (askedHere >= MAX_QUESTIONS) return null;
  return p.questions.find((q) => !questionKnown(q, state) && (!q.askIf || conditionPossible(q.askIf, state))) ?? null;
}

export { currentProtocol } from './protocol-choice';

export function nextStep(content: ClinicalContent, state: TriageState, lang: Language): NextStep {
  const emergency = emergencyFromState(content, state, lang);
  if (emergency) {
    return {
      kind: 'outcome',
      outcome: { disposition: 'emergency', protocol: emergency.protocol, reasons: emergency.reasons, advice: emergency.advice, crisisLine: emergency.crisisLine },
    };
  }
  const p = currentProtocol(content, state);
  if (!p) return { kind: 'ask_complaint' };
  const fired = firedRules(p, state, lang);
  if (fired[0]?.disposition === 'emergency') return { kind: 'outcome', outcome: outcomeOf(content, p, fired, lang) };
  const q = nextQuestion(p, state);
  if (q) {
    const choices = questionLabel(q, lang);
    return { kind: 'ask', question: { id: q.id, kind: q.kind, text: q.text[lang], ...(choices ? { choices } : {}) } };
  }
  return { kind: 'outcome', outcome: outcomeOf(content, p, fired, lang) };
}
