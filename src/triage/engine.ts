// The deterministic triage engine: what to ask next, and when to stop with a disposition.
// Order: the emergency gate; the crisis questions when anything hinted at self-harm; the main
// problem (picked from a list when not recognised); age; the emergency screen every patient passes
// before any non-emergency outcome; the shared discriminators; the protocol's own questions. Urgency
// comes only from the clinical files, and every outcome says which rule fired on which words.
import { conditionEvidence, conditionHolds, conditionPossible } from './conditions';
import { FALLBACK_PROTOCOL, type ClinicalContent, type Discriminators, type Protocol, type Question } from './content';
import type { RuleData } from './content-schema';
import { emergencyFromState } from './emergency-gate';
import { adviceFor, reasonText } from './outcome-text';
import { questionLabel } from './answers';
import { describeQuestion, PROBLEM_DESCRIBE_ID, PROBLEM_QUESTION_ID, problemQuestion } from './problem-list';
import { currentProtocol } from './protocol-choice';
import { SCREEN_QUESTION_ID, SCREEN_WHICH_ID, screenItems, screenQuestion } from './screen';
import type { TriageState } from './state';
import { moreUrgent, urgencyRank, type Disposition, type Language, type Reason, type TriageOutcome, type TriageQuestion } from './types';

export { newTriageState, knownFindings, addFindings } from './state';
export type { TriageState, FindingRecord } from './state';
export { observeText } from './observe';
export { hintsAtCrisis, readMessage, type Reading } from './reading';
export { recordAnswer, COMPLAINT_QUESTION_ID } from './answers';
export { currentProtocol } from './protocol-choice';

/** A protocol asks at most this many of its own questions (the patient's messages stay few). */
export const MAX_QUESTIONS = 5;
/** The shared discriminators asked after the screen, at most. */
const MAX_DISCRIMINATOR_QUESTIONS = 2;
/** The protocol id of an outcome for a problem that could not be placed. */
export const UNPLACED_PROTOCOL = 'unplaced';

export type NextStep = { kind: 'ask'; question: TriageQuestion; offered?: string[] } | { kind: 'outcome'; outcome: TriageOutcome };

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
  disposition: Disposition;
  reason: Reason;
  crisis: boolean;
}

function fire(rules: readonly RuleData[], state: TriageState, lang: Language): Fired[] {
  return rules
    .filter((r) => conditionHolds(r.when, state))
    .map((r) => ({ disposition: r.disposition, crisis: r.crisis, reason: { code: r.id, text: reasonText(r.reason[lang], conditionEvidence(r.when, state)) } }));
}

const byUrgency = (a: Fired, b: Fired): number => urgencyRank(a.disposition) - urgencyRank(b.disposition);

/**
 * Rules that apply whatever the current protocol: the shared discriminators, and the rules of every
 * other complaint the patient has named that raise urgency (a red flag of any protocol counts
 * wherever it is said: mouth ulcers and sore eyes with a rash still count after an answer about the
 * eyes moved the questions to the eye protocol). Lowering rules stay with their own protocol.
 */
function discriminatorsFired(content: ClinicalContent, state: TriageState, lang: Language, current?: string): Fired[] {
  const shared = content.discriminators.flatMap((d) => fire(d.rules, state, lang));
  const named = Object.keys(state.complaintScores)
    .filter((id) => id !== current)
    .flatMap((id) => {
      const p = content.protocols.get(id);
      return p ? fire(p.rules.filter((r) => r.disposition === 'emergency' || r.disposition === 'urgent'), state, lang) : [];
    });
  return [...shared, ...named];
}

function outcome(content: ClinicalContent, state: TriageState, lang: Language, protocol: string, fired: Fired[], base?: Fired): TriageOutcome {
  const all = [...fired].sort(byUrgency);
  let disposition = all[0]?.disposition ?? base?.disposition ?? 'urgent';
  if (base) disposition = moreUrgent(disposition, base.disposition);
  const reasons = all.map((f) => f.reason);
  if (base && base.disposition === disposition && !all.some((f) => f.disposition === disposition)) reasons.unshift(base.reason);
  const crisisLine = all.some((f) => f.crisis);
  return { disposition, protocol, reasons, advice: adviceFor(content, disposition, lang, crisisLine, protocol, state.ageYears), crisisLine };
}

