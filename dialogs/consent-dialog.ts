// Tells the patient they talk to an automated assistant (not a clinician), names the emergency
// number, and asks consent. Declining ends politely with the clinic's phone number.
import type { StatePropertyAccessor } from 'botbuilder';
import { TextPrompt, WaterfallDialog, type WaterfallStepContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { messageActivity, promptActivity } from '../src/bot/activities';
import type { BotDeps } from '../src/bot/deps';
import { isYes, normalise } from '../src/bot/intents';
import { turnInfo, type PatientState } from '../src/bot/patient-state';
import { InterruptibleDialog } from './base-dialog';

export const CONSENT_DIALOG = 'consentDialog';
const WATERFALL = 'consentWaterfall';
const CONSENT_PROMPT = 'consentPrompt';
const MAX_ATTEMPTS = 3;

export class ConsentDialog extends InterruptibleDialog {
  constructor(deps: BotDeps, patientState: StatePropertyAccessor<PatientState>) {
    super(CONSENT_DIALOG, deps, patientState);
    this.addDialog(new TextPrompt(CONSENT_PROMPT, (pc) => Promise.resolve(this.understood(pc.context.activity.text ?? '', turnInfo(pc.context).lang) !== undefined || pc.attemptCount >= MAX_ATTEMPTS)));
    this.addDialog(new WaterfallDialog(WATERFALL, [this.askConsentStep.bind(this), this.recordConsentStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async askConsentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { lang } = turnInfo(step.context);
    const t = this.deps.i18n.t(lang);
    const vars = { clinicName: this.deps.clinic.name, emergencyNumber: this.deps.clinic.emergencyNumber };
    await step.context.sendActivity(messageActivity(t('bot:consent.disclosure', vars)));
    const prompt = promptActivity({
      kind: 'consent',
      id: 'consent',
      text: t('bot:consent.ask'),
      choices: [
        { value: t('bot:consent.agree'), label: t('bot:consent.agree') },
        { value: t('bot:consent.decline'), label: t('bot:consent.decline') },
      ],
    });
    const retry = promptActivity({ kind: 'consent', id: 'consent', text: t('bot:consent.retry'), choices: prompt.suggestedActions?.actions.map((a) => ({ value: String(a.value), label: a.title })) });
    return step.prompt(CONSENT_PROMPT, { prompt, retryPrompt: retry });
  }

  private async recordConsentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { lang } = turnInfo(step.context);
    const t = this.deps.i18n.t(lang);
    const patient = await this.patientState.get(step.context, {});
    const agreed = this.understood(String(step.result ?? ''), lang) === true;
    patient.consent = agreed ? 'given' : 'declined';
    if (!agreed) {
      await step.context.sendActivity(messageActivity(t('bot:consent.declined', { clinicPhone: this.deps.clinic.phone, emergencyNumber: this.deps.clinic.emergencyNumber })));
    }
    return step.endDialog(agreed);
  }

  /** true = agreed, false = declined, undefined = not an answer to the consent question. */
  private understood(text: string, lang: PatientState['language'] & string): boolean | undefined {
    const t = this.deps.i18n.t(lang);
    const n = normalise(text);
    if (n === normalise(t('bot:consent.agree'))) return true;
    if (n === normalise(t('bot:consent.decline'))) return false;
    return isYes(this.deps.i18n, text, lang);
  }
}
