// Admins deactivate, reactivate and reset staff accounts over HTTP: each change audited, the
// sessions of a changed account ended, the last admin kept, and roles and CSRF enforced.
import request from 'supertest';
import type { TestContext } from '../helpers/test-services';
import { ADMIN, NURSE, buildStaffApp, signIn, type StaffClient } from './helpers';

const post = (c: StaffClient, path: string, body: object = {}) => c.agent.post(`/api/staff${path}`).set('X-CSRF-Token', c.csrf).send(body);

async function userId(ctx: TestContext, email: string): Promise<string> {
  return (await ctx.services.repos.staff.users.findByEmail(email))!._id;
}

async function auditActions(ctx: TestContext, targetUserId: string): Promise<string[]> {
  const rows = await ctx.services.repos.staff.audit.list({ limit: 500 });
  return rows.filter((r) => r.targetUserId === targetUserId).map((r) => r.action);
}

describe('deactivating and reactivating staff', () => {
  it('a deactivated nurse loses her session and cannot sign in; reactivated, she can', async () => {
    const ctx = await buildStaffApp();
    const admin = await signIn(ctx, ADMIN);
    const nurse = await signIn(ctx, NURSE);
    const id = await userId(ctx, NURSE.email);

    const res = await post(admin, `/users/${id}/deactivate`).expect(200);
    expect(res.body.user).toMatchObject({ email: NURSE.email, active: false });
    await nurse.agent.get('/api/staff/cases').expect(401);
    const refused = await request(ctx.app).post('/api/staff/login').send(NURSE).expect(403);
    expect(refused.body.error.code).toBe('account_inactive');
    // A wrong password is answered as for anyone: deactivation is not told to a stranger.
    await request(ctx.app).post('/api/staff/login').send({ ...NURSE, password: 'not-her-password' }).expect(401);
    const listed = await admin.agent.get('/api/staff/users').expect(200);
    expect(listed.body.users.find((u: { email: string }) => u.email === NURSE.email)).toMatchObject({ active: false });

    await post(admin, `/users/${id}/reactivate`).expect(200);
    await request(ctx.app).post('/api/staff/login').send(NURSE).expect(200);
    expect(await auditActions(ctx, id)).toEqual(['user.reactivate', 'user.deactivate']);
  }, 60_000);

  it('keeps the last active admin, and an admin cannot deactivate herself', async () => {
    const ctx = await buildStaffApp();
    const admin = await signIn(ctx, ADMIN);
    const adminId = await userId(ctx, ADMIN.email);
    expect((await post(admin, `/users/${adminId}/deactivate`).expect(409)).body.error.code).toBe('last_admin');

    await post(admin, '/users', { email: 'second.admin@clinic.test', password: 'second-admin-pass-1', role: 'admin' }).expect(201);
    expect((await post(admin, `/users/${adminId}/deactivate`).expect(409)).body.error.code).toBe('cannot_deactivate_self');
    const second = await signIn(ctx, { email: 'second.admin@clinic.test', password: 'second-admin-pass-1' });
    // The second admin may deactivate the first (one admin remains) ...
    await post(second, `/users/${adminId}/deactivate`).expect(200);
    // ... and then she is the last one: nobody can remove her.
    const secondId = await userId(ctx, 'second.admin@clinic.test');
    expect((await post(second, `/users/${secondId}/deactivate`).expect(409)).body.error.code).toBe('last_admin');
    expect(await ctx.services.repos.staff.users.otherActiveAdmins(adminId)).toBe(1);
  }, 60_000);

  it('404 for an unknown user; 403 for a nurse and without the CSRF token; 401 without a session', async () => {
    const ctx = await buildStaffApp();
    const id = await userId(ctx, NURSE.email);
    await request(ctx.app).post(`/api/staff/users/${id}/deactivate`).expect(401);
    const admin = await signIn(ctx, ADMIN);
    await post(admin, '/users/no-such-user/deactivate').expect(404);
    for (const action of ['deactivate', 'reactivate', 'reset-password', 'unlock']) {
      await admin.agent.post(`/api/staff/users/${id}/${action}`).send({ password: 'temporary-pass-123' }).expect(403);
    }
    const nurse = await signIn(ctx, NURSE);
    const { _id: adminId } = (await ctx.services.repos.staff.users.findByEmail(ADMIN.email))!;
    for (const action of ['deactivate', 'reactivate', 'reset-password', 'unlock']) {
      await post(nurse, `/users/${adminId}/${action}`, { password: 'temporary-pass-123' }).expect(403);
    }
    expect((await ctx.services.repos.staff.users.get(adminId))!.active).toBe(true);
    await request(ctx.app).post('/api/staff/login').send(ADMIN).expect(200);
  }, 60_000);
});

