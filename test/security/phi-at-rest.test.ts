// Everything a patient or a nurse typed is PHI and is encrypted at rest: after a conversation full
// of a patient's name, date of birth and phone number (on web chat and SMS), with a nurse's override
// reason, reply and resolution note about them, a raw dump of every collection holds none of it.
import { MemoryStore } from '../../src/store/memory-engine';
import { TestPatient, lastPrompt, triageOf, type BotReply } from '../helpers/patient';
import { NURSE, buildStaffApp, signIn } from '../staff/helpers';
import request from 'supertest';
import { AUTH_TOKEN, TWILIO_ENV, inboundParams, signature } from '../sms/sms-helpers';

/** Staff cookies are Secure on https: the service runs on plain http here, and Twilio signs that URL. */
const PUBLIC_URL = 'http://clinic.example.org';

const NAME = 'Zebulon Quixote';
const BIRTH = '14/03/1961';
const PHONE_TYPED = '555-867-5309';
const SMS_PHONE = '+15558675309';
const SECRETS = ['Zebulon', 'Quixote', BIRTH, '1961', '867-5309', '8675309'];

/**
 * Answers every yes/no question "yes" with the PHI in it, so the outcome's reasons quote it; a
 * numbered list with "0" (none of these) when it has one, else with its first choice.
 */
function answerFor(replies: BotReply[]): string {
  const prompt = lastPrompt(replies);
  if (prompt?.prompt?.kind === 'yes_no') return `yes, this is ${NAME} born ${BIRTH}, call ${PHONE_TYPED}`;
  if (prompt?.prompt?.kind === 'number') return '7';
  if (prompt?.actions.includes('0')) return '0';
  if (prompt?.actions.length) return prompt.actions[0]!;
  return `${NAME}, ${BIRTH}, ${PHONE_TYPED}`;
}

it('keeps no PHI in clear in the store', async () => {
  const store = new MemoryStore();
  const ctx = await buildStaffApp({ store, env: { ...TWILIO_ENV, PUBLIC_URL } });
  const patient = new TestPatient(ctx.services);
  let replies = await patient.consent(await patient.say(`Hi, I am ${NAME}, born ${BIRTH}, my number is ${PHONE_TYPED}`));
  replies = await patient.say(`I have had a sore throat and a fever since yesterday. ${NAME} here, ${PHONE_TYPED}`);
  for (let i = 0; i < 15 && !triageOf(replies); i++) replies = await patient.say(answerFor(replies));
  const outcome = triageOf(replies);
  expect(outcome).toBeDefined();
  // The reasons quote the patient's own words: the case must not keep them in clear.
  expect(JSON.stringify(outcome!.reasons)).toMatch(/Zebulon|5309/);

  const sms = inboundParams(SMS_PHONE, `My name is ${NAME}, DOB ${BIRTH}, I have chest pain and I cannot breathe`);
  await request(ctx.app).post('/api/sms').type('form').set('X-Twilio-Signature', signature('/api/sms', sms, AUTH_TOKEN, PUBLIC_URL)).send(sms).expect(200);

  const nurse = await signIn(ctx, NURSE);
  const call = (path: string, body: unknown): Promise<unknown> => nurse.agent.post(`/api/staff/cases/${outcome!.caseId}/${path}`).set('X-CSRF-Token', nurse.csrf).send(body as object).expect(200);
  await call('claim', {});
  await call('override', { disposition: outcome!.disposition === 'urgent' ? 'routine' : 'urgent', reason: `Spoke with ${NAME} (${BIRTH}) on ${PHONE_TYPED}` });
  await call('reply', { text: `Hello ${NAME}, we will call you on ${PHONE_TYPED}` });
  await call('resolve', { note: `Called ${NAME} back on ${PHONE_TYPED}` });

  // The nurse still reads everything in the case view.
  const view = await nurse.agent.get(`/api/staff/cases/${outcome!.caseId}`).expect(200);
  expect(JSON.stringify(view.body.case.overrides)).toContain(NAME);
  expect(JSON.stringify(view.body.case.reasons)).toMatch(/Zebulon|5309/);

  const dump = JSON.stringify(store.rawDump());
  const found = SECRETS.filter((s) => dump.includes(s));
  const where = Object.entries(store.rawDump()).filter(([, docs]) => SECRETS.some((s) => JSON.stringify(docs).includes(s))).map(([name]) => name);
  expect({ found, where }).toEqual({ found: [], where: [] });
});
