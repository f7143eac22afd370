// The lead nurse's numbers over HTTP: per day, language and channel; time to a nurse's first action
// per urgency; overrides up and down per protocol and per language; cases awaiting a person now;
// JSON and CSV; any signed-in staff member, audited; 401 without a session.
import request from 'supertest';
import { percentile } from '../../src/staff/metrics';
import type { TestContext } from '../helpers/test-services';
import { ADMIN, NURSE, buildStaffApp, seedCase, signIn, type StaffClient } from './helpers';

const T0 = Date.parse('2026-03-02T15:00:00Z'); // 10:00 at the demo clinic (America/New_York)
const minutes = (n: number): number => n * 60_000;

describe('staff metrics', () => {
  let clock = T0;
  let ctx: TestContext;
  let nurse: StaffClient;

  beforeAll(async () => {
    ctx = await buildStaffApp({ now: () => new Date(clock) });
    const at = new Date(T0);
    const a = await seedCase(ctx, { protocol: 'chest_pain' }, at);
    const b = await seedCase(ctx, { protocol: 'chest_pain', language: 'es' }, at);
    const c = await seedCase(ctx, { disposition: 'urgent', protocol: 'fever_adult', language: 'es', channel: 'sms' }, at);
    await seedCase(ctx, { disposition: 'routine', protocol: 'rash' }, at);
    await seedCase(ctx, { disposition: 'urgent', protocol: 'staff_request', reasons: [{ code: 'patient_requested_staff', text: 'Asked for a person' }] }, at);
    nurse = await signIn(ctx, NURSE);
    const post = (path: string, body: object = {}) => nurse.agent.post(`/api/staff/cases/${path}`).set('X-CSRF-Token', nurse.csrf).send(body).expect(200);
    clock = T0 + minutes(4);
    await post(`${a}/claim`);
    clock = T0 + minutes(12);
    await post(`${b}/claim`);
    clock = T0 + minutes(20);
    await post(`${c}/override`, { disposition: 'emergency', reason: 'sounds worse on the phone' });
    clock = T0 + minutes(30);
    await post(`${c}/claim`);
  }, 60_000);

  it('computes the numbers for a day', async () => {
    const res = await nurse.agent.get('/api/staff/metrics?from=2026-03-02&to=2026-03-02').expect(200);
    const m = res.body;
    expect(m).toMatchObject({ from: '2026-03-02', to: '2026-03-02', timezone: 'America/New_York', total: 5, truncated: false });
    // Counted by the disposition the triage gave (the override of c comes later, below).
    expect(m.perDay).toEqual([{ day: '2026-03-02', total: 5, byDisposition: { emergency: 2, urgent: 2, routine: 1, self_care: 0 } }]);
    expect(m.timeToClaim.emergency).toEqual({ count: 2, medianMinutes: 4, p90Minutes: 12 });
    // The urgent case nobody has taken yet has no time to claim: it is in awaitingNow.
    expect(m.timeToClaim.urgent).toEqual({ count: 1, medianMinutes: 30, p90Minutes: 30 });
    expect(m.timeToClaim.self_care).toEqual({ count: 0, medianMinutes: null, p90Minutes: null });
    const es = m.byLanguage.find((l: { language: string }) => l.language === 'es');
    expect(es).toMatchObject({ cases: 2, up: 1, down: 0, upRate: 0.5, byDisposition: { emergency: 1, urgent: 1 }, timeToClaim: { count: 2, medianMinutes: 12, p90Minutes: 30 } });
    expect(m.byLanguage.find((l: { language: string }) => l.language === 'en')).toMatchObject({ cases: 3, up: 0, upRate: 0 });
    expect(m.byChannel).toEqual([
      { channel: 'sms', cases: 1, byDisposition: { emergency: 0, urgent: 1, routine: 0, self_care: 0 } },
      { channel: 'webchat', cases: 4, byDisposition: { emergency: 2, urgent: 1, routine: 1, self_care: 0 } },
    ]);
    expect(m.overridesByProtocol.find((p: { protocol: string }) => p.protocol === 'fever_adult')).toEqual({ protocol: 'fever_adult', cases: 1, up: 1, down: 0, upRate: 1, downRate: 0 });
    expect(m.awaitingNow).toEqual({ open: 1, askedForPerson: 1, byDisposition: { emergency: 0, urgent: 1, routine: 0, self_care: 0 } });
    // Nothing a patient said.
    expect(JSON.stringify(m)).not.toMatch(/drooping|sounds worse|Signs of a stroke/);
  });

  it('exports the same numbers as CSV', async () => {
    const res = await nurse.agent.get('/api/staff/metrics?from=2026-03-02&to=2026-03-02&format=csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="triage-metrics-2026-03-02-to-2026-03-02.csv"');
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('section,group,measure,value');
    expect(lines).toEqual(expect.arrayContaining([
      'cases_per_day,2026-03-02,emergency,2',
      'time_to_claim,emergency,median_minutes,4',
      'time_to_claim,emergency,p90_minutes,12',
      'overrides_by_language,es,up_rate,0.5',
      'awaiting_now,all,asked_for_person,1',
    ]));
  });

  it('a day with no cases is empty, not an error; a bad range is 400', async () => {
    const res = await nurse.agent.get('/api/staff/metrics?from=2026-03-03&to=2026-03-04').expect(200);
    expect(res.body).toMatchObject({ total: 0, perDay: [], byLanguage: [] });
    await nurse.agent.get('/api/staff/metrics?from=2026-03-05&to=2026-03-04').expect(400);
    await nurse.agent.get('/api/staff/metrics?from=yesterday').expect(400);
    await nurse.agent.get('/api/staff/metrics?from=2024-01-01&to=2026-03-04').expect(400);
    await nurse.agent.get('/api/staff/metrics?format=xml').expect(400);
  });

  it('any signed-in staff member reads them, and each read is audited; 401 without a session', async () => {
    await request(ctx.app).get('/api/staff/metrics').expect(401);
    const admin = await signIn(ctx, ADMIN);
    await admin.agent.get('/api/staff/metrics?from=2026-03-02&to=2026-03-02').expect(200);
    const reads = await ctx.services.repos.staff.audit.list({ action: 'metrics.read', limit: 50 });
    expect(reads.map((r) => r.actorEmail)).toEqual(expect.arrayContaining([NURSE.email, ADMIN.email]));
    expect(reads[0]!.detail).toMatchObject({ from: '2026-03-02', to: '2026-03-02' });
    // A safe method: no CSRF token needed to read; writing to it is not a route.
    await admin.agent.post('/api/staff/metrics').set('X-CSRF-Token', admin.csrf).send({}).expect(404);
  });
});

describe('percentile', () => {
  it('is the nearest rank', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  });
});
