// The patient's conversation controls on SMS (issue #14), through POST /api/sms signed like Twilio:
// yes/no questions as numbered lines answered with a digit, checked answers, corrections, "start
// over", a question after the outcome, and waiting for a person.
import { smsApp, texts } from './sms-helpers';
import type { TestContext } from '../helpers/test-services';

/** Texts until the reply asks the first question of the sore-throat protocol (a yes/no question). */
async function toFirstQuestion(ctx: TestContext, phone: string, complaint: string, age: string): Promise<string> {
  await texts(ctx.app, phone, complaint);
  await texts(ctx.app, phone, '1'); // consent: 1 = agree
  await texts(ctx.app, phone, age);
  return texts(ctx.app, phone, '0'); // the emergency screen: none of these
}

describe('SMS: the patient conversation', () => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = smsApp();
  });

  it.each([
    ['en', '+15550001001', 'I have a sore throat', '34'],
    ['es', '+34600001001', 'me duele la garganta', '34 años'],
  ] as const)('a yes/no question comes with numbered answers, and "3" is "not sure" (%s)', async (lang, phone, complaint, age) => {
    const t = ctx.services.i18n.t(lang);
    const question = await toFirstQuestion(ctx, phone, complaint, age);
    expect(question).toContain(`1. ${t('bot:answers.yes')}`);
    expect(question).toContain(`2. ${t('bot:answers.no')}`);
    expect(question).toContain(`3. ${t('bot:answers.unsure')}`);
    const next = await texts(ctx.app, phone, '3');
    // "Not sure" is an answer: the next question is another one.
    expect(next).not.toBe(question);
    expect(next).toMatch(/\?/);
  });

  it.each([
    ['en', '+15550001002', 'I have a sore throat', 'no', 'bot:validation.age'],
    ['es', '+34600001002', 'me duele la garganta', 'no', 'bot:validation.age'],
  ] as const)('an age that is not a number is asked once more (%s)', async (lang, phone, complaint, bad, key) => {
    await texts(ctx.app, phone, complaint);
    await texts(ctx.app, phone, '1');
    const again = await texts(ctx.app, phone, bad);
    expect(again).toContain(ctx.services.i18n.t(lang)(key));
  });

  it('"I meant yes" by SMS changes the last answer and the engine decides again', async () => {
    const phone = '+15550001003';
    await toFirstQuestion(ctx, phone, 'I have a sore throat', '34');
    await texts(ctx.app, phone, '2'); // "No" to "are you short of breath?"
    const corrected = await texts(ctx.app, phone, 'sorry I meant yes');
    expect(corrected).toContain(ctx.services.clinic.emergencyNumber);
  });

  it('"empezar de nuevo" starts again without consent', async () => {
    const phone = '+34600001004';
    const t = ctx.services.i18n.t('es');
    await toFirstQuestion(ctx, phone, 'me duele la garganta', '34 años');
    const restarted = await texts(ctx.app, phone, 'empezar de nuevo');
    expect(restarted).toContain(t('bot:restart.done'));
    const next = await texts(ctx.app, phone, 'me duele la rodilla');
    expect(next).not.toContain(t('bot:consent.ask'));
  });

  it('a question about medicines after the outcome gets the guarded answer', async () => {
    const phone = '+15550001005';
    let reply = await toFirstQuestion(ctx, phone, 'I have a sore throat', '34');
    for (let i = 0; i < 8 && !reply.includes(ctx.services.i18n.t('en')('bot:outcome.because')); i++) reply = await texts(ctx.app, phone, '2');
    const answer = await texts(ctx.app, phone, 'what should I take for it?');
    expect(answer).toContain(ctx.services.i18n.t('en')('bot:after.medicines', { clinicPhone: ctx.services.clinic.phone }));
  });

  it('after "talk to a person" a text goes to the case, not to triage', async () => {
    const phone = '+15550001006';
    await toFirstQuestion(ctx, phone, 'I have a sore throat', '34');
    await texts(ctx.app, phone, 'talk to a person');
    const waiting = await texts(ctx.app, phone, 'hello? anyone?');
    expect(waiting).toContain(ctx.services.i18n.t('en')('bot:human.stillWaiting'));
    const cases = await ctx.services.repos.cases.list({ channel: 'sms' });
    expect(cases).toHaveLength(1);
    expect(cases[0]!.updates?.map((u) => u.kind)).toContain('patient_message');
  });
});
