// Booking, cancelling and rescheduling an appointment, bound to the triage outcome: an urgent
// patient is offered times within 24 hours, a routine one the next available, an emergency none.
// The store, not this dialog, prevents double booking: a slot taken meanwhile comes back as
// SlotTakenError and the next times are offered. Everything kept in dialog state is plain JSON
// (ISO strings), because state is persisted between turns.
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { messageActivity } from '../src/bot/activities';
import { conversationKey } from '../src/bot/conversation-key';
import type { Clinic } from '../src/config/clinic';
import type { I18n, Translate } from '../src/i18n';
import type { CaseRepository, PatientIdentity } from '../src/repositories/cases';
import { IDENTITY_DIALOG, IdentityDialog, type IdentityOptions } from './identity-dialog';
import { formatReference, referenceCandidates, SlotTakenError, type AppointmentDoc, type AppointmentRepository } from '../src/scheduling/appointments';
import { bookableSlot, offersFor, pickedSlot, planDateRequest, recognizeYesNo, type Notice, type Plan } from '../src/scheduling/booking-logic';
import { cancellationActivity, confirmationActivity, datePrompt, referencePrompt, slotPrompt, slotVars, yesNoPrompt } from '../src/scheduling/booking-messages';
import { understandDate } from '../src/scheduling/date-understanding';
import type { IcsLinkSigner } from '../src/scheduling/ics';
import { MAX_REFERENCES_PER_MESSAGE, type ReferenceGuard } from '../src/scheduling/reference-guard';
import { bookingHorizon, slotValue, type Slot } from '../src/scheduling/slots';
import type { Disposition, Language } from '../src/triage/types';

export const BOOKING_DIALOG = 'bookingDialog';
const MAIN_FLOW = 'booking.main';
const SLOT_LOOP = 'booking.slotLoop';
const CANCEL_FLOW = 'booking.cancel';
const RESCHEDULE_FLOW = 'booking.reschedule';
const ANSWER_PROMPT = 'booking.answerPrompt';
const YES_NO_PROMPT = 'booking.yesNoPrompt';
const REFERENCE_PROMPT = 'booking.referencePrompt';
/** After this many offers without a choice, the patient is given the clinic's phone number. */
const MAX_ROUNDS = 6;
const REFERENCE_ATTEMPTS = 3;
/** What the reference prompt gives when this chat may not look up more references (never a code). */
const REFERENCE_LOCKED = 'locked';

export interface BookingOptions {
  disposition?: Disposition;
  caseId?: string;
  intent: 'book' | 'cancel' | 'reschedule';
  lang: Language;
  /** Ask who the appointment is for before offering times (once per conversation). */
  askIdentity?: { phoneKnown: boolean };
}

export interface BookingResult {
  outcome: 'booked' | 'rescheduled' | 'cancelled' | 'declined' | 'emergency' | 'not_found' | 'no_slots' | 'kept';
  appointmentId?: string;
  reference?: string;
  /** What the patient gave when asked who the appointment is for. */
  identity?: PatientIdentity;
}

export interface BookingDialogDeps {
  appointments: AppointmentRepository;
  clinic: Clinic;
  i18n: I18n;
  cases: Pick<CaseRepository, 'linkAppointment' | 'setIdentity'>;
  links: Pick<IcsLinkSigner, 'url'>;
  references: Pick<ReferenceGuard, 'reserve' | 'refund'>;
  now: () => Date;
}

/** The slot loop's state, handed from round to round through replaceDialog. */
interface LoopState {
  lang: Language;
  disposition?: Disposition;
  caseId?: string;
  /** Reference of the appointment being moved, when rescheduling. */
  rescheduleOf?: string;
  plan?: Plan;
  rounds: number;
}

/** What a waterfall keeps between its own steps (step.values). */
interface StepValues {
  /** The slot loop to start once the identity questions are done. */
  loop?: LoopState;
  identity?: PatientIdentity;
  offered?: string[];
  chosen?: { providerId: string; start: string; end: string };
  reference?: string;
}

const valuesOf = (step: WaterfallStepContext): StepValues => step.values;

