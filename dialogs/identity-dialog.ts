// Who the patient is, asked only where it is needed: before a booking is made, and for a call-back
// on an urgent or emergency case (after the advice, never before it). Each item can be skipped and
// skipping never blocks anything; an answer that cannot be read is asked once more, then left out.
// What the patient gives is stored encrypted on the case (and in the encrypted bot state).
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { messageActivity, promptActivity } from '../src/bot/activities';
import { isSkip, readDateOfBirth, readPhone } from '../src/bot/identity-answers';
import type { I18n } from '../src/i18n';
import type { CaseRepository, PatientIdentity } from '../src/repositories/cases';
import type { Language } from '../src/triage/types';

export const IDENTITY_DIALOG = 'identityDialog';
const FLOW = 'identityFlow';
const ASK = 'identityAnswer';

export interface IdentityOptions {
  lang: Language;
  reason: 'booking' | 'callback';
  caseId?: string;
  /** The channel knows the patient's number already (SMS): it is not asked. */
  phoneKnown: boolean;
}

export interface IdentityDeps {
  i18n: I18n;
  cases: Pick<CaseRepository, 'setIdentity'>;
  now: () => Date;
}

interface Values {
  identity: PatientIdentity;
  retried?: boolean;
}

const valuesOf = (step: WaterfallStepContext): Values => step.values as Values;

export class IdentityDialog extends ComponentDialog {
  constructor(private readonly deps: IdentityDeps) {
    super(IDENTITY_DIALOG);
    this.addDialog(new TextPrompt(ASK));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.askPermission.bind(this),
        this.askName.bind(this),
        this.askBirthDate.bind(this),
        this.checkBirthDate.bind(this),
        this.askPhone.bind(this),
        this.checkPhone.bind(this),
        this.save.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  private opts(step: WaterfallStepContext): IdentityOptions {
    return step.options as IdentityOptions;
  }

  private t(step: WaterfallStepContext): ReturnType<I18n['t']> {
    return this.deps.i18n.t(this.opts(step).lang);
  }

  private async askPermission(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = this.t(step);
    valuesOf(step).identity = {};
    const key = this.opts(step).reason === 'booking' ? 'bot:identity.askBooking' : 'bot:identity.askCallback';
    const choices = [
      { value: t('bot:identity.agree'), label: t('bot:identity.agree') },
      { value: t('bot:identity.skip'), label: t('bot:identity.skip') },
    ];
    return step.prompt(ASK, { prompt: promptActivity({ kind: 'yes_no', id: 'identity_consent', text: t(key), choices }) });
  }

  private async askName(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = this.t(step);
    const answer = String(step.result ?? '');
    if (answer !== t('bot:identity.agree') && isSkip(this.deps.i18n, answer, this.opts(step).lang)) {
      await step.context.sendActivity(messageActivity(t('bot:identity.skipped')));
      return step.endDialog();
    }
    return step.prompt(ASK, { prompt: promptActivity({ kind: 'text', id: 'identity_name', text: t('bot:identity.name') }) });
  }

  private async askBirthDate(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const name = String(step.result ?? '').trim();
    if (name && !isSkip(this.deps.i18n, name, this.opts(step).lang)) valuesOf(step).identity.name = name.slice(0, 120);
    return step.prompt(ASK, { prompt: promptActivity({ kind: 'date', id: 'identity_dob', text: this.t(step)('bot:identity.dateOfBirth') }) });
  }

  private async checkBirthDate(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = String(step.result ?? '');
    const { lang } = this.opts(step);
    if (isSkip(this.deps.i18n, answer, lang)) return step.next();
    const dob = readDateOfBirth(answer, lang, this.deps.now());
    if (dob) {
      valuesOf(step).identity.dateOfBirth = dob;
      return step.next();
    }
    // Once more, with an example; a second miss is left out.
    return step.prompt(ASK, { prompt: promptActivity({ kind: 'date', id: 'identity_dob', text: this.t(step)('bot:identity.dateOfBirthAgain') }) });
  }

  private async askPhone(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    const { lang, phoneKnown } = this.opts(step);
    if (step.result !== undefined && !values.identity.dateOfBirth) {
      const dob = readDateOfBirth(String(step.result), lang, this.deps.now());
      if (dob) values.identity.dateOfBirth = dob;
    }
    if (phoneKnown) return step.next();
    return step.prompt(ASK, { prompt: promptActivity({ kind: 'text', id: 'identity_phone', text: this.t(step)('bot:identity.phone') }) });
  }

  private async checkPhone(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === undefined) return step.next();
    const answer = String(step.result);
    const { lang } = this.opts(step);
    if (isSkip(this.deps.i18n, answer, lang)) return step.next();
    const phone = readPhone(answer);
    if (phone) {
      valuesOf(step).identity.phone = phone;
      return step.next();
    }
    return step.prompt(ASK, { prompt: promptActivity({ kind: 'text', id: 'identity_phone', text: this.t(step)('bot:identity.phoneAgain') }) });
  }

  private async save(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    if (step.result !== undefined && !values.identity.phone) {
      const phone = readPhone(String(step.result));
      if (phone) values.identity.phone = phone;
    }
    const { caseId } = this.opts(step);
    const given = Object.keys(values.identity).length > 0;
    if (given && caseId) await this.deps.cases.setIdentity(caseId, values.identity);
    await step.context.sendActivity(messageActivity(this.t(step)(given ? 'bot:identity.thanks' : 'bot:identity.skipped')));
    return step.endDialog(given ? values.identity : undefined);
  }
}
