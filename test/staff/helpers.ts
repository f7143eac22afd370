// Shared steps for the staff API tests: an app with a bootstrap admin and a nurse, signed-in
// supertest agents, and cases with a web chat conversation behind them.
import request from 'supertest';
import type { NewCase } from '../../src/repositories/cases';
import { ensureBootstrapAdmin } from '../../src/staff/bootstrap';
import { buildTestApp, type TestContext } from '../helpers/test-services';

export const ADMIN = { email: 'admin@clinic.test', password: 'admin-password-123' };
export const NURSE = { email: 'nurse@clinic.test', password: 'nurse-password-123' };
export const NURSE2 = { email: 'nurse2@clinic.test', password: 'nurse2-password-123' };

export interface StaffClient {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  user: { email: string; role: string };
}

export async function buildStaffApp(opts: Parameters<typeof buildTestApp>[0] = {}): Promise<TestContext> {
  const ctx = buildTestApp({ ...opts, env: { STAFF_ADMIN_EMAIL: ADMIN.email, STAFF_ADMIN_PASSWORD: ADMIN.password, ...opts.env } });
  await ctx.store.init();
  await ensureBootstrapAdmin(ctx.services);
  const users = ctx.services.repos.staff.users;
  if (!(await users.findByEmail(NURSE.email))) {
    await users.create({ ...NURSE, role: 'nurse', displayName: 'Nurse Ana' });
    await users.create({ ...NURSE2, role: 'nurse' });
  }
  return ctx;
}

export async function signIn(ctx: TestContext, who: { email: string; password: string }): Promise<StaffClient> {
  const agent = request.agent(ctx.app);
  const res = await agent.post('/api/staff/login').send(who).expect(200);
  return { agent, csrf: res.body.csrfToken as string, user: res.body.user };
}

/** A web chat conversation with a short transcript, and an escalated case on it. */
export async function seedCase(ctx: TestContext, overrides: Partial<NewCase> = {}, at?: Date): Promise<string> {
  const { conversations, transcripts, cases } = ctx.services.repos;
  const key = overrides.conversationId ?? `webchat:conv-${Math.random().toString(36).slice(2)}`;
  await conversations.touch(key, 'webchat', { language: 'en' });
  await transcripts.append(key, [
    { type: 'message', channelId: 'webchat', conversation: { id: key }, from: { id: 'patient', role: 'user' }, text: 'my face is drooping on one side' },
    { type: 'message', channelId: 'webchat', conversation: { id: key }, from: { id: 'bot', role: 'bot' }, text: 'Call the emergency number now.' },
  ]);
  const created = await cases.create({
    conversationId: key,
    channel: 'webchat',
    language: 'en',
    disposition: 'emergency',
    protocol: 'stroke',
    reasons: [{ code: 'red_flag.stroke', text: 'Signs of a stroke' }],
    findings: [{ id: 'face_droop', present: true, source: 'text', evidence: 'my face is drooping on one side' }],
    handoverNote: 'S: EMERGENCY via webchat (en); protocol stroke.',
    handoverSource: 'template',
    ...overrides,
  });
  if (at) await cases.col.updateOne({ _id: created._id }, { $set: { createdAt: at } });
  return created._id;
}

export const caseConversation = async (ctx: TestContext, caseId: string): Promise<string> => (await ctx.services.repos.cases.get(caseId))!.conversationId;

/**
 * What the patient said of who they are, stored on the case as the conversation does it: each field
 * encrypted with the case's cipher, written through the cases repository's collection.
 */
export async function giveIdentity(ctx: TestContext, caseId: string, identity: { name?: string; dateOfBirth?: string; phone?: string }): Promise<void> {
  const encrypted = Object.fromEntries(Object.entries(identity).map(([k, v]) => [k, ctx.services.cipher.encrypt(v)]));
  await ctx.services.repos.cases.col.updateOne({ _id: caseId }, { $set: { identity: encrypted } });
}
