// Merges one reading of a patient message into the state: findings (present or negated),
// red-flag phrases, age, sex, duration, pain score, temperature and complaint evidence. Runs on
// every message, so nothing the patient already said is asked again.
import type { ClinicalContent } from './content';
import { chooseProtocol } from './protocol-choice';
import { asReading, isFreeText, type Reading } from './reading';
import { cloneState, setFinding, type FindingSource, type TriageState } from './state';
import type { Language } from './types';

export const FEVER_FINDING = 'fever';
export const PREGNANT_FINDING = 'pregnant';
/** Said without a number, "a fever" is a fever; a measured temperature is judged by the thresholds. */
export const FEVER_THRESHOLD_C = 38;
/**
 * How much a complaint phrase counts. What the patient says of their own accord names the problem;
 * a body part mentioned in passing in an answer ("my eyes aren't yellow") weighs half, once a message.
 */
const ANSWER_COMPLAINT_WEIGHT = 0.5;

export function redFlagFinding(redFlagId: string): string {
  return `redflag.${redFlagId}`;
}

export function setTemperature(state: TriageState, celsius: number, evidence: string, source: FindingSource): void {
  if (state.temperatureC === null || celsius > state.temperatureC) {
    state.temperatureC = celsius;
    state.factEvidence.temperature = evidence;
  }
  setFinding(state, FEVER_FINDING, celsius >= FEVER_THRESHOLD_C, source, evidence);
}

function observeFacts(state: TriageState, r: Reading, source: FindingSource): void {
  if (r.temperature) setTemperature(state, r.temperature.value, r.temperature.evidence, source);
  if (state.ageYears === null && r.age) {
    state.ageYears = r.age.value;
    state.factEvidence.age = r.age.evidence;
  }
  if (state.sex === null && r.sex) state.sex = r.sex.value;
  // "estou com 32 semanas" is weeks of pregnancy, not how long the problem has lasted
  if (state.durationHours === null && r.duration && r.duration.evidence !== r.gestation?.evidence) {
    state.durationHours = r.duration.value;
    state.factEvidence.duration = r.duration.evidence;
  }
  if (r.gestation) {
    state.gestationWeeks = r.gestation.value;
    state.factEvidence.gestation = r.gestation.evidence;
    setFinding(state, PREGNANT_FINDING, true, source, r.gestation.evidence);
  }
  if (state.painScore === null && r.pain) {
    state.painScore = r.pain.value;
    state.factEvidence.pain = r.pain.evidence;
  }
}

function pregnancyProtocols(content: ClinicalContent): string[] {
  return content.problems.items.filter((i) => i.protocol && i.findings.includes(PREGNANT_FINDING)).map((i) => i.protocol!);
}

/** Mutating core shared by observeText and recordAnswer. Returns whether a complaint was named. */
export function observeInto(content: ClinicalContent, state: TriageState, r: Reading, source: FindingSource): boolean {
  if (r.text.norm.length === 0) return false;
  observeFacts(state, r, source);
  for (const [id, said] of r.findings) {
    // a measured temperature settles "fever" ("a temperature of 37.2" is not a fever)
    if (id === FEVER_FINDING && r.temperature) continue;
    setFinding(state, id, said.present, source, said.evidence);
  }
  for (const [id, evidence] of r.redFlags) setFinding(state, redFlagFinding(id), true, source, evidence);
  if (state.findings[PREGNANT_FINDING]?.present) state.sex = 'female';
  for (const [id, n] of r.complaints) state.complaintScores[id] = (state.complaintScores[id] ?? 0) + (source === 'answer' ? ANSWER_COMPLAINT_WEIGHT : n);
  // "I'm 31 weeks" names the pregnancy as surely as the word "pregnant": it counts for the problem the list files it under
  if (r.gestation) for (const id of pregnancyProtocols(content)) state.complaintScores[id] = (state.complaintScores[id] ?? 0) + 1;
  chooseProtocol(content, state);
  return r.complaints.size > 0;
}

/** A message sent while a question waits for its answer is observed as an answer. */
export function observeText(content: ClinicalContent, state: TriageState, input: string | Reading, lang: Language): TriageState {
  const r = asReading(content, input, lang);
  const next = cloneState(state);
  const complaintFound = observeInto(content, next, r, state.pending ? 'answer' : 'text');
  if (!complaintFound && next.protocol === null && isFreeText(r)) next.unrecognised += 1;
  return next;
}
