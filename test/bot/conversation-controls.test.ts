// The patient's side of the conversation, over the real bot, dialogs, engine and store (issue #14):
// answers as buttons, answers checked, corrections, restart, what happens after the outcome, waiting
// for a person, one case per conversation, and the language of the patient's own words.
import { detectLanguage, languageCues } from '../../src/bot/language';
import { whenStaffAnswer } from '../../src/bot/staff-request';
import { caseDetail } from '../../src/staff/case-view';
import { answerText } from '../../src/bot/triage-bot';
import { readMessage } from '../../src/triage/engine';
import { LANGUAGES, type Language } from '../../src/triage/types';
import { TestPatient, lastPrompt, triageOf, type BotReply } from '../helpers/patient';
import { buildTestApp, type TestContext } from '../helpers/test-services';

const SORE_THROAT: Record<'en' | 'es', string> = { en: 'I have a sore throat', es: 'me duele la garganta' };

/** Consent, age, "none of these" on the emergency screen: the replies up to the first protocol question. */
async function toFirstQuestion(p: TestPatient, lang: 'en' | 'es'): Promise<BotReply[]> {
  await p.consent(await p.say(SORE_THROAT[lang]));
  await p.say('34');
  return p.say('0');
}

const all = (replies: BotReply[]): string => replies.map((r) => r.text).join('\n');

