// The clinic's waiting-time targets: from the clinic file (defaults for a file written before they
// existed), served to signed-in staff only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { ClinicSchema, DEFAULT_WAIT_TARGETS } from '../../src/config/clinic';
import { NURSE, buildStaffApp, signIn } from './helpers';

const demo = parseYaml(readFileSync(join(__dirname, '..', '..', 'clinic', 'demo-clinic.yaml'), 'utf8')) as Record<string, unknown>;

describe('waiting-time targets', () => {
  it('a clinic file without targets gets the defaults; a partial one keeps the other defaults', () => {
    const { waitTargetsMinutes: _omitted, ...older } = demo;
    expect(ClinicSchema.parse(older).waitTargetsMinutes).toEqual({ emergency: 5, urgent: 30, routine: 1440, self_care: null });
    expect(ClinicSchema.parse({ ...older, waitTargetsMinutes: { urgent: 20 } }).waitTargetsMinutes).toEqual({ ...DEFAULT_WAIT_TARGETS, urgent: 20 });
    expect(ClinicSchema.safeParse({ ...older, waitTargetsMinutes: { urgent: 0 } }).success).toBe(false);
    expect(ClinicSchema.safeParse({ ...older, waitTargetsMinutes: { critical: 3 } }).success).toBe(false);
  });

  it('GET /api/staff/settings: 401 without a session, the targets with one', async () => {
    const ctx = await buildStaffApp();
    await request(ctx.app).get('/api/staff/settings').expect(401);
    const nurse = await signIn(ctx, NURSE);
    const res = await nurse.agent.get('/api/staff/settings').expect(200);
    expect(res.body.waitTargetsMinutes).toEqual(ctx.services.clinic.waitTargetsMinutes);
    expect(res.body.waitTargetsMinutes.emergency).toBe(5);
  }, 60_000);
});
