// "Talk to a person": the conversation goes to the staff queue with what is known so far (the
// conversation's open case is updated, or a new one carries the last outcome's reasons), and the
// patient hears who will answer and when. Until a nurse takes it, further messages are noted on the
// case rather than starting triage again (the emergency gate still runs on each of them).
import type { TurnContext } from 'botbuilder';
import { formatWhen } from '../scheduling/format';
import { staffAvailability } from '../scheduling/staff-hours';
import { ageBand } from '../triage/age-band';
import { knownFindings, newTriageState } from '../triage/engine';
import { moreUrgent, type Disposition, type Language, type Reason } from '../triage/types';
import { messageActivity } from './activities';
import { conversationKey } from './conversation-key';
import type { BotDeps } from './deps';
import { sbarTemplate } from './handover-template';
import type { PatientState } from './patient-state';

/** What the patient is told about when a person will answer: now (opening hours), or when the clinic opens. */
export function whenStaffAnswer(deps: BotDeps, lang: Language): string {
  const t = deps.i18n.t(lang);
  const vars = { clinicPhone: deps.clinic.phone, emergencyNumber: deps.clinic.emergencyNumber, clinicName: deps.clinic.name };
  const now = staffAvailability(deps.clinic, deps.now());
  if (now.open) return t('bot:human.openNow', vars);
  if (now.next) return t('bot:human.closedUntil', { ...vars, when: formatWhen(now.next, lang, deps.clinic.timezone) });
  return t('bot:human.closed', vars);
}

export async function escalateToStaff(context: TurnContext, deps: BotDeps, patient: PatientState, lang: Language): Promise<void> {
  const t = deps.i18n.t(lang);
  const key = conversationKey(context.activity);
  // A request for a person is at least urgent for the queue, never below what triage found.
  const disposition: Disposition = moreUrgent('urgent', patient.lastOutcome?.disposition ?? 'urgent');
  const protocol = patient.lastOutcome?.protocol ?? patient.triage?.protocol ?? 'staff_request';
  const reasons: Reason[] = [{ code: 'patient_requested_staff', text: t('bot:human.reason') }];
  // A finished outcome's case is closed already (routine, self-care): its reasons come along, so the nurse sees why.
  const previous = await deps.cases.latestForConversation(key);
  if (previous?.status === 'resolved' && previous.escalated === false) reasons.push(...deps.cases.reasons(previous));
  const triage = patient.triage ?? newTriageState();
  const findings = knownFindings(triage);
  const doc = await deps.cases.record(
    {
      conversationId: key,
      channel: context.activity.channelId,
      language: lang,
      disposition,
      protocol,
      reasons,
      findings,
      ageBand: ageBand(triage.ageYears),
      handoverNote: sbarTemplate({ disposition, protocol, reasons, findings, channel: context.activity.channelId, language: lang, patientRequestedStaff: true }),
      handoverSource: 'template',
    },
    'staff_request',
  );
  patient.awaitingPerson = { caseId: doc._id, since: deps.now().toISOString() };
  patient.lastOutcome = { disposition: doc.disposition, caseId: doc._id, protocol: doc.protocol };
  patient.triageFinished = true;
  await context.sendActivity(messageActivity(`${t('bot:human.queued', { clinicPhone: deps.clinic.phone, emergencyNumber: deps.clinic.emergencyNumber })}\n\n${whenStaffAnswer(deps, lang)}`));
}

/**
 * While the patient waits for a person: true when this message was noted on the case (and the
 * patient told it was), false when nobody is awaited any more (a nurse handed the case back or
 * resolved it) so the bot carries on.
 */
export async function noteWhileWaiting(context: TurnContext, deps: BotDeps, patient: PatientState, lang: Language): Promise<boolean> {
  const waiting = patient.awaitingPerson;
  if (!waiting) return false;
  const doc = await deps.cases.get(waiting.caseId);
  const stillWaiting = doc?.status === 'open' && !(doc.handedBackAt && doc.handedBackAt.getTime() >= Date.parse(waiting.since));
  if (!stillWaiting) {
    delete patient.awaitingPerson;
    return false;
  }
  await deps.cases.notePatientMessage(doc._id);
  const t = deps.i18n.t(lang);
  await context.sendActivity(messageActivity(`${t('bot:human.stillWaiting')}\n\n${whenStaffAnswer(deps, lang)}`));
  return true;
}
