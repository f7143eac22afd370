// The entry point of every conversation: consent first, then routing by what the patient wants
// (triage, booking, a general question), then what follows a triage outcome (booking offer).
import type { StatePropertyAccessor } from 'botbuilder';
import { TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { messageActivity, promptActivity } from '../src/bot/activities';
import type { BotDeps } from '../src/bot/deps';
import { matchFaq } from '../src/bot/faq';
import { isYes, matchIntent, type Intent } from '../src/bot/intents';
import { turnInfo, type PatientState } from '../src/bot/patient-state';
import { followUpAnswer, nextAssessment } from '../src/bot/follow-up';
import { summaryActivity, withAppointment } from '../src/bot/patient-summary';
import { newTriageState, readMessage } from '../src/triage/engine';
import { InterruptibleDialog } from './base-dialog';
import { BOOKING_DIALOG, BookingDialog, type BookingOptions, type BookingResult } from './booking-dialog';
import { IDENTITY_DIALOG, IdentityDialog, type IdentityOptions } from './identity-dialog';
import { CONSENT_DIALOG, ConsentDialog } from './consent-dialog';
import { TRIAGE_DIALOG, TriageDialog, type TriageResult } from './triage-dialog';

export const MAIN_DIALOG = 'mainDialog';
const WATERFALL = 'mainWaterfall';
const OFFER_PROMPT = 'offerBookingPrompt';

interface MainValues {
  /** The identity questions for a call-back are running. */
  callback?: boolean;
  openingText?: string;
  intent?: Intent;
  triage?: TriageResult;
}

const valuesOf = (step: WaterfallStepContext): MainValues => step.values;

export class MainDialog extends InterruptibleDialog {
  constructor(deps: BotDeps, patientState: StatePropertyAccessor<PatientState>) {
    super(MAIN_DIALOG, deps, patientState);
    this.addDialog(new ConsentDialog(deps, patientState));
    this.addDialog(new TriageDialog(deps, patientState));
    this.addDialog(new BookingDialog({ appointments: deps.appointments, clinic: deps.clinic, i18n: deps.i18n, cases: deps.cases, links: deps.links, references: deps.references, now: deps.now }));
    this.addDialog(new IdentityDialog({ i18n: deps.i18n, cases: deps.cases, now: deps.now }));
    this.addDialog(new TextPrompt(OFFER_PROMPT));
    this.addDialog(
      new WaterfallDialog(WATERFALL, [this.consentStep.bind(this), this.routeStep.bind(this), this.afterTriageStep.bind(this), this.afterOfferStep.bind(this), this.finishStep.bind(this)]),
    );
    this.initialDialogId = WATERFALL;
  }

  private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const patient = await this.patientState.get(step.context, {});
    // What the opening message asked for is remembered across the consent question.
    valuesOf(step).openingText = turnInfo(step.context).text;
    if (patient.consent === 'given') return step.next(true);
    return step.beginDialog(CONSENT_DIALOG);
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== true) return step.endDialog();
    const { lang } = turnInfo(step.context);
    const values = valuesOf(step);
    const opening = values.openingText ?? '';
    const patient = await this.patientState.get(step.context, {});
    const intent = matchIntent(this.deps.i18n, opening, lang);
    values.intent = intent;
    if (patient.lastOutcome && patient.triageFinished) {
      const info = turnInfo(step.context);
      const thisMessage = info.text === opening;
      const last = patient.lastOutcome;
      if (intent === 'book' && (last.disposition === 'urgent' || last.disposition === 'routine')) {
        // "Can I book now?" after the outcome: an appointment that fits it.
        return step.beginDialog(BOOKING_DIALOG, await this.bookingOptions(step, { intent, lang, disposition: last.disposition, caseId: last.caseId }));
      }
      const before = thisMessage ? info.before : patient.triage;
      const answer = intent === undefined ? followUpAnswer(this.deps, patient, opening, thisMessage && info.reading ? info.reading : readMessage(this.deps.content, opening, lang), before, lang) : undefined;
      if (answer) {
        await step.context.sendActivity(messageActivity(answer));
        return step.endDialog();
      }
      // A new problem: a new assessment that keeps who the patient is and this message's facts.
      patient.triageFinished = false;
      delete patient.answerHistory;
      patient.triage = nextAssessment(this.deps, before, thisMessage && info.reading ? info.reading : opening, lang);
    }
    const triage = patient.triage ?? newTriageState();
    const complaintKnown = Boolean(triage.protocol) || Object.keys(triage.complaintScores).length > 0;
    // "about 2 hours ago" is not a question about opening hours: symptoms go to triage
    const saidSymptoms = complaintKnown || Object.values(triage.findings).some((f) => f.present) || triage.durationHours !== null;
    const faq = matchFaq(this.deps.clinic, opening, lang);
    if (faq && !saidSymptoms) {
      await step.context.sendActivity(messageActivity(faq));
      return step.endDialog();
    }
    if ((intent === 'cancel' || intent === 'reschedule' || intent === 'book') && !complaintKnown) {
      // Booking without symptoms: a routine appointment (or managing an existing one).
      const options: BookingOptions = { intent, lang, disposition: intent === 'book' ? 'routine' : undefined };
      patient.triageFinished = true;
      return step.beginDialog(BOOKING_DIALOG, intent === 'book' ? await this.bookingOptions(step, options) : options);
    }
    return step.beginDialog(TRIAGE_DIALOG);
  }

  private async afterTriageStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const patient = await this.patientState.get(step.context, {});
    patient.triageFinished = true;
    const values = valuesOf(step);
    const result = step.result as TriageResult | undefined;
    // Coming back from a direct booking, or a triage that could not finish: nothing more to do.
    if (!result || !('disposition' in result)) return step.endDialog(result);
    values.triage = result;
    const { lang } = turnInfo(step.context);
    const t = this.deps.i18n.t(lang);
    switch (result.disposition) {
      case 'emergency':
        // The advice and the number went first; then, if the patient wants, who to call back.
        return this.askCallback(step, result);
      case 'self_care':
        // Self-care: an appointment only when the patient asked for one.
        if (values.intent !== 'book') return this.endWithSummary(step, result);
        return step.next(true);
      case 'urgent':
      case 'routine':
        return step.prompt(OFFER_PROMPT, {
          prompt: promptActivity({
            kind: 'yes_no',
            id: 'offer_booking',
            text: t(`bot:booking.offer.${result.disposition}`),
            choices: [
              { value: t('bot:booking.yes'), label: t('bot:booking.yes') },
              { value: t('bot:booking.no'), label: t('bot:booking.no') },
            ],
          }),
        });
    }
  }

  private async afterOfferStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { lang } = turnInfo(step.context);
    const values = valuesOf(step);
    const triage = values.triage!;
    if (values.callback) return this.endWithSummary(step, triage);
    const wanted = step.result === true || isYes(this.deps.i18n, String(step.result ?? ''), lang) === true;
    if (!wanted) {
      await step.context.sendActivity(messageActivity(this.deps.i18n.t(lang)('bot:booking.notNow')));
      return triage.disposition === 'urgent' ? this.askCallback(step, triage) : this.endWithSummary(step, triage);
    }
    return step.beginDialog(BOOKING_DIALOG, await this.bookingOptions(step, { intent: 'book', lang, disposition: triage.disposition, caseId: triage.caseId }));
  }

  private async finishStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const booking = step.result as BookingResult | undefined;
    if (booking?.identity) (await this.patientState.get(step.context, {})).identity = booking.identity;
    return this.endWithSummary(step, valuesOf(step).triage, booking?.outcome === 'booked' ? booking.appointmentId : undefined);
  }

  /**
   * The end of the conversation about an outcome: the patient's summary (with the appointment when
   * one was booked), once. Not on SMS, where the outcome text is the summary and every text costs.
   */
  private async endWithSummary(step: WaterfallStepContext, result: TriageResult | undefined, appointmentId?: string): Promise<DialogTurnResult> {
    const patient = await this.patientState.get(step.context, {});
    const summary = patient.summary;
    delete patient.summary;
    if (summary && step.context.activity.channelId !== 'sms') {
      const appointment = appointmentId ? await this.deps.appointments.get(appointmentId) : null;
      await step.context.sendActivity(summaryActivity(appointment ? withAppointment(this.deps, summary, appointment) : summary));
    }
    return step.endDialog(result);
  }

  /** Booking asks who the appointment is for, once per conversation (SMS knows the number). */
  private async bookingOptions(step: WaterfallStepContext, options: BookingOptions): Promise<BookingOptions> {
    const patient = await this.patientState.get(step.context, {});
    if (patient.identityAsked) return options;
    patient.identityAsked = true;
    return { ...options, askIdentity: { phoneKnown: step.context.activity.channelId === 'sms' } };
  }

  /** Urgent and emergency cases: who to call back, asked once, after the advice; skipping changes nothing. */
  private async askCallback(step: WaterfallStepContext, triage: TriageResult): Promise<DialogTurnResult> {
    const patient = await this.patientState.get(step.context, {});
    // SMS: the clinic has the number already, and a text thread is no place for a form.
    if (patient.identityAsked || step.context.activity.channelId === 'sms') return this.endWithSummary(step, triage);
    patient.identityAsked = true;
    valuesOf(step).callback = true;
    const options: IdentityOptions = { lang: turnInfo(step.context).lang, reason: 'callback', caseId: triage.caseId, phoneKnown: false };
    return step.beginDialog(IDENTITY_DIALOG, options);
  }
}
