// The case queue and every case action over HTTP, with their errors: 401, 403 (CSRF), 404, 409.
import request from 'supertest';
import { TestPatient } from '../helpers/patient';
import { ADMIN, NURSE, NURSE2, buildStaffApp, caseConversation, seedCase, signIn, type StaffClient } from './helpers';
import type { TestContext } from '../helpers/test-services';

const post = (c: StaffClient, path: string, body: object = {}) => c.agent.post(`/api/staff${path}`).set('X-CSRF-Token', c.csrf).send(body);

describe('case queue', () => {
  let ctx: TestContext;
  let nurse: StaffClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await buildStaffApp();
    const t0 = Date.parse('2026-03-02T09:00:00Z');
    ids.urgentOld = await seedCase(ctx, { disposition: 'urgent', protocol: 'fever' }, new Date(t0));
    ids.emergencyNew = await seedCase(ctx, {}, new Date(t0 + 60_000));
    ids.emergencyOld = await seedCase(ctx, { language: 'es' }, new Date(t0 - 60_000));
    ids.smsUrgent = await seedCase(ctx, { disposition: 'urgent', channel: 'sms' }, new Date(t0 + 120_000));
    ids.routine = await seedCase(ctx, { disposition: 'routine' });
    nurse = await signIn(ctx, NURSE);
  });

  it('401 without a session', async () => {
    await request(ctx.app).get('/api/staff/cases').expect(401);
    await request(ctx.app).get(`/api/staff/cases/${ids.emergencyNew}`).expect(401);
  });

  it('lists open and claimed cases, most urgent first, then oldest', async () => {
    const res = await nurse.agent.get('/api/staff/cases').expect(200);
    expect(res.body.cases.map((c: { id: string }) => c.id)).toEqual([ids.emergencyOld, ids.emergencyNew, ids.urgentOld, ids.smsUrgent]);
    expect(res.body.cases[0]).toMatchObject({ disposition: 'emergency', status: 'open', channel: 'webchat', language: 'es', claimedBy: null });
    // The queue carries no PHI: no transcript, no notes.
    expect(JSON.stringify(res.body)).not.toMatch(/drooping|SBAR|EMERGENCY via/);
  });

  it('filters by status, disposition, language and channel; rejects unknown values', async () => {
    const ids_ = async (q: string) => (await nurse.agent.get(`/api/staff/cases?${q}`).expect(200)).body.cases.map((c: { id: string }) => c.id);
    expect(await ids_('status=resolved')).toEqual([ids.routine]);
    expect(await ids_('disposition=urgent')).toEqual([ids.urgentOld, ids.smsUrgent]);
    expect(await ids_('language=es')).toEqual([ids.emergencyOld]);
    expect(await ids_('channel=sms')).toEqual([ids.smsUrgent]);
    expect(await ids_('status=open,resolved&disposition=emergency,routine&language=en')).toEqual([ids.emergencyNew, ids.routine]);
    await nurse.agent.get('/api/staff/cases?status=closed').expect(400);
    await nurse.agent.get('/api/staff/cases?disposition=critical').expect(400);
  });
});

describe('reading a case', () => {
  it('returns the case, decrypted transcript, handover note, reasons, findings, and writes an audit row', async () => {
    const ctx = await buildStaffApp();
    const id = await seedCase(ctx);
    const nurse = await signIn(ctx, NURSE);
    const res = await nurse.agent.get(`/api/staff/cases/${id}`).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.case).toMatchObject({
      id, disposition: 'emergency', status: 'open', protocol: 'stroke',
      reasons: [{ code: 'red_flag.stroke', text: 'Signs of a stroke' }],
      findings: [{ id: 'face_droop', present: true, source: 'text', evidence: 'my face is drooping on one side' }],
      guardEvents: [], overrides: [], handoverSource: 'template',
    });
    expect(res.body.handoverNote).toBe('S: EMERGENCY via webchat (en); protocol stroke.');
    expect(res.body.transcript.map((l: { role: string; text: string }) => [l.role, l.text])).toEqual([
      ['user', 'my face is drooping on one side'],
      ['bot', 'Call the emergency number now.'],
    ]);
    expect(res.body.appointment).toBeNull();
    const audit = await ctx.services.repos.staff.audit.list({ caseId: id });
    expect(audit).toEqual([expect.objectContaining({ action: 'case.read', actorEmail: NURSE.email, caseId: id })]);
    await nurse.agent.get(`/api/staff/cases/${id}`).expect(200);
    expect(await ctx.services.repos.staff.audit.list({ caseId: id })).toHaveLength(2);
  });

  it('includes the linked appointment', async () => {
    const ctx = await buildStaffApp();
    const id = await seedCase(ctx, { disposition: 'urgent' });
    const start = new Date(Date.now() + 86_400_000);
    const appt = await ctx.services.repos.appointments.book({
      slot: { providerId: 'dr-a', start, end: new Date(start.getTime() + 900_000) }, timezone: 'UTC', conversationId: await caseConversation(ctx, id), caseId: id, disposition: 'urgent', language: 'en',
    });
    await ctx.services.repos.cases.linkAppointment(id, appt._id);
    const nurse = await signIn(ctx, NURSE);
    const res = await nurse.agent.get(`/api/staff/cases/${id}`).expect(200);
    expect(res.body.appointment).toMatchObject({ id: appt._id, reference: appt.reference, providerId: 'dr-a', status: 'booked' });
  });

  it('404 for an unknown case, 400 for a malformed id', async () => {
    const ctx = await buildStaffApp();
    const nurse = await signIn(ctx, NURSE);
    await nurse.agent.get('/api/staff/cases/no-such-case').expect(404);
    await nurse.agent.get('/api/staff/cases/bad%20id%24').expect(400);
  });
});

