// GET /api/staff/metrics?from=YYYY-MM-DD&to=YYYY-MM-DD[&format=csv]: the lead nurse's numbers for
// the days from..to (the clinic's days, in its time zone), as JSON or CSV. Any signed-in staff
// member may read them (they hold no PHI); each read is audited like the rest of the console.
import type { RequestHandler } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { badRequest } from '../http/errors';
import type { Services } from '../services';
import { staffCaller } from './auth';
import { computeMetrics, metricsCsv } from './metrics';

const MAX_CASES = 20_000;
const MAX_DAYS = 366;
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const QuerySchema = z.object({ from: Day.optional(), to: Day.optional(), format: z.enum(['json', 'csv']).default('json') });

export function readMetrics(services: Services): RequestHandler {
  return async (req, res) => {
    const parsed = QuerySchema.safeParse(req.query);
    if (!parsed.success) throw badRequest('Give from and to as YYYY-MM-DD.', 'invalid_query');
    const zone = services.clinic.timezone;
    const today = DateTime.fromJSDate(services.now(), { zone }).startOf('day');
    const to = parsed.data.to ? DateTime.fromISO(parsed.data.to, { zone }) : today;
    const from = parsed.data.from ? DateTime.fromISO(parsed.data.from, { zone }) : to.minus({ days: 6 });
    if (!from.isValid || !to.isValid || from > to || to.diff(from, 'days').days > MAX_DAYS) throw badRequest(`from must be a day before to, at most ${MAX_DAYS} days apart.`, 'invalid_query');

    const { cases: repo, staff } = services.repos;
    const cases = await repo.list({ createdAt: { $gte: from.toJSDate(), $lt: to.plus({ days: 1 }).toJSDate() } }, MAX_CASES);
    const [firstActionAt, openNow] = await Promise.all([
      staff.audit.firstAt(cases.filter((c) => c.escalated).map((c) => c._id), ['case.claim', 'case.reply', 'case.resolve']),
      repo.list({ status: 'open' }, MAX_CASES),
    ]);
    const caller = staffCaller(res);
    await staff.audit.record({ action: 'metrics.read', actorId: caller.user._id, actorEmail: caller.user.email, detail: { from: from.toISODate(), to: to.toISODate(), format: parsed.data.format } });
    const metrics = computeMetrics({ from: from.toISODate(), to: to.toISODate(), timezone: zone, cases, truncated: cases.length >= MAX_CASES, firstActionAt, openNow });
    if (parsed.data.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="triage-metrics-${metrics.from}-to-${metrics.to}.csv"`);
      res.send(metricsCsv(metrics));
      return;
    }
    res.json(metrics);
  };
}
