// Tells the patient they talk to an automated assistant (not a clinician), names the emergency
// number, and asks consent. Declining ends politely with the clinic's phone number. A message that
// hints at self-harm, before consent as after, gets the crisis line at once; the crisis questions
// follow consent, and a patient who declines after such a hint is passed to staff all the same.
import type { Activity, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Translate } from '../src/i18n';
import { TextPrompt, WaterfallDialog, type DialogTurnResult, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { messageActivity, promptActivity } from '../src/bot/activities';
import { conversationKey } from '../src/bot/conversation-key';
import type { BotDeps } from '../src/bot/deps';
import { isYes, normalise } from '../src/bot/intents';
import { turnInfo, type PatientState } from '../src/bot/patient-state';
import { readTurn } from '../src/bot/understanding';
import { hintsAtCrisis, knownFindings, newTriageState } from '../src/triage/engine';
import type { Language } from '../src/triage/types';
import { InterruptibleDialog } from './base-dialog';

export const CONSENT_DIALOG = 'consentDialog';
const WATERFALL = 'consentWaterfall';
export const CONSENT_PROMPT = 'consentPrompt';
const MAX_ATTEMPTS = 3;
/** A longer message is the patient telling us something, not answering "do you agree?". */
const MAX_ANSWER_WORDS = 5;

/** The consent question with its two answers, the agreeing one first (CONTRACTS.md). */
export function consentPrompt(t: Translate, retry = false): Partial<Activity> {
  return promptActivity({
    kind: 'consent',
    id: 'consent',
    text: t(retry ? 'bot:consent.retry' : 'bot:consent.ask'),
    choices: [
      { value: t('bot:consent.agree'), label: t('bot:consent.agree') },
      { value: t('bot:consent.decline'), label: t('bot:consent.decline') },
    ],
  });
}

export class ConsentDialog extends InterruptibleDialog {
  constructor(deps: BotDeps, patientState: StatePropertyAccessor<PatientState>) {
    super(CONSENT_DIALOG, deps, patientState);
    this.addDialog(new TextPrompt(CONSENT_PROMPT, this.validate.bind(this)));
    this.addDialog(new WaterfallDialog(WATERFALL, [this.askConsentStep.bind(this), this.recordConsentStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async askConsentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { lang } = turnInfo(step.context);
    const t = this.deps.i18n.t(lang);
    await this.supportInCrisis(step.context);
    const vars = { clinicName: this.deps.clinic.name, emergencyNumber: this.deps.clinic.emergencyNumber };
    const patient = await this.patientState.get(step.context, {});
    // Once per conversation: a patient back from a nurse (who had not agreed yet) is not greeted again.
    if (!patient.disclosed) await step.context.sendActivity(messageActivity(t('bot:consent.disclosure', vars)));
    patient.disclosed = true;
    return step.prompt(CONSENT_PROMPT, { prompt: consentPrompt(t), retryPrompt: consentPrompt(t, true) });
  }

  private async validate(pc: PromptValidatorContext<string>): Promise<boolean> {
    const { lang } = turnInfo(pc.context);
    if (this.understood(pc.context.activity.text ?? '', lang) !== undefined) return true;
    // Asked again in the language of this message (the patient may have written in another one).
    pc.options.retryPrompt = consentPrompt(this.deps.i18n.t(lang), true);
    await this.supportInCrisis(pc.context);
    return pc.attemptCount >= MAX_ATTEMPTS;
  }

  private async recordConsentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { lang } = turnInfo(step.context);
    const t = this.deps.i18n.t(lang);
    const patient = await this.patientState.get(step.context, {});
    const agreed = this.understood(String(step.result ?? ''), lang) === true;
    patient.consent = agreed ? 'given' : 'declined';
    if (!agreed) {
      if (patient.crisisSupportGiven) await this.passCrisisToStaff(step.context, patient, lang);
      await step.context.sendActivity(messageActivity(t('bot:consent.declined', { clinicPhone: this.deps.clinic.phone, emergencyNumber: this.deps.clinic.emergencyNumber })));
    }
    return step.endDialog(agreed);
  }

  /** The crisis line, once, when this message hints at self-harm: it must not wait for consent. */
  private async supportInCrisis(context: TurnContext): Promise<void> {
    const patient = await this.patientState.get(context, {});
    const reading = readTurn(context, this.deps, patient);
    if (!reading || patient.crisisSupportGiven || !hintsAtCrisis(this.deps.content, reading)) return;
    patient.crisisSupportGiven = true;
    const t = this.deps.i18n.t(turnInfo(context).lang);
    await context.sendActivity(messageActivity(t('bot:crisis.support', { crisisLine: this.deps.clinic.crisisLine, emergencyNumber: this.deps.clinic.emergencyNumber }), { crisisLine: this.deps.clinic.crisisLine }));
  }

  /** Someone who hinted at self-harm and then declined the assistant is still someone staff should reach. */
  private async passCrisisToStaff(context: TurnContext, patient: PatientState, lang: Language): Promise<void> {
    const t = this.deps.i18n.t(lang);
    await this.deps.cases.record({
      conversationId: conversationKey(context.activity),
      channel: context.activity.channelId,
      language: lang,
      disposition: 'urgent',
      protocol: 'crisis',
      reasons: [{ code: 'crisis.declined_consent', text: t('bot:crisis.declinedCase') }],
      findings: knownFindings(patient.triage ?? newTriageState()),
      handoverNote: t('bot:crisis.declinedCase'),
      handoverSource: 'template',
    });
  }

  /** true = agreed, false = declined, undefined = not an answer to the consent question. */
  private understood(text: string, lang: Language): boolean | undefined {
    const t = this.deps.i18n.t(lang);
    const n = normalise(text);
    if (n === normalise(t('bot:consent.agree'))) return true;
    if (n === normalise(t('bot:consent.decline'))) return false;
    // "i dont want to live anymore…" is not a "no" to the consent question
    const words = lang === 'zh' ? Array.from(n.replace(/\s/g, '')).length / 2 : n.split(' ').length;
    if (words > MAX_ANSWER_WORDS) return undefined;
    return isYes(this.deps.i18n, text, lang);
  }
}
