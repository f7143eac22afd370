// After the emergency gate: the input guards (injection, unsafe requests, off-topic) and, when an
// LLM is configured, extraction of findings it may only add. Every guard decision is kept for
// the case, so staff and metrics see it.
import type { TurnContext } from 'botbuilder';
import { asksForSomethingElse, checkPatientInput, type InputCheck } from '../llm';
import type { GuardEvent } from '../repositories/cases';
import { FALLBACK_PROTOCOL } from '../triage/content';
import { addFindings, knownFindings, newTriageState, observeText, readMessage, type Reading, type TriageState } from '../triage/engine';
import { messageActivity } from './activities';
import type { BotDeps } from './deps';
import { turnInfo, type PatientState } from './patient-state';

/** What a message told the engine: a complaint, or any clinical fact (finding, age, duration, pain). */
export function clinicalSignal(before: TriageState, after: TriageState): 'complaint' | 'fact' | 'none' {
  if (after.protocol !== before.protocol || JSON.stringify(after.complaintScores) !== JSON.stringify(before.complaintScores)) return 'complaint';
  const fact =
    Object.keys(after.findings).length !== Object.keys(before.findings).length ||
    after.ageYears !== before.ageYears ||
    after.durationHours !== before.durationHours ||
    after.painScore !== before.painScore;
  return fact ? 'fact' : 'none';
}

/**
 * Reads this turn's message once and merges it into what the engine knows: every step after this
 * (the emergency gate, the dialogs, the answer recorder) uses this one reading. Idempotent.
 */
export function readTurn(context: TurnContext, deps: BotDeps, patient: PatientState): Reading | undefined {
  const info = turnInfo(context);
  if (!info.text) return undefined;
  if (!info.reading) {
    info.reading = readMessage(deps.content, info.text, info.lang);
    deps.metrics.readings.inc({ language: info.lang });
  }
  if (!info.observed) {
    const before = patient.triage ?? newTriageState();
    info.before = before;
    patient.triage = observeText(deps.content, before, info.reading, info.lang);
    info.clinicalSignal = clinicalSignal(before, patient.triage);
    info.observed = true;
  }
  return info.reading;
}

/**
 * A request for something else (an essay, code, a recipe) is refused unless the same message also
 * describes a health problem: a symptom, a red flag, or a complaint more specific than the general
 * one ("receta" is a prescription and a recipe).
 */
function saysSymptoms(reading: Reading | undefined, deps: BotDeps): boolean {
  if (!reading) return false;
  if (reading.redFlags.size > 0 || [...reading.findings].some(([id, f]) => f.present && deps.content.symptomFindings.has(id))) return true;
  return [...reading.complaints.keys()].some((id) => id !== FALLBACK_PROTOCOL && deps.content.protocols.has(id));
}

export function recordGuardEvents(patient: PatientState, events: GuardEvent[]): void {
  if (events.length) patient.guardEvents = [...(patient.guardEvents ?? []), ...events].slice(-50);
}

/**
 * Returns 'refused' when the message was refused (the caller re-asks its pending question).
 * A request for a diagnosis or a dose that also describes symptoms is not refused: the patient
 * hears that we cannot diagnose or prescribe, and triage goes on with what they said.
 */
/**
 * Findings the lexicon reads only as context for the crisis rules ("tonight", "on the bridge"): said alone
 * they are not a health problem, and "for my homework tomorrow morning" is still homework.
 */
const CONTEXT_ONLY = new Set(['time_set', 'danger_place']);

/**
 * Nothing clinical known yet, in this message or before it: no complaint, finding, red flag or age. Only then
 * can a request with no health word be something else (a patient already in triage is never refused for it).
 */
function nothingClinicalYet(before: TriageState | undefined, reading: Reading | undefined): boolean {
  const clinical = (id: string): boolean => !CONTEXT_ONLY.has(id);
  const known = before && (before.protocol !== null || Object.keys(before.complaintScores).length > 0 || Object.keys(before.findings).some(clinical) || before.ageYears !== null);
  const said = reading && ([...reading.findings.keys()].some(clinical) || reading.redFlags.size > 0 || reading.complaints.size > 0 || reading.age !== null);
  return !known && !said;
}

function inputCheck(text: string, info: ReturnType<typeof turnInfo>): InputCheck {
  const check = checkPatientInput(text, info.lang);
  if (check.action === 'refused') return check;
  return nothingClinicalYet(info.before, info.reading) && asksForSomethingElse(text) ? { action: 'refused', reason: 'off_topic' } : check;
}

export async function understandTurn(context: TurnContext, deps: BotDeps, patient: PatientState): Promise<'refused' | 'continue'> {
  const info = turnInfo(context);
  if (!info.text) return 'continue';
  const t = deps.i18n.t(info.lang);
  const check = inputCheck(info.text, info);
  if (check.action === 'refused') {
    recordGuardEvents(patient, [{ at: deps.now(), guard: `input_${check.reason}`, action: 'refused', reason: check.reason }]);
    // After an outcome, a question about medicines gets its own guarded answer (src/bot/follow-up.ts).
    if (check.reason === 'unsafe_request' && patient.triageFinished && patient.lastOutcome && !patient.awaitingPerson) return 'continue';
    // Injection is always refused. Off-topic requests yield only to a recognised complaint (a stray
    // word read as a fact must not let a poem request through); unsafe requests to any clinical fact.
    const keepTriaging = check.reason === 'off_topic' ? saysSymptoms(info.reading, deps) : check.reason === 'unsafe_request' && info.clinicalSignal !== 'none';
    if (!keepTriaging) {
      await context.sendActivity(messageActivity(t(`bot:guard.${check.reason}`, { clinicPhone: deps.clinic.phone, emergencyNumber: deps.clinic.emergencyNumber }), { guard: { action: 'refused', reason: check.reason } }));
      return 'refused';
    }
    await context.sendActivity(messageActivity(t('bot:guard.noDiagnosisButTriage')));
  }
  if (deps.llm && patient.consent === 'given' && info.text.length >= 12) {
    const triage = patient.triage ?? newTriageState();
    const result = await deps.llm.extractFindings(
      { text: info.text, lang: info.lang, knownFindingIds: knownFindings(triage).map((f) => f.id), allowedFindingIds: [...deps.content.findingIds] },
      info.llmBudget,
    );
    recordGuardEvents(patient, result.events);
    if (result.findings.length) patient.triage = addFindings(triage, result.findings, 'llm');
  }
  return 'continue';
}
