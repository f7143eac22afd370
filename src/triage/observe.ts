// Merges one reading of a patient message into the state: findings (present or negated),
// red-flag phrases, age, sex, duration, pain score, temperature and complaint evidence. Runs on
// every message, so nothing the patient already said is asked again.
import type { ClinicalContent } from './content';
import { chooseProtocol } from './protocol-choice';
import { asReading, isFreeText, type Reading } from './reading';
import { cloneState, setFinding, type FindingSource, type TriageState } from './state';
import { RESTING_PULSE } from './text-facts';
import type { Language } from './types';

export const FEVER_FINDING = 'fever';
export const PREGNANT_FINDING = 'pregnant';
export const POSTPARTUM_FINDING = 'postpartum';
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
  if (r.pulse && (state.pulseBpm == null || Math.abs(r.pulse.value - RESTING_PULSE) > Math.abs(state.pulseBpm - RESTING_PULSE))) {
    state.pulseBpm = r.pulse.value;
    state.factEvidence.pulse = r.pulse.evidence;
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

const WEEK_HOURS = 168;
/** Weeks of a pregnancy (or since a birth): from a first missed period to term. */
const PREGNANCY_WEEKS = { min: 4, max: 42 };

/**
 * How long the problem has lasted, from free text. "estou com 32 semanas" is weeks of pregnancy, and
 * so, once a pregnancy or a recent birth is known, is any bare "38 weeks" or "6 semanas" ("my last
 * period was 6 weeks ago", "j'ai accouché il y a 5 semaines"): a time of the pregnancy, not of the
 * symptom. Left unknown, the duration is asked when a rule needs it.
 */
function observeDuration(content: ClinicalContent, state: TriageState, r: Reading, source: FindingSource): void {
  if (state.durationHours !== null || !r.duration || r.duration.evidence === r.gestation?.evidence) return;
  const weeks = r.duration.value / WEEK_HOURS;
  const pregnancyTime = Number.isInteger(weeks) && weeks >= PREGNANCY_WEEKS.min && weeks <= PREGNANCY_WEEKS.max;
  const afterBirth = state.findings[POSTPARTUM_FINDING]?.present === true;
  // the problem is a pregnancy's ("my waters went", "contractions") though the word "pregnant" was not said
  const pregnant = state.findings[PREGNANT_FINDING]?.present === true || (!afterBirth && pregnancyProtocols(content).includes(state.protocol ?? ''));
  if (pregnancyTime && (pregnant || afterBirth)) {
    // "hi, 38 weeks, my waters went": with no other gestation said, that is the gestation
    if (pregnant && state.gestationWeeks == null) {
      state.gestationWeeks = weeks;
      state.factEvidence.gestation = r.duration.evidence;
      setFinding(state, PREGNANT_FINDING, true, source, r.duration.evidence);
      state.sex = 'female';
    }
    return;
  }
  state.durationHours = r.duration.value;
  state.factEvidence.duration = r.duration.evidence;
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
  observeDuration(content, state, r, source);
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
