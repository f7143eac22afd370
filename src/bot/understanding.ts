// After the emergency gate: the input guards (injection, unsafe requests, off-topic) and, when an
// LLM is configured, extraction of findings it may only add. Every guard decision is kept for
// the case, so staff and metrics see it.
import type { TurnContext } from 'botbuilder';
import { checkPatientInput } from '../llm';
import type { GuardEvent } from '../repositories/cases';
import { addFindings, knownFindings, newTriageState, type TriageState } from '../triage/engine';
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

export function recordGuardEvents(patient: PatientState, events: GuardEvent[]): void {
  if (events.length) patient.guardEvents = [...(patient.guardEvents ?? []), ...events].slice(-50);
}

/**
 * Returns 'refused' when the message was refused (the caller re-asks its pending question).
 * A request for a diagnosis or a dose that also describes symptoms is not refused: the patient
 * hears that we cannot diagnose or prescribe, and triage goes on with what they said.
 */
export async function understandTurn(context: TurnContext, deps: BotDeps, patient: PatientState): Promise<'refused' | 'continue'> {
  const info = turnInfo(context);
  if (!info.text) return 'continue';
  const t = deps.i18n.t(info.lang);
  const check = checkPatientInput(info.text, info.lang);
  if (check.action === 'refused') {
    recordGuardEvents(patient, [{ at: deps.now(), guard: `input_${check.reason}`, action: 'refused', reason: check.reason }]);
    // Injection is always refused. Off-topic requests yield only to a recognised complaint (a stray
    // word read as a fact must not let a poem request through); unsafe requests to any clinical fact.
    const keepTriaging = check.reason === 'off_topic' ? info.clinicalSignal === 'complaint' : check.reason === 'unsafe_request' && info.clinicalSignal !== 'none';
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