/** Warning signs the patient could not rule out ("I don't know" to several) go to a clinician. */
function unansweredFired(content: ClinicalContent, state: TriageState, lang: Language): Fired[] {
  const u = content.problems.unanswered;
  const unsure = state.unsure ?? [];
  if (unsure.length < u.min) return [];
  return [{ disposition: u.disposition, crisis: false, reason: { code: 'unanswered.clinician', text: reasonText(u.reason[lang], unsure.map((x) => x.evidence)) } }];
}

function protocolOutcome(content: ClinicalContent, p: Protocol, state: TriageState, lang: Language): TriageOutcome {
  const own = [...fire(p.rules, state, lang), ...unansweredFired(content, state, lang)];
  const d = p.default;
  const described = !d.requires || conditionHolds(d.requires, state);
  const base: Fired | undefined =
    own.length > 0
      ? undefined
      : described || !d.otherwise
        ? { disposition: d.disposition, crisis: false, reason: { code: `${p.id}.default`, text: d.reason[lang] } }
        : { disposition: d.otherwise.disposition, crisis: false, reason: { code: `${p.id}.not_described`, text: d.otherwise.reason[lang] } };
  return outcome(content, state, lang, p.id, [...own, ...discriminatorsFired(content, state, lang, p.id)], base);
}

function unplacedOutcome(content: ClinicalContent, state: TriageState, lang: Language): TriageOutcome {
  const u = content.problems.unplaced;
  const long = u.longStanding && state.durationHours !== null && state.durationHours >= u.longStanding.minHours ? u.longStanding : undefined;
  const base: Fired = long
    ? { disposition: long.disposition, crisis: false, reason: { code: `${UNPLACED_PROTOCOL}.long_standing`, text: long.reason[lang] } }
    : { disposition: u.disposition, crisis: false, reason: { code: `${UNPLACED_PROTOCOL}.clinician`, text: u.reason[lang] } };
  return outcome(content, state, lang, UNPLACED_PROTOCOL, discriminatorsFired(content, state, lang), base);
}

function ask(q: Question, lang: Language): NextStep {
  const choices = questionLabel(q, lang);
  return { kind: 'ask', question: { id: q.id, kind: q.kind, text: q.text[lang], ...(choices ? { choices } : {}), ...(q.parse ? { parse: q.parse } : {}) } };
}

function pendingDiscriminator(content: ClinicalContent, state: TriageState, stage: Discriminators['ask'], limit: number): Question | null {
  const asked = content.discriminators.filter((d) => d.ask === stage).flatMap((d) => d.questions).filter((q) => state.asked.includes(q.id)).length;
  if (asked >= limit) return null;
  for (const d of content.discriminators) {
    if (d.ask !== stage) continue;
    const q = d.questions.find((x) => !questionKnown(x, state) && (!x.askIf || conditionHolds(x.askIf, state)));
    if (q) return q;
  }
  return null;
}

function nextProtocolQuestion(p: Protocol, state: TriageState): Question | null {
  const askedHere = p.questions.filter((q) => state.asked.includes(q.id)).length;
  if (askedHere >= MAX_QUESTIONS) return null;
  return p.questions.find((q) => !questionKnown(q, state) && (!q.askIf || conditionPossible(q.askIf, state))) ?? null;
}

function screenStep(content: ClinicalContent, state: TriageState, lang: Language): NextStep | null {
  if (!state.screen) {
    const offered = screenItems(content, state).map((i) => i.id);
    if (offered.length === 0) return null;
    return { kind: 'ask', question: screenQuestion(content, { ...state, screen: { offered, answer: null } }, lang, false), offered };
  }
  if (state.screen.answer === 'unclear' && !state.asked.includes(SCREEN_WHICH_ID)) return { kind: 'ask', question: screenQuestion(content, state, lang, true) };
  return null;
}

