// Admin-only routes: creating staff users and reading the audit log. Nurses get 403.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ADMIN, NURSE, buildStaffApp, seedCase, signIn } from './helpers';

describe('staff users (admin only)', () => {
  it('an admin creates a nurse (201) who can then sign in', async () => {
    const ctx = await buildStaffApp();
    const admin = await signIn(ctx, ADMIN);
    const res = await admin.agent.post('/api/staff/users').set('X-CSRF-Token', admin.csrf).send({ email: 'New.Nurse@Clinic.test', password: 'a-long-password-1', role: 'nurse' }).expect(201);
    expect(res.body.user).toEqual({ id: expect.any(String), email: 'new.nurse@clinic.test', role: 'nurse', displayName: null, createdAt: expect.any(String), locked: false, active: true, mustChangePassword: false });
    // No hash and no password (mustChangePassword is a flag, not a secret).
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash|a-long-password-1/i);
    await request(ctx.app).post('/api/staff/login').send({ email: 'new.nurse@clinic.test', password: 'a-long-password-1' }).expect(200);
    const listed = await admin.agent.get('/api/staff/users').expect(200);
    expect(listed.body.users.map((u: { email: string }) => u.email)).toContain('new.nurse@clinic.test');
  });

  it('refuses a duplicate email (409) and a bad body (400)', async () => {
    const ctx = await buildStaffApp();
    const admin = await signIn(ctx, ADMIN);
    const post = (body: object) => admin.agent.post('/api/staff/users').set('X-CSRF-Token', admin.csrf).send(body);
    await post({ email: NURSE.email.toUpperCase(), password: 'a-long-password-1', role: 'nurse' }).expect(409);
    await post({ email: 'x@clinic.test', password: 'short', role: 'nurse' }).expect(400);
    await post({ email: 'x@clinic.test', password: 'a-long-password-1', role: 'doctor' }).expect(400);
    await post({ email: 'not-an-email', password: 'a-long-password-1', role: 'nurse' }).expect(400);
  });

  it('401 without a session, 403 without the CSRF token, 403 for a nurse', async () => {
    const ctx = await buildStaffApp();
    const body = { email: 'x@clinic.test', password: 'a-long-password-1', role: 'nurse' };
    await request(ctx.app).post('/api/staff/users').send(body).expect(401);
    const admin = await signIn(ctx, ADMIN);
    await admin.agent.post('/api/staff/users').send(body).expect(403);
    const nurse = await signIn(ctx, NURSE);
    await nurse.agent.post('/api/staff/users').set('X-CSRF-Token', nurse.csrf).send(body).expect(403);
    await nurse.agent.get('/api/staff/users').expect(403);
    expect(await ctx.services.repos.staff.users.findByEmail('x@clinic.test')).toBeNull();
  });
});

describe('audit log', () => {
  it('a nurse cannot read the audit log (403); no session is 401', async () => {
    const ctx = await buildStaffApp();
    await request(ctx.app).get('/api/staff/audit').expect(401);
    const nurse = await signIn(ctx, NURSE);
    const res = await nurse.agent.get('/api/staff/audit').expect(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('an admin reads who did what to which case, newest first, filterable by case', async () => {
    // A clock that ticks on every read, so "newest first" has no ties.
    let tick = Date.parse('2026-03-02T09:00:00Z');
    const ctx = await buildStaffApp({ now: () => new Date((tick += 1000)) });
    const caseId = await seedCase(ctx);
    const nurse = await signIn(ctx, NURSE);
    await nurse.agent.get(`/api/staff/cases/${caseId}`).expect(200);
    await nurse.agent.post(`/api/staff/cases/${caseId}/claim`).set('X-CSRF-Token', nurse.csrf).expect(200);
    const admin = await signIn(ctx, ADMIN);
    const res = await admin.agent.get(`/api/staff/audit?caseId=${caseId}`).expect(200);
    // Reading the log is itself logged, first.
    expect(res.body.entries.map((e: { action: string }) => e.action)).toEqual(['audit.read', 'case.claim', 'case.read']);
    expect(res.body.entries[0]).toMatchObject({ actorEmail: ADMIN.email, caseId });
    expect(res.body.entries[1]).toMatchObject({ actorEmail: NURSE.email, caseId, at: expect.any(String) });
    const all = await admin.agent.get('/api/staff/audit?limit=500').expect(200);
    const actions = all.body.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['login', 'case.read', 'case.claim', 'audit.read']));
    await admin.agent.get('/api/staff/audit?action=nonsense').expect(400);
  });

  it('nothing in the app can delete or rewrite audit rows', () => {
    // The audit collection is reached only through AuditLog, which has no update or delete.
    const files = walk(join(__dirname, '..', '..', 'src'));
    const users = files.filter((f) => readFileSync(f, 'utf8').includes('auditCollection'));
    expect(users.map((f) => f.replace(/.*\/src\//, 'src/'))).toEqual(['src/staff/audit.ts']);
    const source = readFileSync(join(__dirname, '..', '..', 'src', 'staff', 'audit.ts'), 'utf8');
    expect(source).not.toMatch(/\.(deleteOne|deleteMany|updateOne|updateMany|findOneAndUpdate)\(/);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : [];
  });
}
