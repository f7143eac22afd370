// The booking dialog under DialogTestClient, in several languages, with the real repository on the
// memory engine. Texts are asserted through t(key) of the patient's language, prompts by their id.
import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import type { PatientIdentity } from '../../src/repositories/cases';
import { BOOKING_DIALOG, BookingDialog, type BookingOptions, type BookingResult } from '../../dialogs/booking-dialog';
import { AppointmentRepository, formatReference } from '../../src/scheduling/appointments';
import { formatWhen } from '../../src/scheduling/format';
import { icsLinkSigner } from '../../src/scheduling/ics';
import { DEFAULT_REFERENCE_POLICY, ReferenceGuard } from '../../src/scheduling/reference-guard';
import { parseSlotValue, type Slot } from '../../src/scheduling/slots';
import { MemoryStore } from '../../src/store/memory-engine';
import type { Language } from '../../src/triage/types';
import { Clock, clinic, i18n, local, wall } from './fixtures';

const CONVERSATION = 'webchat:Convo1'; // DialogTestClient's channel and conversation id
const links = icsLinkSigner({ dataKeys: [randomBytes(32)], publicUrl: 'https://clinic.example' });

interface Setup {
  client: DialogTestClient;
  repo: AppointmentRepository;
  references: ReferenceGuard;
  clock: Clock;
  linked: Array<[string, string]>;
  identities: Array<[string, PatientIdentity]>;
  t: (key: string, vars?: Record<string, unknown>) => string;
}

function setup(options: Omit<BookingOptions, 'caseId'> & { caseId?: string }, now = local('2026-11-25T09:00'), policy = DEFAULT_REFERENCE_POLICY): Setup {
  const clock = new Clock(now);
  const store = new MemoryStore(clock.now);
  const repo = new AppointmentRepository(store, clock.now);
  const linked: Array<[string, string]> = [];
  const identities: Array<[string, PatientIdentity]> = [];
  const cases = {
    linkAppointment: (caseId: string, id: string) => Promise.resolve(void linked.push([caseId, id])),
    setIdentity: (caseId: string, identity: PatientIdentity) => Promise.resolve(void identities.push([caseId, identity])),
  };
  const references = new ReferenceGuard(store, clock.now, policy);
  const dialog = new BookingDialog({ appointments: repo, clinic, i18n, cases, links, references, now: clock.now });
  expect(dialog.id).toBe(BOOKING_DIALOG);
  return { client: new DialogTestClient('webchat', dialog, options), repo, references, clock, linked, identities, t: i18n.t(options.lang) };
}

/** Sends one message and returns every reply of that turn. */
async function say(client: DialogTestClient, text: string): Promise<Partial<Activity>[]> {
  const first = (await client.sendActivity(text)) as Partial<Activity> | undefined;
  const replies = first ? [first] : [];
  for (let next = client.getNextReply(); next; next = client.getNextReply()) replies.push(next);
  // Every question carries channelData.prompt; nothing else claims to expect an answer.
  for (const r of replies) expect(Boolean(promptOf(r))).toBe(r.inputHint === 'expectingInput');
  return replies;
}

const promptOf = (a: Partial<Activity> | undefined): { kind: string; id: string } | undefined => (a?.channelData as { prompt?: { kind: string; id: string } } | undefined)?.prompt;
const actions = (a: Partial<Activity> | undefined): string[] => (a?.suggestedActions?.actions ?? []).map((x) => String(x.value));
const offered = (a: Partial<Activity> | undefined): Slot[] => actions(a).map((v) => ({ ...parseSlotValue(v)!, end: new Date(0) }));
const appointmentOf = (a: Partial<Activity> | undefined): Record<string, unknown> | undefined => (a?.channelData as { appointment?: Record<string, unknown> } | undefined)?.appointment;
const result = (client: DialogTestClient): BookingResult | undefined => client.dialogTurnResult.result as BookingResult | undefined;

async function bookFirstOffer(s: Setup, yes: string): Promise<Partial<Activity>[]> {
  const [offer] = await say(s.client, 'start');
  await say(s.client, actions(offer)[0]!);
  return say(s.client, yes);
}