export function nextStep(content: ClinicalContent, state: TriageState, lang: Language): NextStep {
  const emergency = emergencyFromState(content, state, lang);
  if (emergency) {
    return { kind: 'outcome', outcome: { disposition: 'emergency', protocol: emergency.protocol, reasons: emergency.reasons, advice: emergency.advice, crisisLine: emergency.crisisLine } };
  }
  const fired = discriminatorsFired(content, state, lang, state.protocol ?? undefined);
  if (fired.some((f) => f.disposition === 'emergency')) return { kind: 'outcome', outcome: outcome(content, state, lang, state.protocol ?? UNPLACED_PROTOCOL, fired) };
  const crisisQuestion = pendingDiscriminator(content, state, 'first', Infinity);
  if (crisisQuestion) return ask(crisisQuestion, lang);

  const p = currentProtocol(content, state);
  if (!p) {
    // A crisis already screened needs no problem list: its outcome is ready.
    if (fired.some((f) => f.crisis)) return { kind: 'outcome', outcome: outcome(content, state, lang, 'crisis', fired) };
    if (!state.asked.includes(PROBLEM_QUESTION_ID)) return { kind: 'ask', question: problemQuestion(content, lang) };
    if (!state.asked.includes(PROBLEM_DESCRIBE_ID) && state.problemOther) return { kind: 'ask', question: describeQuestion(content, lang) };
  }
  const age = content.protocols.get(FALLBACK_PROTOCOL)?.questions.find((q) => q.parse === 'age');
  if (state.ageYears === null && age && !state.asked.includes(age.id)) return ask(age, lang);
  const screen = screenStep(content, state, lang);
  if (screen) return screen;
  if (!p) {
    // how long it has gone on decides between a call back today and an appointment (problem-list.yaml)
    const before = content.problems.unplaced.ask.map((id) => content.questions.get(id)).find((q) => q && !questionKnown(q, state));
    return before ? ask(before, lang) : settle(content, state, lang, (s) => unplacedOutcome(content, s, lang));
  }

  const shared = pendingDiscriminator(content, state, 'after_screen', MAX_DISCRIMINATOR_QUESTIONS);
  if (shared) return ask(shared, lang);
  const own = fire(p.rules, state, lang);
  if (own.some((f) => f.disposition === 'emergency')) return { kind: 'outcome', outcome: protocolOutcome(content, p, state, lang) };
  const q = nextProtocolQuestion(p, state);
  if (q) return ask(q, lang);
  return settle(content, state, lang, (s) => protocolOutcome(content, p, s, lang));
}

/**
 * The outcome, unless it rests on a duration the patient only said in passing: "my pacemaker went in
 * 5 weeks ago", "diabetic for 12 years", "born at 41 weeks" are not how long this problem has lasted.
 * When that number changes the disposition, the duration question is asked once and its answer decides.
 */
function settle(content: ClinicalContent, state: TriageState, lang: Language, decide: (s: TriageState) => TriageOutcome): NextStep {
  const decided = decide(state);
  if (state.durationHours === null || state.durationConfirmed) return { kind: 'outcome', outcome: decided };
  const q = [...content.questions.values()].find((x) => x.parse === 'duration');
  if (!q || state.asked.includes(q.id)) return { kind: 'outcome', outcome: decided };
  const without = decide({ ...state, durationHours: null });
  return urgencyRank(without.disposition) < urgencyRank(decided.disposition) ? ask(q, lang) : { kind: 'outcome', outcome: decided };
}

/** Remember what is being asked: the question waiting for an answer, and the screen's items in the order shown. */
export function beginQuestion(state: TriageState, step: Extract<NextStep, { kind: 'ask' }>): TriageState {
  const next: TriageState = { ...state, pending: step.question.id };
  if (step.question.id === SCREEN_QUESTION_ID && step.offered) next.screen = { offered: step.offered, answer: null };
  return next;
}
