// What the engine knows about one patient. A plain JSON object: it lives in the bot's dialog state.
// Findings only ever move towards "present": nothing said later, and nothing an LLM extracts,
// can erase a worrying finding once it is known.

export type FindingSource = 'text' | 'answer' | 'llm';

export interface FindingRecord {
  present: boolean;
  source: FindingSource;
  /** the patient's own words that set it */
  evidence: string;
}

export type Sex = 'female' | 'male';

/** The emergency screen as shown to this patient: the item ids in the order shown, and the answer. */
export interface ScreenState {
  offered: string[];
  answer: 'none' | 'items' | 'unclear' | null;
}

export interface TriageState {
  version: 1;
  /** protocol id, once a complaint is recognised */
  protocol: string | null;
  /** matches per protocol so far, until the first question is asked */
  complaintScores: Record<string, number>;
  /** free-text messages that named no complaint */
  unrecognised: number;
  findings: Record<string, FindingRecord>;
  ageYears: number | null;
  sex: Sex | null;
  durationHours: number | null;
  /** the duration came from an answer to the duration question, not a number said in passing */
  durationConfirmed?: boolean;
  painScore: number | null;
  temperatureC: number | null;
  /** weeks of pregnancy, when said (older saved states lack it) */
  gestationWeeks?: number | null;
  /** the most abnormal heart rate said, beats a minute (older saved states lack it) */
  pulseBpm?: number | null;
  /** evidence for the non-finding facts above (age, duration, pain, temperature) */
  factEvidence: Record<string, string>;
  /** every question asked (answered or not), never asked twice */
  asked: string[];
  /** the question waiting for an answer */
  pending: string | null;
  /** the emergency screen, once shown */
  screen?: ScreenState | null;
  /** the patient picked "something else" from the problem list (they are asked to describe it) */
  problemOther?: boolean;
  /** warning-sign questions the patient could not answer ("I don't know"), with their words */
  unsure?: Array<{ question: string; evidence: string }>;
}

export function newTriageState(): TriageState {
  return {
    version: 1,
    protocol: null,
    complaintScores: {},
    unrecognised: 0,
    findings: {},
    ageYears: null,
    sex: null,
    durationHours: null,
    painScore: null,
    temperatureC: null,
    factEvidence: {},
    asked: [],
    pending: null,
  };
}

export function cloneState(state: TriageState): TriageState {
  return JSON.parse(JSON.stringify(state)) as TriageState;
}

/** Records a finding; a known positive is never lowered. Returns true when the state changed. */
export function setFinding(state: TriageState, id: string, present: boolean, source: FindingSource, evidence: string): boolean {
  const known = state.findings[id];
  if (known?.present) return false;
  if (known && !present) return false;
  state.findings[id] = { present, source, evidence: evidence.slice(0, 120) };
  return true;
}

export function findingPresent(state: TriageState, id: string): boolean {
  return state.findings[id]?.present === true;
}

/** Each known finding with the patient's words behind it (staff are shown a finding only with them). */
export function knownFindings(state: TriageState): Array<{ id: string; present: boolean; source: string; evidence: string }> {
  return Object.entries(state.findings).map(([id, f]) => ({ id, present: f.present, source: f.source, evidence: f.evidence }));
}

/**
 * LLM-extracted findings may add positives; they never remove or negate anything already known. Each
 * carries the patient's words that state it: a finding without them is not recorded.
 */
export function addFindings(state: TriageState, findings: Array<{ id: string; present: boolean; evidence: string }>, source: 'llm'): TriageState {
  const next = cloneState(state);
  for (const f of findings) {
    if (typeof f.id !== 'string' || !/^[a-z][a-z0-9_.]*$/.test(f.id)) continue;
    // An LLM "absent" is ignored: it must not stop a question being asked, nor lower anything.
    if (f.present !== true || !f.evidence.trim()) continue;
    setFinding(next, f.id, true, source, f.evidence);
  }
  return next;
}