describe('BookingDialog', () => {
  it('en, routine: offers slots, confirms, books, links the case, carries channelData.appointment and an .ics link', async () => {
    const s = setup({ intent: 'book', disposition: 'routine', lang: 'en', caseId: 'case-1' });
    const [offer] = await say(s.client, 'I would like an appointment');
    expect(promptOf(offer)).toEqual({ kind: 'slot', id: 'booking.slot' });
    expect(offer!.text).toBe(s.t('booking:chooseSlot'));
    expect(actions(offer)).toHaveLength(3);
    expect(actions(offer)[0]).toBe(`slot:dr-lee:${local('2026-11-25T09:30').toISOString()}`);

    const [confirm] = await say(s.client, actions(offer)[1]!);
    expect(promptOf(confirm)).toEqual({ kind: 'yes_no', id: 'booking.confirm' });
    expect(actions(confirm)).toEqual(['yes', 'no']);
    expect(confirm!.text).toBe(s.t('booking:confirm', { when: formatWhen(local('2026-11-25T09:45'), 'en', clinic.timezone), provider: 'Dr. Lee' }));

    const [done] = await say(s.client, 'yes please');
    const booked = await s.repo.upcomingForConversation(CONVERSATION);
    expect(booked).toHaveLength(1);
    const a = booked[0]!;
    expect(appointmentOf(done)).toMatchObject({
      id: a._id,
      reference: formatReference(a.reference),
      start: local('2026-11-25T09:45').toISOString(),
      end: local('2026-11-25T10:00').toISOString(),
      providerId: 'dr-lee',
      timezone: 'America/New_York',
    });
    expect(done!.text).toContain(links.url(a.reference));
    expect(s.linked).toEqual([['case-1', a._id]]);
    expect(s.client.dialogTurnResult.status).toBe('complete');
    expect(result(s.client)).toMatchObject({ outcome: 'booked', appointmentId: a._id });
  });

  it.each([
    ['en', 'Yes, go ahead', 'Jane Doe', 'March 14, 1985', '(555) 010-2030', { name: 'Jane Doe', dateOfBirth: '1985-03-14', phone: '(555) 010-2030' }],
    ['es', 'Sí, adelante', 'Ana Pérez', '14/03/1985', '+34 600 111 222', { name: 'Ana Pérez', dateOfBirth: '1985-03-14', phone: '+34 600 111 222' }],
  ] as const)('%s: asks who the appointment is for before the times, and keeps it on the case', async (lang, _yes, name, dob, phone, stored) => {
    const s = setup({ intent: 'book', lang, disposition: 'routine', caseId: 'case-9', askIdentity: { phoneKnown: false } });
    const first = await say(s.client, 'book');
    expect(promptOf(first.at(-1))).toEqual({ kind: 'yes_no', id: 'identity_consent' });
    await say(s.client, s.t('bot:identity.agree'));
    const afterName = await say(s.client, name);
    expect(promptOf(afterName.at(-1))?.id).toBe('identity_dob');
    // An unreadable date is asked once more.
    const again = await say(s.client, 'long ago');
    expect(again.at(-1)?.text).toBe(s.t('bot:identity.dateOfBirthAgain'));
    await say(s.client, dob);
    const slots = await say(s.client, phone);
    expect(slots.some((r) => r.text === s.t('bot:identity.thanks'))).toBe(true);
    expect(promptOf(slots.at(-1))?.kind).toBe('slot');
    expect(s.identities).toEqual([['case-9', stored]]);
  });

  it('skipping the identity questions never blocks the booking', async () => {
    const s = setup({ intent: 'book', lang: 'en', disposition: 'routine', caseId: 'case-10', askIdentity: { phoneKnown: true } });
    await say(s.client, 'book');
    const slots = await say(s.client, s.t('bot:identity.skip'));
    expect(promptOf(slots.at(-1))?.kind).toBe('slot');
    expect(s.identities).toEqual([]);
  });

  it('es: "el martes por la mañana" → Tuesday morning slots; "sí" books', async () => {
    const s = setup({ intent: 'book', disposition: 'routine', lang: 'es' });
    await say(s.client, 'quiero una cita');
    const [offer] = await say(s.client, 'el martes por la mañana');
    expect(promptOf(offer)?.kind).toBe('slot');
    expect(offered(offer).map((o) => wall(o.start))).toEqual(['2026-12-01T08:00', '2026-12-01T08:15', '2026-12-01T08:30']);
    const [confirm] = await say(s.client, actions(offer)[0]!);
    expect(confirm!.text).toBe(s.t('booking:confirm', { when: formatWhen(local('2026-12-01T08:00'), 'es', clinic.timezone), provider: 'Dr. Lee' }));
    const [done] = await say(s.client, 'sí');
    expect(appointmentOf(done)).toMatchObject({ start: local('2026-12-01T08:00').toISOString(), providerId: 'dr-lee' });
    expect(result(s.client)?.outcome).toBe('booked');
  });

  it('fr, emergency: no booking, the emergency advice again', async () => {
    const s = setup({ intent: 'book', disposition: 'emergency', lang: 'fr' });
    const replies = await say(s.client, 'je veux un rendez-vous');
    expect(replies.map((r) => r.text)).toEqual([s.t('booking:emergency', { emergencyNumber: '911' })]);
    expect(promptOf(replies[0])).toBeUndefined();
    expect(result(s.client)?.outcome).toBe('emergency');
  });

  it('zh, urgent: only slots within 24 hours; a slot taken meanwhile → the next slots are offered', async () => {
    const s = setup({ intent: 'book', disposition: 'urgent', lang: 'zh' });
    const [offer] = await say(s.client, '我要预约');
    expect(offer!.text).toBe(s.t('booking:chooseSlotUrgent'));
    const first = offered(offer)[0]!;
    await say(s.client, actions(offer)[0]!);
    // Someone else books that slot while the patient reads the confirmation question.
    await s.repo.book({ slot: { providerId: first.providerId, start: first.start, end: new Date(first.start.getTime() + 900_000) }, timezone: clinic.timezone, conversationId: 'sms:other', language: 'en' });
    const [notice, again] = await say(s.client, '是的');
    expect(notice!.text).toBe(s.t('booking:taken'));
    expect(promptOf(again)).toEqual({ kind: 'slot', id: 'booking.slot' });
    // The same time with another provider, or later; all still within 24 hours.
    const next = offered(again);
    expect(next.some((o) => o.providerId === first.providerId && o.start.getTime() === first.start.getTime())).toBe(false);
    expect(next.every((o) => o.start >= first.start && o.start.getTime() <= local('2026-11-26T09:00').getTime())).toBe(true);
    // A later request beyond 24 hours is explained, and the earliest times offered instead.
    const [sooner, offer2] = await say(s.client, '下周二上午');
    expect(sooner!.text).toBe(s.t('booking:urgentSooner'));
    expect(promptOf(offer2)?.kind).toBe('slot');
  });

  it('vi: a past date is explained; two days → a date question; "sáng thứ hai" → Monday morning; "không" declines', async () => {
    const s = setup({ intent: 'book', disposition: 'routine', lang: 'vi' });
    await say(s.client, 'đặt lịch');
    const [past, offer] = await say(s.client, 'hôm qua');
    expect(past!.text).toBe(s.t('booking:past'));
    expect(promptOf(offer)?.kind).toBe('slot');
    const [question] = await say(s.client, 'thứ hai hoặc thứ ba');
    expect(promptOf(question)).toEqual({ kind: 'date', id: 'booking.date' });
    expect(question!.text).toBe(s.t('booking:askOneDay'));
    const [monday] = await say(s.client, 'sáng thứ hai');
    expect(offered(monday).map((o) => wall(o.start))[0]).toBe('2026-11-30T08:00');
    const [bye] = await say(s.client, 'không');
    expect(bye!.text).toBe(s.t('booking:declined'));
    expect(result(s.client)?.outcome).toBe('declined');
  });

  it('en: outside opening hours is explained with the hours, and the nearest alternatives offered', async () => {
    const s = setup({ intent: 'book', disposition: 'routine', lang: 'en' });
    await say(s.client, 'book');
    const [closed, offer] = await say(s.client, 'Sunday at 10');
    expect(closed!.text).toBe(s.t('booking:closedDay', { day: 'Sunday, November 29' }));
    expect(wall(offered(offer)[0]!.start)).toBe('2026-11-30T08:00');
    const [late, offer2] = await say(s.client, 'Friday at 7pm');
    expect(late!.text).toBe(s.t('booking:closedTime', { day: 'Friday, November 27', hours: '08:00–12:00, 13:00–17:00' }));
    expect(wall(offered(offer2)[0]!.start)).toBe('2026-11-28T09:00');
    const [huh, offer3] = await say(s.client, 'purple');
    expect(huh!.text).toBe(s.t('booking:notUnderstood'));
    expect(promptOf(offer3)?.kind).toBe('slot');
    const [ask] = await say(s.client, 'at 10');
    expect(promptOf(ask)).toEqual({ kind: 'date', id: 'booking.date' });
  });

  it('en: an unclear yes/no is asked again; "no" goes back to the offers', async () => {
    const s = setup({ intent: 'book', disposition: 'routine', lang: 'en' });
    const [offer] = await say(s.client, 'book');
    await say(s.client, '2'); // SMS patients answer with the number of the choice
    const [retry] = await say(s.client, 'maybe');
    expect(promptOf(retry)).toEqual({ kind: 'yes_no', id: 'booking.confirm' });
    expect(retry!.text!.startsWith(s.t('booking:yesNoHint'))).toBe(true);
    const [another, offer2] = await say(s.client, 'no');
    expect(another!.text).toBe(s.t('booking:pickAnother'));
    expect(actions(offer2)).toEqual(actions(offer));
  });

  it('pt: cancels by reference (a wrong code is asked again) and carries status "cancelled"', async () => {
    const s = setup({ intent: 'cancel', lang: 'pt' });
    const start = local('2026-11-27T10:00');
    const a = await s.repo.book({ slot: { providerId: 'np-garcia', start, end: new Date(start.getTime() + 900_000) }, timezone: clinic.timezone, conversationId: CONVERSATION, language: 'pt' });
    const [ask] = await say(s.client, 'quero cancelar');
    expect(promptOf(ask)).toEqual({ kind: 'text', id: 'booking.reference' });
    expect(actions(ask)).toEqual([formatReference(a.reference)]);
    const [retry] = await say(s.client, 'XYZ-234');
    expect(retry!.text).toBe(s.t('booking:referenceNotFound'));
    const [confirm] = await say(s.client, formatReference(a.reference).toLowerCase());
    expect(promptOf(confirm)).toEqual({ kind: 'yes_no', id: 'booking.cancelConfirm' });
    const [done] = await say(s.client, 'sim');
    expect(appointmentOf(done)).toEqual({ id: a._id, reference: formatReference(a.reference), status: 'cancelled' });
    expect((await s.repo.get(a._id))?.status).toBe('cancelled');
    expect(result(s.client)?.outcome).toBe('cancelled');
  });

  it('en: reschedules by reference, keeping the reference, with the new time in channelData.appointment', async () => {
    const s = setup({ intent: 'reschedule', lang: 'en' });
    const start = local('2026-11-27T10:00');
    const a = await s.repo.book({ slot: { providerId: 'dr-lee', start, end: new Date(start.getTime() + 900_000) }, timezone: clinic.timezone, conversationId: 'sms:elsewhere', language: 'en', disposition: 'routine' });
    const [ask] = await say(s.client, 'I need to change my appointment');
    expect(promptOf(ask)?.id).toBe('booking.reference');
    const [current, offer] = await say(s.client, `it is ${formatReference(a.reference)}`);
    expect(current!.text).toBe(s.t('booking:currentAppointment', { when: formatWhen(start, 'en', clinic.timezone), provider: 'Dr. Lee' }));
    expect(promptOf(offer)?.kind).toBe('slot');
    const [offer2] = await say(s.client, 'Monday afternoon');
    const target = offered(offer2)[0]!;
    expect(wall(target.start)).toBe('2026-11-30T13:00');
    const [confirm] = await say(s.client, actions(offer2)[0]!);
    expect(confirm!.text).toBe(s.t('booking:confirmReschedule', { when: formatWhen(target.start, 'en', clinic.timezone), provider: 'Dr. Lee' }));
    const [done] = await say(s.client, 'yes');
    expect(appointmentOf(done)).toMatchObject({ id: a._id, reference: formatReference(a.reference), start: target.start.toISOString() });
    expect((await s.repo.get(a._id))?.start).toEqual(target.start);
    expect(result(s.client)?.outcome).toBe('rescheduled');
  });

  describe('guessing booking references', () => {
    const elsewhere = async (s: Setup, at = '2026-11-27T10:00') => {
      const start = local(at);
      return s.repo.book({ slot: { providerId: 'dr-lee', start, end: new Date(start.getTime() + 900_000) }, timezone: clinic.timezone, conversationId: 'sms:someone-else', language: 'en' });
    };

    it('looks up only the first two codes of a message', async () => {
      const s = setup({ intent: 'cancel', lang: 'en' });
      const a = await elsewhere(s);
      await say(s.client, 'cancel please');
      const [retry] = await say(s.client, `XYZ-234 XYZ-235 ${formatReference(a.reference)}`);
      expect(retry!.text).toBe(s.t('booking:referenceNotFound'));
      const [confirm] = await say(s.client, formatReference(a.reference));
      expect(promptOf(confirm)?.id).toBe('booking.cancelConfirm');
    });

    it('after too many wrong codes, this chat may not open anyone else\'s appointment, but still its own', async () => {
      const s = setup({ intent: 'cancel', lang: 'en' }, local('2026-11-25T09:00'), { ...DEFAULT_REFERENCE_POLICY, perConversation: 2 });
      const theirs = await elsewhere(s);
      const start = local('2026-11-27T11:00');
      const mine = await s.repo.book({ slot: { providerId: 'dr-lee', start, end: new Date(start.getTime() + 900_000) }, timezone: clinic.timezone, conversationId: CONVERSATION, language: 'en' });
      await say(s.client, 'cancel');
      await say(s.client, 'XYZ-234');
      await say(s.client, 'XYZ-235');
      const [locked] = await say(s.client, formatReference(theirs.reference));
      expect(locked!.text).toBe(s.t('booking:referenceLocked', { clinicPhone: clinic.phone }));
      expect(result(s.client)?.outcome).toBe('not_found');
      expect((await s.repo.get(theirs._id))?.status).toBe('booked');
      // The patient's own appointment is found without guessing.
      await say(s.client, 'cancel');
      const [confirm] = await say(s.client, formatReference(mine.reference));
      expect(promptOf(confirm)?.id).toBe('booking.cancelConfirm');
      // The lock lasts the conversation window, then the chat may try again.
      s.clock.set(new Date(s.clock.now().getTime() + DEFAULT_REFERENCE_POLICY.conversationWindowMs + 1000));
      expect(await s.references.reserve(CONVERSATION, 1)).toBe(true);
    });

    it('stops look-ups from every chat when the clinic sees too many wrong codes in an hour', async () => {
      const s = setup({ intent: 'reschedule', lang: 'en' }, local('2026-11-25T09:00'), { ...DEFAULT_REFERENCE_POLICY, perClinicHour: 3 });
      const theirs = await elsewhere(s);
      // Three other chats each guess once: no single chat is over its limit.
      for (const other of ['webchat:a', 'webchat:b', 'sms:c']) await s.references.reserve(other, 1);
      await say(s.client, 'I need to move my appointment');
      const [locked] = await say(s.client, formatReference(theirs.reference));
      expect(locked!.text).toBe(s.t('booking:referenceLocked', { clinicPhone: clinic.phone }));
      // The next clock hour starts a new count.
      s.clock.set(new Date(s.clock.now().getTime() + 3600_000));
      await say(s.client, 'I need to move my appointment');
      const [current] = await say(s.client, formatReference(theirs.reference));
      expect(current!.text).toBe(s.t('booking:currentAppointment', { when: formatWhen(theirs.start, 'en', clinic.timezone), provider: 'Dr. Lee' }));
    });
  });

  it('after several rounds without a choice, gives the clinic\'s phone number', async () => {
    const s = setup({ intent: 'book', disposition: 'routine', lang: 'en' });
    await say(s.client, 'book');
    let last: Partial<Activity>[] = [];
    for (let i = 0; i < 6; i++) last = await say(s.client, 'purple');
    expect(last.map((r) => r.text)).toContain(s.t('booking:giveUp', { clinicPhone: clinic.phone }));
    expect(s.client.dialogTurnResult.status).toBe('complete');
  });

  it.each<[Language, string]>([
    ['fr', 'oui'],
    ['pt', 'sim'],
    ['vi', 'vâng'],
  ])('%s: books with "%s"', async (lang, yes) => {
    const s = setup({ intent: 'book', disposition: 'self_care', lang });
    const replies = await bookFirstOffer(s, yes);
    expect(appointmentOf(replies[0])).toMatchObject({ providerId: 'dr-lee', timezone: clinic.timezone });
    expect(replies[0]!.text).toContain(s.t('booking:icsLink', { url: '' }).trim());
  });
});
