// The calendar file (RFC 5545) and its signed link: a wrong or missing signature → 403.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { errorHandler } from '../../src/http/errors';
import { createLogger } from '../../src/observability/logger';
import { AppointmentRepository, type AppointmentDoc } from '../../src/scheduling/appointments';
import { buildIcs, escapeText, foldLine, icsLinkSigner } from '../../src/scheduling/ics';
import { schedulingRoutes } from '../../src/scheduling/routes';
import { MemoryStore } from '../../src/store/memory-engine';
import { Clock, clinic, i18n, local } from './fixtures';

const config = { dataKeys: [randomBytes(32)], publicUrl: 'https://clinic.example' };

async function setup(): Promise<{ app: express.Express; appointment: AppointmentDoc; repo: AppointmentRepository }> {
  const clock = new Clock(local('2026-11-25T09:00'));
  const repo = new AppointmentRepository(new MemoryStore(clock.now), clock.now);
  const start = local('2026-11-27T14:00');
  const appointment = await repo.book({ slot: { providerId: 'dr-lee', start, end: new Date(start.getTime() + 900_000) }, timezone: clinic.timezone, conversationId: 'sms:p1', language: 'fr' });
  const app = express();
  app.use(schedulingRoutes({ config, clinic, i18n, now: clock.now, repos: { appointments: repo } }));
  app.use(errorHandler(createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }))));
  return { app, appointment, repo };
}

describe('buildIcs', () => {
  it('writes a valid VEVENT in UTC with CRLF line ends and no PHI', async () => {
    const { appointment } = await setup();
    const ics = buildIcs(appointment, clinic, { summary: 'Appointment at Riverside', description: 'Reference X; call, please' }, new Date('2026-11-25T14:00:00Z'));
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(ics).toContain('DTSTART:20261127T190000Z'); // 14:00 EST
    expect(ics).toContain('DTEND:20261127T191500Z');
    expect(ics).toContain('DTSTAMP:20261125T140000Z');
    expect(ics).toContain(`UID:${appointment._id}@clinic-triage-bot`);
    expect(ics).toContain('DESCRIPTION:Reference X\\; call\\, please');
    expect(ics).toContain('STATUS:CONFIRMED');
    expect(ics).not.toContain('sms:p1');
  });

  it('escapes TEXT and folds long lines without splitting a character', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    const folded = foldLine(`SUMMARY:${'预约'.repeat(40)}`);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(lines.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(`SUMMARY:${'预约'.repeat(40)}`);
  });
});

describe('GET /appointments/:reference.ics', () => {
  it('serves the file for a correctly signed link, in the patient\'s language', async () => {
    const { app, appointment } = await setup();
    const url = new URL(icsLinkSigner(config).url(appointment.reference));
    const res = await request(app).get(url.pathname + url.search);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.headers['content-disposition']).toContain('.ics');
    expect(res.text).toContain('SUMMARY:Rendez-vous à Riverside Family Clinic');
  });

  it('answers 403 to a wrong, missing or another reference\'s signature', async () => {
    const { app, appointment } = await setup();
    const signer = icsLinkSigner(config);
    expect((await request(app).get(`/appointments/${appointment.reference}.ics?sig=${'A'.repeat(43)}`)).status).toBe(403);
    expect((await request(app).get(`/appointments/${appointment.reference}.ics`)).status).toBe(403);
    expect((await request(app).get(`/appointments/${appointment.reference}.ics?sig=${signer.sign('ABCDEF')}`)).status).toBe(403);
    // A signature from another deployment's key is worthless here.
    const foreign = icsLinkSigner({ dataKeys: [randomBytes(32)], publicUrl: config.publicUrl });
    expect((await request(app).get(`/appointments/${appointment.reference}.ics?sig=${foreign.sign(appointment.reference)}`)).status).toBe(403);
  });

  it('a correctly signed link to an unknown reference → 404; a cancelled one → STATUS:CANCELLED', async () => {
    const { app, appointment, repo } = await setup();
    const signer = icsLinkSigner(config);
    expect((await request(app).get(`/appointments/ABCDEF.ics?sig=${signer.sign('ABCDEF')}`)).status).toBe(404);
    await repo.cancel(appointment.reference);
    const res = await request(app).get(`/appointments/${appointment.reference}.ics?sig=${signer.sign(appointment.reference)}`);
    expect(res.text).toContain('STATUS:CANCELLED');
    expect(res.text).toContain('METHOD:CANCEL');
  });
});
