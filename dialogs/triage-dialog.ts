// Symptom triage: complaint → protocol → the questions whose answers are not known yet →
// disposition with reasons. The protocol engine decides; this dialog only asks and records. It also
// lets the patient change an answer ("go back", "I meant yes") and asks once more when an answer
// that must be a number (age, pain score, temperature) is not one.
import type { StatePropertyAccessor } from 'botbuilder';
import { TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { messageActivity, promptActivity, type PromptSpec } from '../src/bot/activities';
import { matchCorrection } from '../src/bot/corrections';
import type { BotDeps } from '../src/bot/deps';
import { deliverOutcome } from '../src/bot/outcomes';
import { buildSummary } from '../src/bot/patient-summary';
import { MAX_ANSWER_HISTORY, turnInfo, type PatientState } from '../src/bot/patient-state';
import { triagePromptSpec } from '../src/bot/quick-replies';
import { readTurn } from '../src/bot/understanding';
import { beginQuestion, newTriageState, nextStep, recordAnswer, type TriageState } from '../src/triage/engine';
import type { Disposition, TriageQuestion } from '../src/triage/types';
import { InterruptibleDialog } from './base-dialog';

export const TRIAGE_DIALOG = 'triageDialog';
const LOOP = 'triageLoop';
export const TRIAGE_ANSWER_PROMPT = 'triageAnswer';
/** A safety stop: the engine ends well before this, but a conversation must always end. */
const MAX_QUESTIONS = 14;

export interface TriageResult {
  disposition: Disposition;
  caseId: string;
}

interface LoopOptions {
  asked: number;
  /** Ask this question again (an answer was changed, or was not the number asked for). */
  again?: AskedQuestion;
  /** Said before the question asked again. */
  preface?: string;
}

/** A question as asked, with what its answer must parse as. */
interface AskedQuestion {
  spec: PromptSpec;
  parse?: TriageQuestion['parse'];
  /** It was asked again already because its answer was not a number: the next answer is taken as it is. */
  retried?: boolean;
}

/** A number the answer must hold, and where the engine keeps it. */
const PARSED: Partial<Record<NonNullable<TriageQuestion['parse']>, (s: TriageState) => unknown>> = {
  age: (s) => s.ageYears,
  pain: (s) => s.painScore,
  temperature: (s) => s.temperatureC,
};

export class TriageDialog extends InterruptibleDialog {
  constructor(deps: BotDeps, patientState: StatePropertyAccessor<PatientState>) {
    super(TRIAGE_DIALOG, deps, patientState);
    this.addDialog(new TextPrompt(TRIAGE_ANSWER_PROMPT));
    this.addDialog(new WaterfallDialog(LOOP, [this.askNextStep.bind(this), this.recordAnswerStep.bind(this)]));
    this.initialDialogId = LOOP;
  }

  private async askNextStep(step: WaterfallStepContext<LoopOptions>): Promise<DialogTurnResult> {
    const { lang } = turnInfo(step.context);
    const patient = await this.patientState.get(step.context, {});
    const state = (patient.triage ??= newTriageState());
    const asked = step.options?.asked ?? 0;
    const again = step.options?.again;
    if (again) return this.ask(step, again, step.options?.preface);
    const next = nextStep(this.deps.content, state, lang);
    if (next.kind === 'outcome' || asked >= MAX_QUESTIONS) {
      const outcome = next.kind === 'outcome' ? next.outcome : undefined;
      if (!outcome) return step.endDialog();
      const caseId = await deliverOutcome(step.context, this.deps, { ...outcome, lang, triage: state }, patient);
      patient.lastOutcome = { disposition: outcome.disposition, caseId, protocol: outcome.protocol, crisis: outcome.crisisLine };
      patient.summary = buildSummary(this.deps, lang, state, outcome.advice, outcome.reasons);
      const result: TriageResult = { disposition: outcome.disposition, caseId };
      return step.endDialog(result);
    }
    if (next.kind !== 'ask') return step.endDialog();
    patient.triage = beginQuestion(state, next);
    const q = next.question;
    // Every closed question offers its answers as buttons (numbered on SMS); typing still works.
    return this.ask(step, { spec: triagePromptSpec(q, this.deps.i18n.t(lang)), parse: q.parse });
  }

  private ask(step: WaterfallStepContext<LoopOptions>, question: AskedQuestion, preface?: string): Promise<DialogTurnResult> {
    (step.values as { question?: AskedQuestion }).question = question;
    const spec = preface ? { ...question.spec, text: `${preface}\n\n${question.spec.text}` } : question.spec;
    return step.prompt(TRIAGE_ANSWER_PROMPT, { prompt: promptActivity(spec) });
  }

  private async recordAnswerStep(step: WaterfallStepContext<LoopOptions>): Promise<DialogTurnResult> {
    const { lang, text } = turnInfo(step.context);
    const t = this.deps.i18n.t(lang);
    const patient = await this.patientState.get(step.context, {});
    const question = (step.values as { question: AskedQuestion }).question;
    const asked = (step.options?.asked ?? 0) + 1;
    const correction = matchCorrection(this.deps.i18n, text, lang);
    if (correction) {
      const last = patient.answerHistory?.pop();
      if (!last) return step.replaceDialog(LOOP, { asked, again: question, preface: t('bot:correction.nothingToChange') });
      // Back to what was known before that answer: nothing the changed answer said is kept or quoted.
      patient.triage = last.before;
      const earlier: AskedQuestion = { spec: last.question };
      if (correction.kind === 'back') return step.replaceDialog(LOOP, { asked, again: earlier, preface: t('bot:correction.back') });
      this.record(patient, earlier, correction.answer, lang);
      await step.context.sendActivity(messageActivity(t('bot:correction.changed')));
      return step.replaceDialog(LOOP, { asked });
    }
    // The message was read (and its facts merged) once, before the emergency gate; here it is read as an answer.
    const reading = readTurn(step.context, this.deps, patient);
    const after = this.record(patient, question, reading ?? '', lang);
    // Only a question whose answer is the number itself: "yes" to "have you had a fever?" is an answer.
    const parsed = question.parse && question.spec.kind === 'number' ? PARSED[question.parse] : undefined;
    if (parsed && !question.retried && parsed(after) === null && reading?.tone !== 'unsure') {
      // "no" to "how old are you?", "45" on a 0–10 scale: asked once more, kindly (what else the
      // answer said is kept); a second answer that is not a number either is left, and the engine goes on.
      return step.replaceDialog(LOOP, { asked, again: { ...question, retried: true }, preface: t(`bot:validation.${question.parse}`) });
    }
    return step.replaceDialog(LOOP, { asked });
  }

  /** Records an answer, keeping the state before it so the patient can go back. Returns the new state. */
  private record(patient: PatientState, question: AskedQuestion, answer: Parameters<typeof recordAnswer>[3], lang: Parameters<typeof recordAnswer>[4]): TriageState {
    const before = patient.triage ?? newTriageState();
    patient.answerHistory = [...(patient.answerHistory ?? []), { before, question: question.spec }].slice(-MAX_ANSWER_HISTORY);
    return (patient.triage = recordAnswer(this.deps.content, before, question.spec.id, answer, lang, typeof answer !== 'string'));
  }
}
