// Sign-in, sessions, CSRF and login throttling on the real app (in-memory store).
import request from 'supertest';
import { MemoryStore } from '../../src/store/memory-engine';
import { ensureBootstrapAdmin } from '../../src/staff/bootstrap';
import { staffSessionsCollection } from '../../src/staff/sessions';
import { buildTestApp } from '../helpers/test-services';
import { ADMIN, NURSE, NURSE2, buildStaffApp, signIn } from './helpers';

describe('staff sign-in and sessions', () => {
  it('signs in with an HttpOnly, SameSite=Strict cookie scoped to the API, not Secure over http', async () => {
    const ctx = await buildStaffApp();
    const res = await request(ctx.app).post('/api/staff/login').send(NURSE).expect(200);
    expect(res.body).toEqual({ user: { email: NURSE.email, role: 'nurse', displayName: 'Nurse Ana', mustChangePassword: false }, csrfToken: expect.any(String) });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^staff_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/staff/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const ctx = await buildStaffApp({ env: { PUBLIC_URL: 'https://clinic.example' } });
    const res = await request(ctx.app).post('/api/staff/login').send(NURSE).expect(200);
    expect(String(res.headers['set-cookie'])).toMatch(/^__Secure-staff_session=.*; Secure/);
  });

  it('answers the same 401 for an unknown email and a wrong password', async () => {
    const ctx = await buildStaffApp();
    const unknown = await request(ctx.app).post('/api/staff/login').send({ email: 'nobody@clinic.test', password: 'whatever-123456' }).expect(401);
    const wrong = await request(ctx.app).post('/api/staff/login').send({ email: NURSE.email, password: 'wrong-password-1' }).expect(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('rejects a malformed login body with 400', async () => {
    const ctx = await buildStaffApp();
    await request(ctx.app).post('/api/staff/login').send({ email: NURSE.email }).expect(400);
  });

  it('GET /session: 401 without a session, the user and CSRF token with one', async () => {
    const ctx = await buildStaffApp();
    await request(ctx.app).get('/api/staff/session').expect(401);
    await request(ctx.app).get('/api/staff/session').set('Cookie', 'staff_session=forged').expect(401);
    const nurse = await signIn(ctx, NURSE);
    const res = await nurse.agent.get('/api/staff/session').expect(200);
    expect(res.body.user).toEqual({ email: NURSE.email, role: 'nurse', displayName: 'Nurse Ana', mustChangePassword: false });
    expect(res.body.csrfToken).toBe(nurse.csrf);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('stores only a hash of the session id', async () => {
    const ctx = await buildStaffApp();
    const res = await request(ctx.app).post('/api/staff/login').send(NURSE).expect(200);
    const id = /staff_session=([^;]+)/.exec(String(res.headers['set-cookie']))![1]!;
    const stored = await ctx.store.collection(staffSessionsCollection).find({});
    expect(stored.length).toBe(1);
    expect(stored[0]!._id).not.toBe(id);
  });

  it('logout needs the CSRF token, then ends the session', async () => {
    const ctx = await buildStaffApp();
    const nurse = await signIn(ctx, NURSE);
    await nurse.agent.post('/api/staff/logout').expect(403);
    await nurse.agent.post('/api/staff/logout').set('X-CSRF-Token', 'wrong').expect(403);
    const out = await nurse.agent.post('/api/staff/logout').set('X-CSRF-Token', nurse.csrf).expect(204);
    expect(String(out.headers['set-cookie'])).toMatch(/Max-Age=0/);
    await nurse.agent.get('/api/staff/session').expect(401);
  });

  it('ends a session after the idle timeout, and activity keeps it alive', async () => {
    let now = new Date('2026-03-02T09:00:00Z');
    const ctx = await buildStaffApp({ now: () => now });
    const nurse = await signIn(ctx, NURSE);
    now = new Date(now.getTime() + 20 * 60_000);
    await nurse.agent.get('/api/staff/session').expect(200);
    now = new Date(now.getTime() + 20 * 60_000);
    // Background requests (the console refreshing itself) do not count as activity.
    await nurse.agent.get('/api/staff/cases').set('X-Staff-Background', '1').expect(200);
    now = new Date(now.getTime() + 11 * 60_000);
    await nurse.agent.get('/api/staff/session').expect(401);
  });

  it('throttles repeated failures per email and address, in the store, across instances', async () => {
    const store = new MemoryStore();
    const a = await buildStaffApp({ store });
    const b = buildTestApp({ store });
    const from = (app: typeof a.app, ip: string) => request(app).post('/api/staff/login').set('X-Forwarded-For', ip);
    for (let i = 0; i < 3; i++) await from(a.app, '10.0.0.7').send({ ...NURSE, password: 'wrong-password-1' }).expect(401);
    for (let i = 0; i < 2; i++) await from(b.app, '10.0.0.7').send({ ...NURSE, password: 'wrong-password-1' }).expect(401);
    // Locked now, on both instances, even with the right password.
    const locked = await from(a.app, '10.0.0.7').send(NURSE).expect(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    await from(b.app, '10.0.0.7').send(NURSE).expect(429);
    // Another address, or another account, is not locked out.
    await from(a.app, '10.0.0.8').send(NURSE).expect(200);
    await from(a.app, '10.0.0.7').send(ADMIN).expect(200);
  });

  it('locks an account failing from many addresses, with a clear answer, until an admin unlocks it', async () => {
    const ctx = await buildStaffApp();
    const from = (ip: string): request.Test => request(ctx.app).post('/api/staff/login').set('X-Forwarded-For', ip);
    for (let i = 0; i < 10; i++) await from(`203.0.113.${i}`).send({ ...NURSE, password: 'wrong-password-1' }).expect(401);
    // Locked whatever the address, even with the right password.
    const locked = await from('203.0.113.200').send(NURSE).expect(429);
    expect(locked.body.error.code).toBe('account_locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account is not.
    const admin = await signIn(ctx, ADMIN);
    const users = await admin.agent.get('/api/staff/users').expect(200);
    const nurse = users.body.users.find((u: { email: string }) => u.email === NURSE.email);
    expect(nurse.locked).toBe(true);
    // Only an admin unlocks, with the CSRF token.
    const asNurse2 = await signIn(ctx, NURSE2);
    await asNurse2.agent.post(`/api/staff/users/${nurse.id}/unlock`).set('X-CSRF-Token', asNurse2.csrf).expect(403);
    await admin.agent.post(`/api/staff/users/${nurse.id}/unlock`).expect(403);
    await admin.agent.post(`/api/staff/users/${nurse.id}/unlock`).set('X-CSRF-Token', admin.csrf).expect(200);
    await from('203.0.113.200').send(NURSE).expect(200);
    const actions = (await ctx.services.repos.staff.audit.list()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['account.locked', 'user.unlock']));
  });

  it('locks an unknown email exactly like a real one, so a lock tells nothing', async () => {
    const ctx = await buildStaffApp();
    const from = (ip: string): request.Test => request(ctx.app).post('/api/staff/login').set('X-Forwarded-For', ip);
    for (let i = 0; i < 10; i++) await from(`203.0.113.${i}`).send({ email: 'nobody@clinic.test', password: 'wrong-password-1' }).expect(401);
    const res = await from('203.0.113.200').send({ email: 'nobody@clinic.test', password: 'wrong-password-1' }).expect(429);
    expect(res.body.error.code).toBe('account_locked');
  });

  it('takes JSON only: a form-encoded or text/plain sign-in (what another site can make a browser send) is refused', async () => {
    const ctx = await buildStaffApp();
    const form = await request(ctx.app).post('/api/staff/login').type('form').send(NURSE).expect(415);
    expect(form.headers['set-cookie']).toBeUndefined();
    await request(ctx.app).post('/api/staff/login').set('Content-Type', 'text/plain').send(JSON.stringify(NURSE)).expect(415);
    const nurse = await signIn(ctx, NURSE);
    await nurse.agent.post('/api/staff/logout').set('X-CSRF-Token', nurse.csrf).expect(204);
  });

  it('sets the session cookie Secure in production even when PUBLIC_URL is http', async () => {
    const ctx = await buildStaffApp({ env: { NODE_ENV: 'production', STORE: 'memory', PUBLIC_URL: 'http://clinic.example.org' } });
    const res = await request(ctx.app).post('/api/staff/login').send(NURSE).expect(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('lets the lock lapse, and a successful sign-in clears the count', async () => {
    let now = new Date('2026-03-02T09:00:00Z');
    const ctx = await buildStaffApp({ now: () => now });
    const attempt = (password: string) => request(ctx.app).post('/api/staff/login').send({ email: NURSE.email, password });
    for (let i = 0; i < 4; i++) await attempt('wrong-password-1').expect(401);
    await attempt(NURSE.password).expect(200);
    for (let i = 0; i < 4; i++) await attempt('wrong-password-1').expect(401);
    await attempt(NURSE.password).expect(200);
    for (let i = 0; i < 5; i++) await attempt('wrong-password-1').expect(401);
    await attempt(NURSE.password).expect(429);
    now = new Date(now.getTime() + 16 * 60_000);
    await attempt(NURSE.password).expect(200);
  });

  it('creates the bootstrap admin once, and not when staff users exist', async () => {
    const ctx = buildTestApp({ env: { STAFF_ADMIN_EMAIL: ADMIN.email, STAFF_ADMIN_PASSWORD: ADMIN.password } });
    await expect(ensureBootstrapAdmin(ctx.services)).resolves.toBe('created');
    await expect(ensureBootstrapAdmin(ctx.services)).resolves.toBe('skipped');
    const admin = await ctx.services.repos.staff.users.findByEmail(ADMIN.email);
    expect(admin?.role).toBe('admin');
    expect(admin?.passwordHash).toMatch(/^\$argon2id\$/);
    const other = buildTestApp({ store: ctx.store, env: { STAFF_ADMIN_EMAIL: 'second@clinic.test', STAFF_ADMIN_PASSWORD: 'another-password-1' } });
    await expect(ensureBootstrapAdmin(other.services)).resolves.toBe('skipped');
    expect(await other.services.repos.staff.users.findByEmail('second@clinic.test')).toBeNull();
    const none = buildTestApp();
    await expect(ensureBootstrapAdmin(none.services)).resolves.toBe('skipped');
  });
});
