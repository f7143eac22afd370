// The case queue and case actions under /api/staff/cases. Each handler validates its input with
// zod, calls CaseActions, and answers with the case as it is now.
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { badRequest } from '../http/errors';
import type { Filter } from '../store/collection';
import type { Services } from '../services';
import { DISPOSITIONS, LANGUAGES } from '../triage/types';
import { staffCaller } from './auth';
import type { CaseActions } from './case-actions';
import { caseDetail, summarizeAll } from './case-view';

type IdParams = { id: string };

/** "a,b" → ["a","b"], each checked against the allowed values. */
const csvOf = <T extends string>(values: readonly [T, ...T[]]): z.ZodType<T[], string> =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

export const CaseQuerySchema = z.object({
  status: csvOf(['open', 'claimed', 'resolved']).default(['open', 'claimed']),
  disposition: csvOf(DISPOSITIONS).optional(),
  language: csvOf(LANGUAGES).optional(),
  channel: z.string().regex(/^[a-z][a-z0-9_-]{0,30}(,[a-z][a-z0-9_-]{0,30})*$/).transform((s) => s.split(',')).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

const IdSchema = z.string().regex(/^[\w-]{1,64}$/);
export const ReplySchema = z.object({ text: z.string().trim().min(1).max(1600) });
export const OverrideSchema = z.object({ disposition: z.enum(DISPOSITIONS), reason: z.string().trim().min(3).max(1000) });
export const ResolveSchema = z.object({ note: z.string().trim().min(1).max(4000) });

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(`Invalid ${what}: ${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}`, `invalid_${what}`);
  return parsed.data;
}

const caseId = (params: IdParams): string => parse(IdSchema, params.id, 'id');

export function listCases(services: Services): RequestHandler {
  return async (req, res) => {
    const q = parse(CaseQuerySchema, req.query, 'query');
    const filter: Filter = { status: { $in: q.status } };
    if (q.disposition) filter.disposition = { $in: q.disposition };
    if (q.language) filter.language = { $in: q.language };
    if (q.channel) filter.channel = { $in: q.channel };
    const docs = await services.repos.cases.list(filter, q.limit);
    res.json({ cases: await summarizeAll(services, docs) });
  };
}

export function readCase(services: Services, actions: CaseActions): RequestHandler<IdParams> {
  return async (req, res) => {
    const doc = await actions.load(caseId(req.params));
    const caller = staffCaller(res);
    // The audit row comes first: if it cannot be written, nothing is shown.
    await services.repos.staff.audit.record({ action: 'case.read', actorId: caller.user._id, actorEmail: caller.user.email, caseId: doc._id });
    res.json(await caseDetail(services, doc));
  };
}

export function claimCase(services: Services, actions: CaseActions): RequestHandler<IdParams> {
  return async (req, res) => {
    const doc = await actions.claim(staffCaller(res), caseId(req.params));
    res.json({ case: (await summarizeAll(services, [doc]))[0] });
  };
}

export function replyToCase(services: Services, actions: CaseActions): RequestHandler<IdParams> {
  return async (req, res) => {
    const { text } = parse(ReplySchema, req.body, 'reply');
    const { case: doc, delivery } = await actions.reply(staffCaller(res), caseId(req.params), text);
    // Delivery that failed (opted out, channel not configured) is still a 200: the reply was
    // accepted and audited; `delivered: false` tells the nurse to reach the patient another way.
    res.json({ case: (await summarizeAll(services, [doc]))[0], delivered: delivery.delivered, reason: delivery.reason ?? null, activityId: delivery.activityId ?? null });
  };
}

export function overrideCase(services: Services, actions: CaseActions): RequestHandler<IdParams> {
  return async (req, res) => {
    const { disposition, reason } = parse(OverrideSchema, req.body, 'override');
    const doc = await actions.override(staffCaller(res), caseId(req.params), disposition, reason);
    res.json({ case: (await summarizeAll(services, [doc]))[0] });
  };
}

export function resolveCase(services: Services, actions: CaseActions): RequestHandler<IdParams> {
  return async (req, res) => {
    const { note } = parse(ResolveSchema, req.body, 'resolve');
    const doc = await actions.resolve(staffCaller(res), caseId(req.params), note);
    res.json({ case: (await summarizeAll(services, [doc]))[0] });
  };
}

export function handbackCase(services: Services, actions: CaseActions): RequestHandler<IdParams> {
  return async (req, res) => {
    const doc = await actions.handback(staffCaller(res), caseId(req.params));
    res.json({ case: (await summarizeAll(services, [doc]))[0] });
  };
}