export class BookingDialog extends ComponentDialog {
  constructor(private readonly deps: BookingDialogDeps) {
    super(BOOKING_DIALOG);
    this.addDialog(new TextPrompt(ANSWER_PROMPT));
    this.addDialog(new TextPrompt(YES_NO_PROMPT, this.validateYesNo.bind(this)));
    this.addDialog(new TextPrompt(REFERENCE_PROMPT, this.validateReference.bind(this)));
    this.addDialog(new IdentityDialog({ i18n: deps.i18n, cases: deps.cases, now: deps.now }));
    this.addDialog(new WaterfallDialog(MAIN_FLOW, [this.routeIntentStep.bind(this), this.slotsAfterIdentityStep.bind(this), this.finishStep.bind(this)]));
    this.addDialog(new WaterfallDialog(SLOT_LOOP, [this.offerSlotsStep.bind(this), this.chooseSlotStep.bind(this), this.bookSlotStep.bind(this)]));
    this.addDialog(new WaterfallDialog(CANCEL_FLOW, [this.askReferenceStep.bind(this), this.confirmCancelStep.bind(this), this.cancelStep.bind(this)]));
    this.addDialog(new WaterfallDialog(RESCHEDULE_FLOW, [this.askReferenceStep.bind(this), this.startRescheduleStep.bind(this)]));
    this.initialDialogId = MAIN_FLOW;
  }

