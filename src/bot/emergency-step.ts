// The emergency gate as a turn step: runs on every patient message (before consent, before any
// LLM call, even while a nurse holds the conversation) and answers with the emergency outcome.
// A red flag is escalated once: a later harmless message ("ok, thank you") does not repeat it,
// while a message that names a red flag again gets the emergency advice again.
import type { TurnContext } from 'botbuilder';
import { checkEmergency, emergencyFromState } from '../triage/emergency-gate';
import { newTriageState } from '../triage/engine';
import type { EmergencyHit } from '../triage/types';
import { messageActivity } from './activities';
import type { BotDeps } from './deps';
import { deliverOutcome, outcomeText } from './outcomes';
import { turnInfo, type PatientState } from './patient-state';
import { readTurn } from './understanding';

const flagIds = (hit: EmergencyHit): string[] => hit.reasons.map((r) => r.code).filter((c) => c.startsWith('redflag.'));

/** Returns true when the emergency answer was given this turn. */
export async function runEmergencyGate(context: TurnContext, deps: BotDeps, patient: PatientState): Promise<boolean> {
  const info = turnInfo(context);
  if (info.emergencyHandled) return true;
  const reading = readTurn(context, deps, patient);
  if (!reading) return false;
  const triage = patient.triage ?? newTriageState();
  const hit = emergencyFromState(deps.content, triage, info.lang);
  if (!hit) return false;
  const answered = new Set(patient.emergencyFlags ?? []);
  const fresh = flagIds(hit).filter((id) => !answered.has(id));
  const outcome = { disposition: 'emergency' as const, protocol: hit.protocol, reasons: hit.reasons, advice: hit.advice, crisisLine: hit.crisisLine, lang: info.lang, triage };

  if (fresh.length === 0) {
    // Already escalated: repeat the advice only when this message itself names a red flag.
    if (!checkEmergency(deps.content, reading, info.lang) || !patient.lastOutcome) return false;
    info.emergencyHandled = true;
    await context.sendActivity(
      messageActivity(outcomeText(deps, outcome), {
        triage: { disposition: 'emergency', caseId: patient.lastOutcome.caseId, reasons: hit.reasons, protocol: hit.protocol },
        emergencyNumber: deps.clinic.emergencyNumber,
        crisisLine: hit.crisisLine ? deps.clinic.crisisLine : undefined,
      }),
    );
    return true;
  }
  info.emergencyHandled = true;
  deps.metrics.emergencyGate.inc({ red_flag: hit.redFlagId });
  const caseId = await deliverOutcome(context, deps, outcome, patient);
  patient.lastOutcome = { disposition: 'emergency', caseId, protocol: hit.protocol, crisis: hit.crisisLine };
  return true;
}
