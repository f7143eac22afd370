// The booking dialog's questions and answers as activities: every question carries
// channelData.prompt, a confirmation channelData.appointment (CONTRACTS.md). Texts come only from
// locales/<lang>/booking.json.
import type { Activity } from 'botbuilder';
import type { PromptOptions } from 'botbuilder-dialogs';
import { messageActivity, promptActivity } from '../bot/activities';
import type { Clinic } from '../config/clinic';
import type { Translate } from '../i18n';
import type { Language } from '../triage/types';
import { formatReference, type AppointmentDoc } from './appointments';
import type { AmbiguityReason } from './date-understanding';
import { formatWhen, providerName } from './format';
import { slotValue, type Slot } from './slots';

export function slotVars(clinic: Clinic, slot: Pick<Slot, 'providerId' | 'start'> & { timezone?: string }, lang: Language): Record<string, string> {
  return { when: formatWhen(slot.start, lang, slot.timezone ?? clinic.timezone), provider: providerName(clinic, slot.providerId), clinic: clinic.name };
}

/** The offered slots as a `slot` prompt: each suggested action's value is the slot (`slot:<provider>:<ISO start>`). */
export function slotPrompt(t: Translate, clinic: Clinic, slots: Slot[], lang: Language, urgent: boolean): Partial<Activity> {
  const choices = slots.map((s) => ({ value: slotValue(s), label: t('booking:slotLabel', slotVars(clinic, s, lang)) }));
  return promptActivity({ kind: 'slot', id: 'booking.slot', text: t(urgent ? 'booking:chooseSlotUrgent' : 'booking:chooseSlot'), choices });
}

export function datePrompt(t: Translate, reason: AmbiguityReason): Partial<Activity> {
  const key = reason === 'several_dates' ? 'booking:askOneDay' : reason === 'day_month_order' ? 'booking:askDayMonth' : 'booking:askDay';
  return promptActivity({ kind: 'date', id: 'booking.date', text: t(key) });
}

/** A yes/no question; the validator reads the language from `validations`. */
export function yesNoPrompt(t: Translate, id: string, text: string, lang: Language): PromptOptions {
  const choices = [
    { value: 'yes', label: t('booking:yes') },
    { value: 'no', label: t('booking:no') },
  ];
  return {
    prompt: promptActivity({ kind: 'yes_no', id, text, choices }),
    retryPrompt: promptActivity({ kind: 'yes_no', id, text: `${t('booking:yesNoHint')} ${text}`, choices }),
    validations: { lang },
  };
}

/** Asks for a reference, offering the patient's own upcoming appointments as choices. */
export function referencePrompt(t: Translate, own: AppointmentDoc[], lang: Language): PromptOptions {
  const choices = own.map((a) => ({ value: formatReference(a.reference), label: `${formatReference(a.reference)} · ${formatWhen(a.start, lang, a.timezone)}` }));
  return {
    prompt: promptActivity({ kind: 'text', id: 'booking.reference', text: t('booking:askReference'), choices }),
    retryPrompt: promptActivity({ kind: 'text', id: 'booking.reference', text: t('booking:referenceNotFound'), choices }),
    validations: { lang },
  };
}

export function confirmationActivity(t: Translate, clinic: Clinic, a: AppointmentDoc, lang: Language, icsUrl: string, rescheduled: boolean): Partial<Activity> {
  const reference = formatReference(a.reference);
  const said = t(rescheduled ? 'booking:rescheduled' : 'booking:booked', { ...slotVars(clinic, a, lang), reference });
  const appointment = { id: a._id, reference, start: a.start.toISOString(), end: a.end.toISOString(), providerId: a.providerId, timezone: a.timezone, icsUrl };
  return messageActivity(`${said}\n${t('booking:icsLink', { url: icsUrl })}`, { appointment });
}

export function cancellationActivity(t: Translate, clinic: Clinic, a: AppointmentDoc, lang: Language): Partial<Activity> {
  const reference = formatReference(a.reference);
  return messageActivity(t('booking:cancelled', { ...slotVars(clinic, a, lang), reference }), { appointment: { id: a._id, reference, status: 'cancelled' } });
}