  private async routeIntentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const opts = step.options as BookingOptions;
    if (opts.intent === 'cancel') return step.beginDialog(CANCEL_FLOW, opts);
    if (opts.disposition === 'emergency') {
      await step.context.sendActivity(messageActivity(this.t(opts.lang)('booking:emergency', { emergencyNumber: this.deps.clinic.emergencyNumber })));
      return step.endDialog({ outcome: 'emergency' } satisfies BookingResult);
    }
    if (opts.intent === 'reschedule') return step.beginDialog(RESCHEDULE_FLOW, opts);
    const loop: LoopState = { lang: opts.lang, disposition: opts.disposition, caseId: opts.caseId, rounds: 0 };
    valuesOf(step).loop = loop;
    if (opts.askIdentity) {
      const identity: IdentityOptions = { lang: opts.lang, reason: 'booking', caseId: opts.caseId, phoneKnown: opts.askIdentity.phoneKnown };
      return step.beginDialog(IDENTITY_DIALOG, identity);
    }
    return step.next();
  }

  /** After "who is it for?" (or straight away), the times on offer. Other flows pass their result on. */
  private async slotsAfterIdentityStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    if (!values.loop) return step.next(step.result);
    values.identity = step.result as PatientIdentity | undefined;
    return step.beginDialog(SLOT_LOOP, values.loop);
  }

  private async finishStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as BookingResult | undefined;
    const identity = valuesOf(step).identity;
    return step.endDialog(result && identity ? { ...result, identity } : result);
  }

  // ——— choosing a slot ———

  private async offerSlotsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as LoopState;
    const t = this.t(state.lang);
    if (state.rounds >= MAX_ROUNDS) return this.giveUp(step, state.lang, 'booking:giveUp');
    if (state.plan?.kind === 'offer' && state.plan.notice) await step.context.sendActivity(messageActivity(this.say(t, state.plan.notice)));
    if (state.plan?.kind === 'ask') return step.prompt(ANSWER_PROMPT, { prompt: datePrompt(t, state.plan.reason) });
    const slots = await this.currentOffers(state);
    if (!slots.length) return this.giveUp(step, state.lang, 'booking:noSlots');
    valuesOf(step).offered = slots.map(slotValue);
    return step.prompt(ANSWER_PROMPT, { prompt: slotPrompt(t, this.deps.clinic, slots, state.lang, state.disposition === 'urgent') });
  }

  private async chooseSlotStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as LoopState;
    const answer = String(step.result ?? '');
    const now = this.deps.now();
    const picked = pickedSlot(answer, valuesOf(step).offered ?? []);
    if (picked) {
      const slot = bookableSlot(picked, this.deps.clinic, state.disposition, now);
      if (!slot) return this.nextRound(step, state, { kind: 'offer', notice: { key: 'booking:slotGone' } });
      valuesOf(step).chosen = { providerId: slot.providerId, start: slot.start.toISOString(), end: slot.end.toISOString() };
      const t = this.t(state.lang);
      const text = t(state.rescheduleOf ? 'booking:confirmReschedule' : 'booking:confirm', slotVars(this.deps.clinic, slot, state.lang));
      return step.prompt(YES_NO_PROMPT, yesNoPrompt(t, 'booking.confirm', text, state.lang));
    }
    const understanding = understandDate(answer, state.lang, now, this.deps.clinic.timezone);
    if (understanding.kind !== 'none') {
      return this.nextRound(step, state, planDateRequest(understanding, { clinic: this.deps.clinic, disposition: state.disposition, now, lang: state.lang }));
    }
    if (recognizeYesNo(answer, this.t(state.lang), state.lang) === 'no') {
      await step.context.sendActivity(messageActivity(this.t(state.lang)('booking:declined')));
      return step.endDialog({ outcome: 'declined' } satisfies BookingResult);
    }
    return this.nextRound(step, state, { kind: 'offer', notice: { key: 'booking:notUnderstood' } });
  }

  private async bookSlotStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as LoopState;
    const chosen = valuesOf(step).chosen!;
    if (step.result !== 'yes') return this.nextRound(step, state, { kind: 'offer', notice: { key: 'booking:pickAnother' } });
    const slot: Slot = { providerId: chosen.providerId, start: new Date(chosen.start), end: new Date(chosen.end) };
    // The patient may answer long after the question: a slot that has started meanwhile is gone.
    if (slot.start.getTime() <= this.deps.now().getTime()) return this.nextRound(step, state, { kind: 'offer', notice: { key: 'booking:slotGone' } });
    let appointment: AppointmentDoc | null;
    try {
      appointment = state.rescheduleOf
        ? await this.deps.appointments.reschedule(state.rescheduleOf, slot)
        : await this.deps.appointments.book({ slot, timezone: this.deps.clinic.timezone, conversationId: conversationKey(step.context.activity), language: state.lang, caseId: state.caseId, disposition: state.disposition });
    } catch (err) {
      if (!(err instanceof SlotTakenError)) throw err;
      // Offer what comes after the time just lost: the nearest alternatives.
      return this.nextRound(step, state, { kind: 'offer', after: chosen.start, notice: { key: 'booking:taken' } });
    }
    if (!appointment) return this.giveUp(step, state.lang, 'booking:referenceGiveUp', 'not_found');
    if (state.caseId) await this.deps.cases.linkAppointment(state.caseId, appointment._id);
    const confirmation = confirmationActivity(this.t(state.lang), this.deps.clinic, appointment, state.lang, this.deps.links.url(appointment.reference), Boolean(state.rescheduleOf));
    await step.context.sendActivity(confirmation);
    const outcome = state.rescheduleOf ? 'rescheduled' : 'booked';
    return step.endDialog({ outcome, appointmentId: appointment._id, reference: formatReference(appointment.reference) } satisfies BookingResult);
  }

  // ——— cancelling and rescheduling by reference ———

  private async askReferenceStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { lang } = step.options as BookingOptions;
    const own = await this.deps.appointments.upcomingForConversation(conversationKey(step.context.activity));
    return step.prompt(REFERENCE_PROMPT, referencePrompt(this.t(lang), own, lang));
  }

  private async confirmCancelStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { lang } = step.options as BookingOptions;
    const appointment = await this.foundAppointment(step);
    if (!isAppointment(appointment)) return this.giveUp(step, lang, appointment, 'not_found');
    valuesOf(step).reference = appointment.reference;
    const t = this.t(lang);
    return step.prompt(YES_NO_PROMPT, yesNoPrompt(t, 'booking.cancelConfirm', t('booking:cancelConfirm', slotVars(this.deps.clinic, appointment, lang)), lang));
  }

  private async cancelStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { lang } = step.options as BookingOptions;
    const t = this.t(lang);
    if (step.result !== 'yes') {
      await step.context.sendActivity(messageActivity(t('booking:notCancelled')));
      return step.endDialog({ outcome: 'kept' } satisfies BookingResult);
    }
    const cancelled = await this.deps.appointments.cancel(valuesOf(step).reference ?? '');
    if (!cancelled) return this.giveUp(step, lang, 'booking:referenceGiveUp', 'not_found');
    await step.context.sendActivity(cancellationActivity(t, this.deps.clinic, cancelled, lang));
    return step.endDialog({ outcome: 'cancelled', appointmentId: cancelled._id, reference: formatReference(cancelled.reference) } satisfies BookingResult);
  }

  private async startRescheduleStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const opts = step.options as BookingOptions;
    const appointment = await this.foundAppointment(step);
    if (!isAppointment(appointment)) return this.giveUp(step, opts.lang, appointment, 'not_found');
    const notice: Notice = { key: 'booking:currentAppointment', vars: slotVars(this.deps.clinic, appointment, opts.lang) };
    const loop: LoopState = {
      lang: opts.lang,
      disposition: opts.disposition ?? appointment.disposition ?? undefined,
      caseId: opts.caseId ?? appointment.caseId ?? undefined,
      rescheduleOf: appointment.reference,
      plan: { kind: 'offer', notice },
      rounds: 0,
    };
    return step.beginDialog(SLOT_LOOP, loop);
  }

  // ——— prompts' validators ———

  private validateYesNo(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const { lang } = prompt.options.validations as { lang: Language };
    const answer = prompt.recognized.succeeded ? recognizeYesNo(prompt.recognized.value ?? '', this.t(lang), lang) : undefined;
    if (answer) prompt.recognized.value = answer;
    return Promise.resolve(answer !== undefined);
  }

  /**
   * Accepts a reference that belongs to a booked appointment; after a few tries, gives up with ''.
   * The patient's own appointments are always found; anyone else's only while this chat and the clinic
   * are under the guessing limits (then it ends with REFERENCE_LOCKED).
   */
  private async validateReference(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const conversationId = conversationKey(prompt.context.activity);
    const codes = referenceCandidates(prompt.recognized.value ?? '').slice(0, MAX_REFERENCES_PER_MESSAGE);
    const found = await Promise.all(codes.map((code) => this.deps.appointments.findByReference(code)));
    const booked = found.filter((a): a is AppointmentDoc => a?.status === 'booked');
    const own = booked.find((a) => a.conversationId === conversationId);
    if (own) return this.accept(prompt, own.reference);
    if (codes.length > 0) {
      // Every code counts until it turns out to name a booked appointment.
      if (!(await this.deps.references.reserve(conversationId, codes.length))) return this.accept(prompt, REFERENCE_LOCKED);
      if (booked[0]) {
        await this.deps.references.refund(conversationId, booked.length);
        return this.accept(prompt, booked[0].reference);
      }
    }
    if (prompt.attemptCount < REFERENCE_ATTEMPTS) return false;
    prompt.recognized.value = '';
    return true;
  }

  // ——— helpers ———

  private accept(prompt: PromptValidatorContext<string>, value: string): Promise<boolean> {
    prompt.recognized.value = value;
    return Promise.resolve(true);
  }

  private t(lang: Language): Translate {
    return this.deps.i18n.t(lang);
  }

  private say(t: Translate, notice: Notice): string {
    return t(notice.key, { ...notice.vars, clinicPhone: this.deps.clinic.phone });
  }

  private async currentOffers(state: LoopState): Promise<Slot[]> {
    const now = this.deps.now();
    const taken = await this.deps.appointments.takenSlots(now, bookingHorizon(state.disposition, now, this.deps.clinic) ?? now);
    return offersFor(state.plan, state.disposition, now, taken, this.deps.clinic);
  }

  private nextRound(step: WaterfallStepContext, state: LoopState, plan: Plan): Promise<DialogTurnResult> {
    const next: LoopState = { ...state, plan, rounds: state.rounds + 1 };
    return step.replaceDialog(SLOT_LOOP, next);
  }

  private async giveUp(step: WaterfallStepContext, lang: Language, key: string, outcome: BookingResult['outcome'] = 'no_slots'): Promise<DialogTurnResult> {
    await step.context.sendActivity(messageActivity(this.t(lang)(key, { clinicPhone: this.deps.clinic.phone })));
    return step.endDialog({ outcome } satisfies BookingResult);
  }

  /** The appointment the reference prompt found, or the message key that says why there is none. */
  private async foundAppointment(step: WaterfallStepContext): Promise<AppointmentDoc | 'booking:referenceLocked' | 'booking:referenceGiveUp'> {
    const code = String(step.result ?? '');
    if (code === REFERENCE_LOCKED) return 'booking:referenceLocked';
    return (code ? await this.deps.appointments.findByReference(code) : null) ?? 'booking:referenceGiveUp';
  }
}

function isAppointment(found: AppointmentDoc | string): found is AppointmentDoc {
  return typeof found !== 'string';
}
