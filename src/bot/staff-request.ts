// "Talk to a person": the conversation goes to the staff queue with what is known so far.
import type { TurnContext } from 'botbuilder';
import { ageBand } from '../triage/age-band';
import { knownFindings, newTriageState } from '../triage/engine';
import { moreUrgent, type Disposition, type Language } from '../triage/types';
import { messageActivity } from './activities';
import { conversationKey } from './conversation-key';
import type { BotDeps } from './deps';
import { sbarTemplate } from './handover-template';
import type { PatientState } from './patient-state';

export async function escalateToStaff(context: TurnContext, deps: BotDeps, patient: PatientState, lang: Language): Promise<void> {
  const t = deps.i18n.t(lang);
  // A request for a person is at least urgent for the queue, never below what triage found.
  const disposition: Disposition = moreUrgent('urgent', patient.lastOutcome?.disposition ?? 'urgent');
  const reasons = [{ code: 'patient_requested_staff', text: t('bot:human.reason') }];
  const triage = patient.triage ?? newTriageState();
  const findings = knownFindings(triage);
  await deps.cases.create({
    conversationId: conversationKey(context.activity),
    channel: context.activity.channelId,
    language: lang,
    disposition,
    protocol: patient.lastOutcome?.protocol ?? 'staff_request',
    reasons,
    findings,
    ageBand: ageBand(triage.ageYears),
    handoverNote: sbarTemplate({ disposition, protocol: patient.lastOutcome?.protocol ?? 'staff_request', reasons, findings, channel: context.activity.channelId, language: lang, patientRequestedStaff: true }),
    handoverSource: 'template',
  });
  await context.sendActivity(messageActivity(t('bot:human.queued', { clinicPhone: deps.clinic.phone, emergencyNumber: deps.clinic.emergencyNumber })));
}