describe('the patient conversation', () => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = buildTestApp();
  });

  describe('closed questions offer their answers as buttons', () => {
    it.each(['en', 'es'] as const)('a yes/no question carries Yes / No / Not sure in the patient language (%s)', async (lang) => {
      const t = ctx.services.i18n.t(lang);
      const p = new TestPatient(ctx.services, lang);
      const q = lastPrompt(await toFirstQuestion(p, lang));
      expect(q?.prompt?.kind).toBe('yes_no');
      expect(q?.actions).toEqual([t('bot:answers.yes'), t('bot:answers.no'), t('bot:answers.unsure')]);
    });

    it.each(LANGUAGES)('each button label reads as the answer it names (%s)', (lang: Language) => {
      const t = ctx.services.i18n.t(lang);
      const tone = (key: string): string => readMessage(ctx.services.content, t(`bot:answers.${key}`), lang).tone;
      expect([tone('yes'), tone('no'), tone('unsure')]).toEqual(['yes', 'no', 'unsure']);
    });

    it('reads the button value and keeps the label the patient saw in the transcript', async () => {
      expect(answerText('Fri, Dec 4, 9:00 AM', 'slot:dr-lee:2026-12-04T14:00:00.000Z')).toBe('slot:dr-lee:2026-12-04T14:00:00.000Z');
      expect(answerText('  typed  ', undefined)).toBe('typed');
      const p = new TestPatient(ctx.services, 'en');
      const first = lastPrompt(await toFirstQuestion(p, 'en'))!;
      // The widget posts the label as text and the value beside it: the value is the answer.
      const next = await p.say('Not sure', { value: 'no' });
      expect(lastPrompt(next)?.prompt?.id).not.toBe(first.prompt!.id);
      const transcript = await ctx.services.repos.transcripts.since(p.key, 0);
      expect(transcript.filter((a) => a.from.role === 'user').map((a) => a.text)).toContain('Not sure');
    });
  });

  describe('answers are checked', () => {
    it.each([
      ['en', 'no', 'a few weeks'],
      ['es', 'no', 'unas semanas'],
    ] as const)('asks the age once more when the answer is not an age, then goes on (%s)', async (lang, first, second) => {
      const t = ctx.services.i18n.t(lang);
      const p = new TestPatient(ctx.services, lang);
      await p.consent(await p.say(SORE_THROAT[lang]));
      const again = await p.say(first);
      expect(lastPrompt(again)?.prompt?.id).toBe('age');
      expect(lastPrompt(again)?.text).toContain(t('bot:validation.age'));
      const on = await p.say(second);
      // Asked once again only: the engine moves on rather than trap the patient.
      expect(lastPrompt(on)?.prompt?.id).not.toBe('age');
    });

    it('accepts the age once it is given properly', async () => {
      const p = new TestPatient(ctx.services, 'en');
      await p.consent(await p.say(SORE_THROAT.en));
      await p.say('no');
      const on = await p.say('34');
      expect(lastPrompt(on)?.prompt?.id).toBe('screen');
    });

    it('takes "not sure" as an answer, not as a mistake', async () => {
      const p = new TestPatient(ctx.services, 'en');
      await p.consent(await p.say(SORE_THROAT.en));
      const on = await p.say('not sure');
      expect(lastPrompt(on)?.prompt?.id).not.toBe('age');
    });
  });

  describe('the patient can change an answer', () => {
    it.each([
      ['en', 'no', 'wait, sorry, I meant yes'],
      ['es', 'no', 'perdón, quise decir sí'],
    ] as const)('"I meant yes" replaces the last answer and the engine decides again (%s)', async (lang, no, meant) => {
      const t = ctx.services.i18n.t(lang);
      const p = new TestPatient(ctx.services, lang);
      const first = lastPrompt(await toFirstQuestion(p, lang))!;
      // "Are you short of breath?" with a sore throat: a yes is an emergency (the airway).
      expect(first.prompt?.id).toBe('breathless');
      expect(triageOf(await p.say(no))).toBeUndefined();
      const corrected = await p.say(meant);
      expect(corrected[0]!.text).toBe(t('bot:correction.changed'));
      const triage = triageOf(corrected);
      expect(triage?.disposition).toBe('emergency');
      // The reasons quote the answer given, never the one taken back.
      const quoted = triage!.reasons.map((r) => r.text).join(' ');
      expect(quoted).not.toContain(`“${no}”`);
    });

    it.each([
      ['en', 'go back'],
      ['es', 'volver atrás'],
    ] as const)('"go back" asks the previous question again (%s)', async (lang, back) => {
      const t = ctx.services.i18n.t(lang);
      const p = new TestPatient(ctx.services, lang);
      const first = lastPrompt(await toFirstQuestion(p, lang))!;
      await p.say(t('bot:answers.no'));
      const replies = await p.say(back);
      const q = lastPrompt(replies)!;
      expect(q.prompt?.id).toBe(first.prompt!.id);
      expect(q.text).toContain(t('bot:correction.back'));
    });

    it('says so when there is nothing to go back to', async () => {
      const t = ctx.services.i18n.t('en');
      const p = new TestPatient(ctx.services, 'en');
      await p.consent(await p.say(SORE_THROAT.en));
      const replies = await p.say('go back');
      expect(lastPrompt(replies)?.text).toContain(t('bot:correction.nothingToChange'));
      expect(lastPrompt(replies)?.prompt?.id).toBe('age');
    });
  });

  describe('start over', () => {
    it.each([
      ['en', 'start over', 'my knee hurts'],
      ['es', 'empezar de nuevo', 'me duele la rodilla'],
    ] as const)('starts a new assessment; the case already recorded stays (%s)', async (lang, restart, complaint) => {
      const t = ctx.services.i18n.t(lang);
      const p = new TestPatient(ctx.services, lang);
      await toFirstQuestion(p, lang);
      await p.say(lang === 'en' ? 'talk to a person' : 'hablar con una persona');
      const cases = await ctx.services.repos.cases.list({ conversationId: p.key });
      expect(cases).toHaveLength(1);
      const replies = await p.say(restart);
      expect(replies.at(-1)?.text).toBe(t('bot:restart.done'));
      expect(replies.at(-1)?.prompt).toEqual({ kind: 'text', id: 'complaint' });
      const next = await p.say(complaint);
      // A new assessment: no consent again, the age asked again (it may be someone else), nothing quoted from before.
      expect(next.some((r) => r.prompt?.kind === 'consent')).toBe(false);
      expect(lastPrompt(next)?.prompt?.id).toBe('age');
      expect(await ctx.services.repos.cases.list({ conversationId: p.key })).toHaveLength(1);
    });

    it('"stop" ends the assessment: the next message starts a new one', async () => {
      const p = new TestPatient(ctx.services, 'en');
      await toFirstQuestion(p, 'en');
      await p.say('stop');
      const next = await p.say('my knee hurts');
      expect(lastPrompt(next)?.prompt?.id).toBe('age');
    });
  });

  describe('after the outcome', () => {
    async function selfCare(p: TestPatient, lang: 'en' | 'es'): Promise<void> {
      const t = ctx.services.i18n.t(lang);
      let replies = await toFirstQuestion(p, lang);
      for (let i = 0; i < 8 && !triageOf(replies); i++) replies = await p.say(t('bot:answers.no'));
      expect(triageOf(replies)?.disposition).toBe('self_care');
    }

    it.each([
      ['en', 'thanks, what should I take for the sore throat?'],
      ['es', 'gracias, ¿qué puedo tomar para la garganta?'],
    ] as const)('a question about medicines gets the guarded answer, not a new triage (%s)', async (lang, question) => {
      const t = ctx.services.i18n.t(lang);
      const p = new TestPatient(ctx.services, lang);
      await selfCare(p, lang);
      const replies = await p.say(question);
      expect(replies).toHaveLength(1);
      expect(replies[0]!.text).toContain(t('bot:after.medicines', { clinicPhone: ctx.services.clinic.phone }));
      expect(replies[0]!.prompt).toBeUndefined();
    });

    it('"thank you" gets a reply with the safety net, not the questions again', async () => {
      const p = new TestPatient(ctx.services, 'en');
      await selfCare(p, 'en');
      const replies = await p.say('ok thank you');
      expect(replies[0]!.text).toContain(ctx.services.i18n.t('en')('bot:after.anythingElse'));
      expect(replies.some((r) => r.prompt)).toBe(false);
    });

    it.each([
      ['en', 'now my daughter has a rash too, she is 4'],
      ['es', 'ahora tengo también dolor de espalda'],
    ] as const)('a new problem starts a new assessment that does not ask the age again (%s)', async (lang, news) => {
      const p = new TestPatient(ctx.services, lang);
      await selfCare(p, lang);
      const replies = await p.say(news);
      expect(lastPrompt(replies)?.prompt).toBeDefined();
      expect(lastPrompt(replies)?.prompt?.id).not.toBe('age');
    });

    it('still catches an emergency', async () => {
      const p = new TestPatient(ctx.services, 'en');
      await selfCare(p, 'en');
      const replies = await p.say('now I have crushing chest pain going to my left arm and I am sweating');
      expect(triageOf(replies)?.disposition).toBe('emergency');
    });
  });

  describe('talking to a person', () => {
    it.each([
      ['en', 'talk to a person', 'hello? is anyone there?'],
      ['es', 'quiero hablar con una persona', '¿hola? ¿hay alguien?'],
    ] as const)('tells who answers and when; later messages go to the case, not to triage (%s)', async (lang, ask, later) => {
      const t = ctx.services.i18n.t(lang);
      const p = new TestPatient(ctx.services, lang);
      await toFirstQuestion(p, lang);
      const queued = await p.say(ask);
      expect(queued[0]!.text).toContain(t('bot:human.queued', { clinicPhone: ctx.services.clinic.phone, emergencyNumber: ctx.services.clinic.emergencyNumber }));
      // Open now, or when the clinic opens again, from the clinic file's opening hours.
      expect(queued[0]!.text).toContain(whenStaffAnswer(ctx.services.botDeps, lang));
      const [doc] = await ctx.services.repos.cases.list({ conversationId: p.key });
      expect(doc!.reasons.map((r) => r.code)).toContain('patient_requested_staff');
      // What the patient told the bot before asking is on the case.
      expect(doc!.findings.length).toBeGreaterThan(0);
      const waiting = await p.say(later);
      expect(waiting[0]!.text).toContain(t('bot:human.stillWaiting'));
      expect(waiting.some((r) => r.prompt)).toBe(false);
      const after = await ctx.services.repos.cases.get(doc!._id);
      expect(after!.updates?.map((u) => u.kind)).toContain('patient_message');
    });

    it('a conversation handed back by a nurse goes on without a second greeting or consent', async () => {
      const p = new TestPatient(ctx.services, 'en');
      const opening = await p.say('hello');
      expect(all(opening)).toMatch(/automated assistant/i);
      await p.say('talk to a person');
      const [doc] = await ctx.services.repos.cases.list({ conversationId: p.key });
      await ctx.services.repos.cases.claim(doc!._id, 'nurse-1');
      await ctx.services.repos.cases.release(doc!._id, 'nurse-1');
      const back = await p.say('I have a sore throat');
      expect(all(back)).not.toMatch(/automated assistant/i);
      expect(back.some((r) => r.text.includes('stillWaiting'))).toBe(false);
      expect(all(back)).not.toContain(ctx.services.i18n.t('en')('bot:human.stillWaiting'));
    });
  });

  describe('one open case per conversation', () => {
    it('a second red flag and a request for a person update the open case, raising it, never lowering it', async () => {
      const p = new TestPatient(ctx.services, 'en');
      const first = triageOf(await p.say('I have crushing chest pain going to my left arm and I am sweating'));
      expect(first?.disposition).toBe('emergency');
      const second = triageOf(await p.say('and now my face is drooping on one side and I cannot lift my arm'));
      expect(second?.caseId).toBe(first!.caseId);
      await p.say('talk to a person');
      const cases = await ctx.services.repos.cases.list({ conversationId: p.key });
      expect(cases).toHaveLength(1);
      expect(cases[0]!.disposition).toBe('emergency');
      expect(cases[0]!.updates?.map((u) => u.kind)).toEqual(expect.arrayContaining(['staff_request']));
      expect(cases[0]!.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['patient_requested_staff']));
    });

    it('an urgent case is raised to emergency by a later red flag in the same conversation', async () => {
      const p = new TestPatient(ctx.services, 'en');
      await p.say('hello');
      await p.say('talk to a person');
      const replies = await p.say('I cannot breathe and my lips are turning blue');
      expect(triageOf(replies)?.disposition).toBe('emergency');
      const cases = await ctx.services.repos.cases.list({ conversationId: p.key });
      expect(cases).toHaveLength(1);
      expect(cases[0]).toMatchObject({ disposition: 'emergency', urgency: 0 });
      expect(cases[0]!.updates?.find((u) => u.kind === 'raised')).toMatchObject({ from: 'urgent', to: 'emergency' });
      // Staff see the change in the case view.
      const detail = await caseDetail(ctx.services, cases[0]!);
      expect(detail.case.updates.map((u) => u.kind)).toEqual(['raised']);
    });
  });

  describe('who the patient is, and their summary', () => {
    const RASH: Record<'en' | 'es', string> = {
      en: 'I have had a rash on my arm for 3 weeks, it is itchy',
      es: 'tengo un sarpullido en el brazo desde hace 3 semanas, me pica',
    };

    async function routineOutcome(p: TestPatient, lang: 'en' | 'es'): Promise<BotReply[]> {
      const t = ctx.services.i18n.t(lang);
      await p.consent(await p.say(RASH[lang]));
      await p.say('34');
      let replies = await p.say('0');
      for (let i = 0; i < 8 && !triageOf(replies); i++) replies = await p.say(t('bot:answers.no'));
      expect(triageOf(replies)?.disposition).toBe('routine');
      return replies;
    }

    it.each([
      ['en', 'Jane Doe', '03/14/1985', '555 010 2030'],
      ['es', 'Ana Pérez', '14/03/1985', '600 111 222'],
    ] as const)('asks who the appointment is for before booking, stores it encrypted on the case, and ends with a summary naming the appointment (%s)', async (lang, name, dob, phone) => {
      const t = ctx.services.i18n.t(lang);
      const p = new TestPatient(ctx.services, lang);
      const outcome = await routineOutcome(p, lang);
      const caseId = triageOf(outcome)!.caseId;
      const who = await p.say(t('bot:booking.yes'));
      expect(lastPrompt(who)?.prompt).toEqual({ kind: 'yes_no', id: 'identity_consent' });
      await p.say(t('bot:identity.agree'));
      await p.say(name);
      await p.say(dob);
      const slots = await p.say(phone);
      expect(lastPrompt(slots)?.prompt?.kind).toBe('slot');
      const confirm = await p.say('1');
      const done = await p.say(lastPrompt(confirm)!.actions[0]);
      const doc = await ctx.services.repos.cases.get(caseId);
      // Encrypted at rest, readable for staff.
      expect(JSON.stringify(doc!.identity)).not.toContain(name);
      expect(ctx.services.repos.cases.identity(doc!)).toEqual({ name, dateOfBirth: '1985-03-14', phone });
      const summary = done.find((r) => (r.raw.channelData as { summary?: unknown } | undefined)?.summary);
      const data = (summary!.raw.channelData as { summary: { lang: string; sections: Array<{ heading: string; items: string[] }> } }).summary;
      expect(data.lang).toBe(lang);
      expect(data.sections.map((x) => x.heading)).toEqual([t('bot:summary.reported'), t('bot:summary.advice'), t('bot:summary.why'), t('bot:summary.whenToGetHelp'), t('bot:summary.appointment')]);
      expect(data.sections.at(-1)!.items.join(' ')).toMatch(/\d/);
    });

    it('declining the booking still ends with the summary, in the patient language', async () => {
      const t = ctx.services.i18n.t('es');
      const p = new TestPatient(ctx.services, 'es');
      await routineOutcome(p, 'es');
      const replies = await p.say(t('bot:booking.no'));
      expect(replies[0]!.text).toBe(t('bot:booking.notNow'));
      expect((replies.at(-1)?.raw.channelData as { summary?: { lang: string } } | undefined)?.summary?.lang).toBe('es');
      expect(replies.at(-1)?.text).toContain(t('bot:summary.advice'));
    });

    it('after an emergency, asks who to call back; skipping changes nothing', async () => {
      const t = ctx.services.i18n.t('en');
      const p = new TestPatient(ctx.services, 'en');
      const replies = await p.say('I cannot breathe and my lips are turning blue');
      expect(triageOf(replies)?.disposition).toBe('emergency');
      expect(replies.findIndex((r) => r.triage)).toBeLessThan(replies.findIndex((r) => r.prompt?.id === 'identity_consent'));
      const skipped = await p.say(t('bot:identity.skip'));
      expect(skipped[0]!.text).toBe(t('bot:identity.skipped'));
      const doc = await ctx.services.repos.cases.get(triageOf(replies)!.caseId);
      expect(doc!.identity ?? null).toBeNull();
    });
  });

  describe('language', () => {
    /** The widget sends the page's language with the opening event only, not with each message. */
    function pageVisitor(): TestPatient {
      const p = new TestPatient(ctx.services);
      p.locale = undefined;
      return p;
    }

    it('the patient words win over the page language of the opening event', async () => {
      const p = pageVisitor();
      const opening = await p.say(undefined, { type: 'event', name: 'startConversation', locale: 'en' });
      expect(all(opening)).toContain(ctx.services.i18n.t('en')('bot:consent.ask'));
      const replies = await p.say('hola, me duele mucho la garganta');
      expect(all(replies)).toContain(ctx.services.i18n.t('es')('bot:consent.retry'));
      // Each reply names its language, though the patient's message carried no locale.
      expect(replies.map((r) => r.raw.locale)).toEqual(replies.map(() => 'es'));
      const stored = await ctx.services.repos.transcripts.since(p.key, 0);
      expect(stored.filter((a) => a.from.role === 'bot').at(-1)?.locale).toBe('es');
    });

    it('a language chosen in the menu holds, and the pending question is asked again in it', async () => {
      const p = pageVisitor();
      await p.consent(await p.say(undefined, { type: 'event', name: 'startConversation', locale: 'en' }));
      await p.say('I have a sore throat');
      const replies = await p.say(undefined, { type: 'event', name: 'setLanguage', value: 'fr', locale: 'fr' });
      const fr = ctx.services.i18n.t('fr');
      expect(replies[0]!.text).toBe(fr('bot:language.changed'));
      expect(lastPrompt(replies)?.prompt?.id).toBe('age');
      expect(lastPrompt(replies)?.text).toBe(ctx.services.content.questions.get('age')!.text.fr);
      // A number afterwards (no language of its own) keeps the chosen language.
      const next = await p.say('34');
      expect(detectLanguage(lastPrompt(next)!.text, languageCues(ctx.services.i18n))).toBe('fr');
    });
  });
});
