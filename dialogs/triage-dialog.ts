// Symptom triage: complaint → protocol → the questions whose answers are not known yet →
// disposition with reasons. The protocol engine decides; this dialog only asks and records.
import type { StatePropertyAccessor } from 'botbuilder';
import { TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { promptActivity } from '../src/bot/activities';
import type { BotDeps } from '../src/bot/deps';
import { deliverOutcome } from '../src/bot/outcomes';
import { turnInfo, type PatientState } from '../src/bot/patient-state';
import { readTurn } from '../src/bot/understanding';
import { beginQuestion, newTriageState, nextStep, recordAnswer } from '../src/triage/engine';
import type { Disposition } from '../src/triage/types';
import { InterruptibleDialog } from './base-dialog';

export const TRIAGE_DIALOG = 'triageDialog';
const LOOP = 'triageLoop';
const ANSWER_PROMPT = 'triageAnswer';
/** A safety stop: the engine ends well before this, but a conversation must always end. */
const MAX_QUESTIONS = 14;

export interface TriageResult {
  disposition: Disposition;
  caseId: string;
}

interface LoopOptions {
  asked: number;
}

export class TriageDialog extends InterruptibleDialog {
  constructor(deps: BotDeps, patientState: StatePropertyAccessor<PatientState>) {
    super(TRIAGE_DIALOG, deps, patientState);
    this.addDialog(new TextPrompt(ANSWER_PROMPT));
    this.addDialog(new WaterfallDialog(LOOP, [this.askNextStep.bind(this), this.recordAnswerStep.bind(this)]));
    this.initialDialogId = LOOP;
  }

  private async askNextStep(step: WaterfallStepContext<LoopOptions>): Promise<DialogTurnResult> {
    const { lang } = turnInfo(step.context);
    const patient = await this.patientState.get(step.context, {});
    const state = (patient.triage ??= newTriageState());
    const asked = step.options?.asked ?? 0;
    const next = nextStep(this.deps.content, state, lang);
    if (next.kind === 'outcome' || asked >= MAX_QUESTIONS) {
      const outcome = next.kind === 'outcome' ? next.outcome : undefined;
      if (!outcome) return step.endDialog();
      const caseId = await deliverOutcome(step.context, this.deps, { ...outcome, lang, triage: state }, patient);
      patient.lastOutcome = { disposition: outcome.disposition, caseId, protocol: outcome.protocol };
      const result: TriageResult = { disposition: outcome.disposition, caseId };
      return step.endDialog(result);
    }
    if (next.kind !== 'ask') return step.endDialog();
    patient.triage = beginQuestion(state, next);
    const q = next.question;
    (step.values as Record<string, unknown>).questionId = q.id;
    return step.prompt(ANSWER_PROMPT, { prompt: promptActivity({ kind: q.kind, id: q.id, text: q.text, choices: q.choices, numbered: q.numbered }) });
  }

  private async recordAnswerStep(step: WaterfallStepContext<LoopOptions>): Promise<DialogTurnResult> {
    const { lang } = turnInfo(step.context);
    const patient = await this.patientState.get(step.context, {});
    const questionId = (step.values as Record<string, unknown>).questionId as string;
    // The message was read (and its facts merged) once, before the emergency gate; here it is read as an answer.
    const reading = readTurn(step.context, this.deps, patient);
    patient.triage = recordAnswer(this.deps.content, patient.triage ?? newTriageState(), questionId, reading ?? '', lang, true);
    return step.replaceDialog(LOOP, { asked: (step.options?.asked ?? 0) + 1 });
  }
}
