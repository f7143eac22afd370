// Turning a triage outcome (or an emergency red flag) into what the patient reads and what staff
// see: the outcome message with channelData.triage, and a recorded (and, when urgent, escalated)
// case with its handover note and the conversation's guard decisions.
import type { Activity, TurnContext } from 'botbuilder';
import { ageBand } from '../triage/age-band';
import { knownFindings, type TriageState } from '../triage/engine';
import type { Disposition, Language, OutcomeAdvice, Reason } from '../triage/types';
import { fill, messageActivity } from './activities';
import { conversationKey } from './conversation-key';
import type { BotDeps } from './deps';
import { sbarTemplate } from './handover-template';
import { turnInfo, type PatientState } from './patient-state';

export interface OutcomeInput {
  disposition: Disposition;
  protocol: string;
  reasons: Reason[];
  advice: OutcomeAdvice;
  crisisLine: boolean;
  lang: Language;
  triage: TriageState;
}

export function clinicVars(deps: BotDeps): Record<string, string> {
  return { emergencyNumber: deps.clinic.emergencyNumber, crisisLine: deps.clinic.crisisLine, clinicPhone: deps.clinic.phone, clinicName: deps.clinic.name };
}

export function outcomeText(deps: BotDeps, o: OutcomeInput): string {
  const t = deps.i18n.t(o.lang);
  const vars = clinicVars(deps);
  const parts = [fill(o.advice.headline, vars)];
  if (o.reasons.length) parts.push(`${t('bot:outcome.because')}\n${o.reasons.map((r) => `• ${fill(r.text, vars)}`).join('\n')}`);
  const whatToDo = fill(o.advice.whatToDo, vars);
  parts.push(whatToDo);
  if (o.disposition === 'emergency') {
    // Said once: when the advice already tells the patient to call the number, only that staff know.
    parts.push(t(whatToDo.includes(deps.clinic.emergencyNumber) ? 'bot:emergency.alerted' : 'bot:emergency.callNow', vars));
    if (o.crisisLine) parts.push(t('bot:emergency.crisisLine', vars));
  }
  parts.push(fill(o.advice.safetyNet, vars));
  return parts.join('\n\n');
}

/**
 * Records the case, then sends the outcome message carrying channelData.triage. Returns the case id.
 * An emergency (crisis included) goes out at once from its reviewed template: no LLM rewording, so
 * no model can delay or alter it. Other outcomes may be reworded within the turn's budget. The LLM
 * handover note for staff is written after the reply is out and never holds the patient's turn.
 */
export async function deliverOutcome(context: TurnContext, deps: BotDeps, o: OutcomeInput, patient: PatientState): Promise<string> {
  const findings = knownFindings(o.triage);
  const channel = context.activity.channelId;
  const guardEvents = patient.guardEvents ?? [];
  patient.guardEvents = [];
  const created = await deps.cases.record({
    conversationId: conversationKey(context.activity),
    channel,
    language: o.lang,
    disposition: o.disposition,
    protocol: o.protocol,
    reasons: o.reasons,
    findings,
    ageBand: ageBand(o.triage.ageYears),
    handoverNote: sbarTemplate({ ...o, findings, channel, language: o.lang }),
    handoverSource: 'template',
    guardEvents,
  });
  deps.metrics.dispositions.inc({ disposition: o.disposition, language: o.lang });
  if (o.disposition === 'emergency') {
    // Whichever step found them (the gate or the dialog's questions), these red flags are escalated now:
    // a later message does not open a second case for them.
    const flags = o.reasons.map((r) => r.code).filter((c) => c.startsWith('redflag.'));
    patient.emergencyFlags = [...new Set([...(patient.emergencyFlags ?? []), ...flags])];
    patient.emergencyGiven = true;
  }

  let text = outcomeText(deps, o);
  if (deps.llm && o.disposition !== 'emergency') {
    // The LLM may only reword: the disposition, numbers and instructions are checked by its output guards.
    const mustKeep = [deps.clinic.emergencyNumber, deps.clinic.phone, deps.clinic.crisisLine].filter((s) => text.includes(s));
    const phrased = await deps.llm.phraseReply({ text, lang: o.lang, disposition: o.disposition, mustKeep }, turnInfo(context).llmBudget);
    text = phrased.text;
    await deps.cases.addGuardEvents(created._id, phrased.events);
  }
  const activity: Partial<Activity> = messageActivity(text, {
    triage: { disposition: o.disposition, caseId: created._id, reasons: o.reasons, protocol: o.protocol },
    emergencyNumber: o.disposition === 'emergency' ? deps.clinic.emergencyNumber : undefined,
    crisisLine: o.crisisLine ? deps.clinic.crisisLine : undefined,
  });
  await context.sendActivity(activity);
  if (deps.llm && created.escalated) {
    const key = conversationKey(context.activity);
    afterTheReply(deps, 'llm_handover_note', () => writeLlmHandover(deps, created._id, o, findings, key));
  }
  return created._id;
}

function afterTheReply(deps: BotDeps, what: string, task: () => Promise<void>): void {
  if (deps.afterTurn) return deps.afterTurn.start(what, task);
  task().catch((err: unknown) => deps.logger.warn({ work: what, errName: (err as Error | undefined)?.name }, 'after-turn work failed'));
}

/** Staff-side: the LLM's SBAR note replaces the template when its guards accept it. */
async function writeLlmHandover(deps: BotDeps, caseId: string, o: OutcomeInput, findings: ReturnType<typeof knownFindings>, conversationId: string): Promise<void> {
  const stored = await deps.transcripts.since(conversationId, 0);
  const transcript = stored.filter((a) => a.type === 'message' && a.text).map((a) => ({ role: a.from.role, text: a.text! }));
  const events: Parameters<typeof deps.cases.addGuardEvents>[1] = [];
  const result = await deps.llm!.handoverNote({ lang: 'en', transcript, disposition: o.disposition, reasons: o.reasons, findings }, (e) => events.push(...e));
  if (result) {
    await deps.cases.setHandoverNote(caseId, result.note, 'llm');
    events.push(...result.events);
  }
  await deps.cases.addGuardEvents(caseId, events);
}
