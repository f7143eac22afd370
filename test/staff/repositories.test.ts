// The staff repositories and the case workflow methods on every store engine (memory always,
// MongoDB when MONGODB_URI is set), so the filters and updates mean the same on both.
import { randomBytes } from 'node:crypto';
import { CaseRepository } from '../../src/repositories/cases';
import { FieldCipher } from '../../src/security/field-cipher';
import { createStaffRepositories } from '../../src/staff/repositories';
import { EmailTakenError } from '../../src/staff/users';
import type { Store } from '../../src/store/collection';
import { engines } from '../store/engines';

describe.each(engines())('staff repositories on $name', (engine) => {
  let store: Store;
  let now = new Date('2026-03-02T09:00:00Z');
  const clock = (): Date => now;

  beforeAll(async () => {
    store = await engine.create(clock);
    await store.init();
  });
  afterAll(async () => {
    await store.close();
  });

  const newCase = (cases: CaseRepository) =>
    cases.create({
      conversationId: `webchat:${randomBytes(6).toString('hex')}`, channel: 'webchat', language: 'en', disposition: 'urgent', protocol: 'fever',
      reasons: [{ code: 'r', text: 'reason' }], findings: [], handoverNote: 'note', handoverSource: 'template',
    });

  it('claims atomically: one holder, takeover only when asked, nothing on a resolved case', async () => {
    const cases = new CaseRepository(store, new FieldCipher([randomBytes(32)]), clock);
    const c = await newCase(cases);
    const [a, b] = await Promise.all([cases.claim(c._id, 'nurse-a'), cases.claim(c._id, 'nurse-b')]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const holder = (a ?? b)!.claimedBy!;
    const other = holder === 'nurse-a' ? 'nurse-b' : 'nurse-a';
    expect(await cases.claim(c._id, other)).toBeNull();
    expect(await cases.release(c._id, other)).toBeNull();
    expect((await cases.claim(c._id, 'admin', true))?.claimedBy).toBe('admin');
    expect(await cases.override(c._id, { by: holder, from: 'urgent', to: 'emergency', reason: 'x' })).toBeNull();
    const o = await cases.override(c._id, { by: 'admin', from: 'urgent', to: 'emergency', reason: 'worse' });
    expect(o).toMatchObject({ disposition: 'emergency', urgency: 0, overrides: [{ by: 'admin', from: 'urgent', to: 'emergency' }] });
    // Typed by staff, so PHI: encrypted at rest, readable for the case view.
    expect(o!.overrides[0]!.reason).not.toContain('worse');
    expect(cases.overrides(o!)[0]!.reason).toBe('worse');
    // A stale "from" fails instead of rewriting the newer disposition.
    expect(await cases.override(c._id, { by: 'admin', from: 'urgent', to: 'routine', reason: 'stale' })).toBeNull();
    expect((await cases.release(c._id, 'admin'))?.status).toBe('open');
    const resolved = await cases.resolve(c._id, 'nurse-a', 'called back');
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: now });
    expect(cases.resolutionNote(resolved!)).toBe('called back');
    expect(await cases.claim(c._id, 'admin', true)).toBeNull();
    expect(await cases.resolve(c._id, 'admin', 'again', true)).toBeNull();
  });

  it('lists cases changed since a time, oldest change first', async () => {
    const cases = new CaseRepository(store, new FieldCipher([randomBytes(32)]), clock);
    now = new Date('2026-03-03T09:00:00Z');
    const first = await newCase(cases);
    now = new Date('2026-03-03T09:00:05Z');
    const second = await newCase(cases);
    now = new Date('2026-03-03T09:00:10Z');
    await cases.claim(first._id, 'nurse-a');
    const changed = await cases.listChangedSince(new Date('2026-03-03T09:00:03Z'));
    expect(changed.map((c) => c._id)).toEqual([second._id, first._id]);
  });

  it('users: unique email whatever its case; argon2id hashes; password check', async () => {
    const { users } = createStaffRepositories(store, clock);
    const u = await users.create({ email: 'Ana@Clinic.test', password: 'a-long-password-1', role: 'nurse' });
    expect(u.passwordHash).toMatch(/^\$argon2id\$/);
    await expect(users.create({ email: 'ana@clinic.TEST', password: 'another-password', role: 'admin' })).rejects.toBeInstanceOf(EmailTakenError);
    const found = await users.findByEmail(' ANA@clinic.test ');
    expect(await users.checkPassword(found, 'a-long-password-1')).toBe(true);
    expect(await users.checkPassword(found, 'wrong')).toBe(false);
    expect(await users.checkPassword(null, 'a-long-password-1')).toBe(false);
    expect((await users.emailsById([u._id, 'nobody'])).get(u._id)).toBe('ana@clinic.test');
  });

  it('sessions: idle timeout, absolute lifetime, destroy', async () => {
    const { sessions } = createStaffRepositories(store, clock);
    now = new Date('2026-03-04T08:00:00Z');
    const { id } = await sessions.create('user-1');
    for (let i = 0; i < 24; i++) {
      now = new Date(now.getTime() + 29 * 60_000);
      expect(await sessions.resolve(id, true)).not.toBeNull();
    }
    // 24 × 29 min = 11 h 36 min; 29 more pass the 12-hour cap, which ends it although it is active.
    now = new Date(now.getTime() + 29 * 60_000);
    expect(await sessions.resolve(id, true)).toBeNull();
    const second = await sessions.create('user-1');
    await sessions.destroy(second.id);
    expect(await sessions.resolve(second.id, true)).toBeNull();
  });

  it('login throttle: locks after the limit, per key, and lapses', async () => {
    const { loginThrottle } = createStaffRepositories(store, clock);
    now = new Date('2026-03-05T08:00:00Z');
    const key = loginThrottle.key('ana@clinic.test', '10.0.0.1');
    expect(loginThrottle.key('ANA@clinic.test', '10.0.0.1')).toBe(key);
    for (let i = 0; i < 4; i++) await loginThrottle.recordFailure('ana@clinic.test', '10.0.0.1');
    expect(await loginThrottle.lockedForMs(key)).toBe(0);
    await loginThrottle.recordFailure('ana@clinic.test', '10.0.0.1');
    expect(await loginThrottle.locked('ana@clinic.test', '10.0.0.1')).toEqual({ scope: 'address', ms: 15 * 60_000 });
    expect(await loginThrottle.locked('ana@clinic.test', '10.0.0.2')).toBeUndefined();
    now = new Date(now.getTime() + 15 * 60_000 + 1);
    expect(await loginThrottle.lockedForMs(key)).toBe(0);
  });

  it('login throttle: locks the account whatever the addresses, until it lapses or an admin unlocks it', async () => {
    const { loginThrottle } = createStaffRepositories(store, clock);
    now = new Date('2026-03-05T10:00:00Z');
    let lockedNow = false;
    for (let i = 0; i < 10; i++) lockedNow = await loginThrottle.recordFailure('bo@clinic.test', `10.1.0.${i}`);
    expect(lockedNow).toBe(true);
    expect(await loginThrottle.locked('BO@clinic.test', '10.9.9.9')).toEqual({ scope: 'account', ms: 60 * 60_000 });
    expect(await loginThrottle.lockedAccounts(['bo@clinic.test', 'ana@clinic.test'])).toEqual(new Set(['bo@clinic.test']));
    await loginThrottle.unlock('bo@clinic.test');
    expect(await loginThrottle.locked('bo@clinic.test', '10.9.9.9')).toBeUndefined();
    expect(await loginThrottle.lockedAccounts(['bo@clinic.test'])).toEqual(new Set());
  });

  it('audit: appends and lists newest first with filters', async () => {
    const { audit } = createStaffRepositories(store, clock);
    now = new Date('2026-03-06T08:00:00Z');
    await audit.record({ action: 'case.read', actorId: 'u1', actorEmail: 'a@x.test', caseId: 'c1' });
    now = new Date('2026-03-06T08:01:00Z');
    await audit.record({ action: 'case.claim', actorId: 'u1', actorEmail: 'a@x.test', caseId: 'c1' });
    await audit.record({ action: 'case.read', actorId: 'u2', actorEmail: 'b@x.test', caseId: 'c2' });
    expect((await audit.list({ caseId: 'c1' })).map((r) => r.action)).toEqual(['case.claim', 'case.read']);
    expect(await audit.list({ actorId: 'u2' })).toHaveLength(1);
    expect(await audit.list({ caseId: 'c1', before: new Date('2026-03-06T08:00:30Z') })).toHaveLength(1);
  });
});