describe('case actions', () => {
  let ctx: TestContext;
  let nurse: StaffClient;
  let nurse2: StaffClient;
  let admin: StaffClient;

  beforeEach(async () => {
    ctx = await buildStaffApp();
    [nurse, nurse2, admin] = await Promise.all([signIn(ctx, NURSE), signIn(ctx, NURSE2), signIn(ctx, ADMIN)]);
  });

  const conversation = async (id: string) => ctx.services.repos.conversations.get(await caseConversation(ctx, id));

  it('every action needs the CSRF token (403) and a session (401)', async () => {
    const id = await seedCase(ctx);
    const bodies: Record<string, object> = { claim: {}, reply: { text: 'hi' }, override: { disposition: 'urgent', reason: 'checked' }, resolve: { note: 'done' }, handback: {} };
    for (const [action, body] of Object.entries(bodies)) {
      await request(ctx.app).post(`/api/staff/cases/${id}/${action}`).send(body).expect(401);
      await nurse.agent.post(`/api/staff/cases/${id}/${action}`).send(body).expect(403);
      await nurse.agent.post(`/api/staff/cases/${id}/${action}`).set('X-CSRF-Token', nurse2.csrf).send(body).expect(403);
    }
    expect((await ctx.services.repos.cases.get(id))?.status).toBe('open');
  });

  it('claim holds the conversation; another nurse gets 409; an admin may take over', async () => {
    const id = await seedCase(ctx);
    const res = await post(nurse, `/cases/${id}/claim`).expect(200);
    expect(res.body.case).toMatchObject({ status: 'claimed', claimedBy: { email: NURSE.email } });
    expect((await conversation(id))?.handoff).toMatchObject({ caseId: id, staffId: expect.any(String) });
    await post(nurse, `/cases/${id}/claim`).expect(200);
    const taken = await post(nurse2, `/cases/${id}/claim`).expect(409);
    expect(taken.body.error.code).toBe('claimed_by_other');
    await post(nurse2, `/cases/${id}/reply`, { text: 'hello' }).expect(409);
    await post(nurse2, `/cases/${id}/resolve`, { note: 'x' }).expect(409);
    await post(nurse2, `/cases/${id}/handback`).expect(409);
    await post(admin, `/cases/${id}/claim`).expect(200);
    const after = await ctx.services.repos.cases.get(id);
    const adminUser = await ctx.services.repos.staff.users.findByEmail(ADMIN.email);
    expect(after?.claimedBy).toBe(adminUser?._id);
    expect((await conversation(id))?.handoff?.staffId).toBe(adminUser?._id);
    const audit = await ctx.services.repos.staff.audit.list({ caseId: id, action: 'case.claim' });
    expect(audit[0]?.detail).toEqual({ takeover: true });
    await post(nurse, `/cases/no-such-case/claim`).expect(404);
  });

  it('reply goes out on the patient’s web chat as staff, claims the case, and is audited without its text', async () => {
    const id = await seedCase(ctx);
    const res = await post(nurse, `/cases/${id}/reply`, { text: 'This is Nurse Ana. Please call 911 now.' }).expect(200);
    expect(res.body).toMatchObject({ delivered: true, case: { status: 'claimed' } });
    const transcript = await ctx.services.repos.transcripts.since(await caseConversation(ctx, id), 0);
    const last = transcript.at(-1)!;
    expect(last).toMatchObject({ text: 'This is Nurse Ana. Please call 911 now.', from: { role: 'staff' }, channelData: { clinicStaff: true } });
    expect((await conversation(id))?.handoff?.caseId).toBe(id);
    const [row] = await ctx.services.repos.staff.audit.list({ caseId: id, action: 'case.reply' });
    expect(row?.detail).toEqual({ delivered: true, channel: 'webchat' });
    expect(JSON.stringify(row)).not.toMatch(/911/);
    await post(nurse, `/cases/${id}/reply`, { text: '   ' }).expect(400);
  });

  it('reports a reply that could not be delivered', async () => {
    const id = await seedCase(ctx);
    // A conversation on a channel with no sender registered.
    await ctx.services.repos.conversations.touch('pigeon:1', 'pigeon');
    await ctx.services.repos.cases.col.updateOne({ _id: id }, { $set: { conversationId: 'pigeon:1' } });
    const res = await post(nurse, `/cases/${id}/reply`, { text: 'hello' }).expect(200);
    expect(res.body).toMatchObject({ delivered: false, reason: 'channel_not_configured' });
    const [row] = await ctx.services.repos.staff.audit.list({ caseId: id, action: 'case.reply' });
    expect(row?.detail).toEqual({ delivered: false, channel: 'pigeon', reason: 'channel_not_configured' });
  });

  it('410 when the conversation has expired', async () => {
    const id = await seedCase(ctx);
    await ctx.services.repos.cases.col.updateOne({ _id: id }, { $set: { conversationId: 'webchat:gone' } });
    await post(nurse, `/cases/${id}/reply`, { text: 'hello' }).expect(410);
  });

  it('reply to a resolved case is 409; resolve stores the note encrypted and releases the conversation', async () => {
    const id = await seedCase(ctx);
    await post(nurse, `/cases/${id}/claim`).expect(200);
    await post(nurse, `/cases/${id}/resolve`, {}).expect(400);
    const res = await post(nurse, `/cases/${id}/resolve`, { note: 'Patient reached 911; ambulance on the way.' }).expect(200);
    expect(res.body.case).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String) });
    const stored = await ctx.services.repos.cases.get(id);
    expect(stored?.resolutionNote).toMatch(/^v1\./);
    expect(stored?.resolutionNote).not.toMatch(/ambulance/);
    expect((await conversation(id))?.handoff).toBeNull();
    const replied = await post(nurse, `/cases/${id}/reply`, { text: 'hello?' }).expect(409);
    expect(replied.body.error.code).toBe('case_resolved');
    await post(admin, `/cases/${id}/reply`, { text: 'hello?' }).expect(409);
    await post(nurse, `/cases/${id}/claim`).expect(409);
    await post(nurse, `/cases/${id}/resolve`, { note: 'again' }).expect(409);
    const view = await nurse.agent.get(`/api/staff/cases/${id}`).expect(200);
    expect(view.body.resolutionNote).toBe('Patient reached 911; ambulance on the way.');
  });

  it('override records who changed the disposition, from what, to what, and why', async () => {
    const id = await seedCase(ctx, { disposition: 'urgent' });
    await post(nurse, `/cases/${id}/override`, { disposition: 'urgent', reason: 'same' }).expect(400);
    await post(nurse, `/cases/${id}/override`, { disposition: 'severe', reason: 'nope' }).expect(400);
    await post(nurse, `/cases/${id}/override`, { disposition: 'emergency' }).expect(400);
    const res = await post(nurse, `/cases/${id}/override`, { disposition: 'emergency', reason: 'Chest pain on callback' }).expect(200);
    expect(res.body.case).toMatchObject({ disposition: 'emergency', urgency: 0 });
    const view = await nurse.agent.get(`/api/staff/cases/${id}`).expect(200);
    expect(view.body.case.overrides).toEqual([{ at: expect.any(String), by: expect.any(String), byEmail: NURSE.email, from: 'urgent', to: 'emergency', reason: 'Chest pain on callback' }]);
    const [row] = await ctx.services.repos.staff.audit.list({ caseId: id, action: 'case.override' });
    expect(row?.detail).toEqual({ from: 'urgent', to: 'emergency' });
    await post(nurse, `/cases/${id}/claim`).expect(200);
    await post(nurse2, `/cases/${id}/override`, { disposition: 'urgent', reason: 'disagree' }).expect(409);
  });

  it('handback returns the case to the queue and the conversation to the bot', async () => {
    const id = await seedCase(ctx);
    await post(nurse, `/cases/${id}/handback`).expect(409);
    await post(nurse, `/cases/${id}/claim`).expect(200);
    const res = await post(nurse, `/cases/${id}/handback`).expect(200);
    expect(res.body.case).toMatchObject({ status: 'open', claimedBy: null });
    expect((await conversation(id))?.handoff).toBeNull();
  });

  it('while a nurse holds the case the bot stays silent; after handback it answers again', async () => {
    const patient = new TestPatient(ctx.services, 'en');
    expect((await patient.say('hello')).length).toBeGreaterThan(0);
    const id = await seedCase(ctx, { conversationId: patient.key });
    await post(nurse, `/cases/${id}/claim`).expect(200);
    expect(await patient.say('is anyone there?')).toEqual([]);
    await post(nurse, `/cases/${id}/handback`).expect(200);
    expect((await patient.say('hello again')).length).toBeGreaterThan(0);
  });
});
