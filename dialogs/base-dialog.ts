// Every dialog of ours extends this: before any step runs, each turn passes the emergency gate and
// the interruptions a patient may make at any moment (stop, help, talk to a person).
import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { StatePropertyAccessor } from 'botbuilder';
import { messageActivity, promptActivity } from '../src/bot/activities';
import type { BotDeps } from '../src/bot/deps';
import { runEmergencyGate } from '../src/bot/emergency-step';
import { matchIntent } from '../src/bot/intents';
import { escalateToStaff } from '../src/bot/staff-request';
import { resetAssessment, turnInfo, type PatientState } from '../src/bot/patient-state';
import { understandTurn } from '../src/bot/understanding';
import { IDENTITY_DIALOG, type IdentityOptions } from './identity-dialog';

const INTERRUPTS_DONE = Symbol('interruptsDone');

export abstract class InterruptibleDialog extends ComponentDialog {
  protected constructor(
    id: string,
    protected readonly deps: BotDeps,
    protected readonly patientState: StatePropertyAccessor<PatientState>,
  ) {
    super(id);
  }

  override async onBeginDialog(dc: DialogContext, options?: object): Promise<DialogTurnResult> {
    return (await this.interrupt(dc, false)) ?? super.onBeginDialog(dc, options);
  }

  override async onContinueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(dc, true)) ?? super.onContinueDialog(dc);
  }

  /** Runs once per turn, in the outermost dialog that sees the turn. */
  private async interrupt(dc: DialogContext, continuing: boolean): Promise<DialogTurnResult | undefined> {
    const ctx = dc.context;
    if (ctx.turnState.get(INTERRUPTS_DONE) || ctx.activity.type !== 'message') return undefined;
    ctx.turnState.set(INTERRUPTS_DONE, true);
    const patient = await this.patientState.get(ctx, {});
    if (await runEmergencyGate(ctx, this.deps, patient)) {
      const ended = await dc.cancelAllDialogs();
      // After the advice (never before it): who to call back, once, skippable; SMS has the number.
      if (!dc.findDialog(IDENTITY_DIALOG) || patient.identityAsked || !patient.lastOutcome || ctx.activity.channelId === 'sms') return ended;
      patient.identityAsked = true;
      const options: IdentityOptions = { lang: turnInfo(ctx).lang, reason: 'callback', caseId: patient.lastOutcome.caseId, phoneKnown: false };
      return dc.beginDialog(IDENTITY_DIALOG, options);
    }

    const { lang, text } = turnInfo(ctx);
    const t = this.deps.i18n.t(lang);
    switch (matchIntent(this.deps.i18n, text, lang)) {
      case 'restart':
        // A new assessment from the start; the case already recorded stays in the staff queue.
        resetAssessment(patient);
        await ctx.sendActivity(promptActivity({ kind: 'text', id: 'complaint', text: t('bot:restart.done') }));
        return dc.cancelAllDialogs();
      case 'stop':
        resetAssessment(patient);
        await ctx.sendActivity(messageActivity(t('bot:stop.done', { clinicPhone: this.deps.clinic.phone })));
        return dc.cancelAllDialogs();
      case 'help':
        await ctx.sendActivity(messageActivity(t('bot:help.text', { emergencyNumber: this.deps.clinic.emergencyNumber, clinicPhone: this.deps.clinic.phone })));
        // Ask the pending question again, unchanged.
        if (dc.activeDialog) await dc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'human':
        await escalateToStaff(ctx, this.deps, patient, lang);
        return dc.cancelAllDialogs();
      case 'book':
      case 'cancel':
      case 'reschedule':
      case undefined:
        // Routing intents: the main dialog handles them in its own steps.
        break;
    }
    if ((await understandTurn(ctx, this.deps, patient)) === 'refused') {
      if (!continuing) return dc.cancelAllDialogs();
      // The refused message changes nothing: the pending question is asked again.
      await dc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    return undefined;
  }
}