describe('resetting a password', () => {
  it('the nurse signs in with the temporary password, must choose her own, and then works', async () => {
    const ctx = await buildStaffApp();
    const admin = await signIn(ctx, ADMIN);
    const before = await signIn(ctx, NURSE);
    const id = await userId(ctx, NURSE.email);
    const temporary = 'temporary-pass-123';

    await post(admin, `/users/${id}/reset-password`, { password: 'short' }).expect(400);
    const reset = await post(admin, `/users/${id}/reset-password`, { password: temporary }).expect(200);
    expect(reset.body.user).toMatchObject({ mustChangePassword: true });
    expect(JSON.stringify(reset.body)).not.toContain(temporary);
    await before.agent.get('/api/staff/cases').expect(401);
    await request(ctx.app).post('/api/staff/login').send(NURSE).expect(401);

    const nurse = await signIn(ctx, { email: NURSE.email, password: temporary });
    expect(nurse.user).toMatchObject({ mustChangePassword: true });
    expect((await nurse.agent.get('/api/staff/cases').expect(403)).body.error.code).toBe('password_change_required');
    expect((await nurse.agent.get('/api/staff/session').expect(200)).body.user.mustChangePassword).toBe(true);
    await nurse.agent.post('/api/staff/password').send({ currentPassword: temporary, newPassword: 'her-own-password-9' }).expect(403);
    await post(nurse, '/password', { currentPassword: 'wrong-one-entirely', newPassword: 'her-own-password-9' }).expect(403);
    await post(nurse, '/password', { currentPassword: temporary, newPassword: temporary }).expect(400);
    const changed = await post(nurse, '/password', { currentPassword: temporary, newPassword: 'her-own-password-9' }).expect(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
    // The response carried a fresh session and CSRF token.
    await nurse.agent.get('/api/staff/cases').expect(200);
    await nurse.agent.post('/api/staff/cases/x/claim').set('X-CSRF-Token', changed.body.csrfToken as string).expect(404);

    await request(ctx.app).post('/api/staff/login').send({ email: NURSE.email, password: temporary }).expect(401);
    await request(ctx.app).post('/api/staff/login').send({ email: NURSE.email, password: 'her-own-password-9' }).expect(200);
    expect(await auditActions(ctx, id)).toEqual(['password.change', 'user.password_reset']);
  }, 60_000);

  it('lifts a lock after failed sign-ins, and the unlock is audited', async () => {
    const ctx = await buildStaffApp();
    for (let i = 0; i < 10; i++) await request(ctx.app).post('/api/staff/login').set('X-Forwarded-For', `203.0.113.${i}`).send({ ...NURSE, password: 'wrong-password-1' });
    const admin = await signIn(ctx, ADMIN);
    const id = await userId(ctx, NURSE.email);
    const listed = await admin.agent.get('/api/staff/users').expect(200);
    expect(listed.body.users.find((u: { id: string }) => u.id === id)).toMatchObject({ locked: true, active: true });
    await post(admin, `/users/${id}/unlock`).expect(200);
    await request(ctx.app).post('/api/staff/login').send(NURSE).expect(200);
    expect(await auditActions(ctx, id)).toEqual(expect.arrayContaining(['user.unlock', 'account.locked']));
  }, 60_000);
});
