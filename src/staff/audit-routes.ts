// GET /api/staff/audit (admin only): newest first, filterable by case, actor and action, paged with
// `before`. Reading the audit log is itself audited.
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { badRequest } from '../http/errors';
import { AUDIT_ACTIONS } from './audit';
import { staffCaller } from './auth';
import type { StaffRepositories } from './repositories';

export const AuditQuerySchema = z.object({
  caseId: z.string().regex(/^[\w-]{1,64}$/).optional(),
  actorId: z.string().regex(/^[\w-]{1,64}$/).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  before: z.iso.datetime().transform((s) => new Date(s)).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function readAudit(repos: StaffRepositories): RequestHandler {
  return async (req, res) => {
    const parsed = AuditQuerySchema.safeParse(req.query);
    if (!parsed.success) throw badRequest('Invalid audit query.', 'invalid_query');
    const caller = staffCaller(res);
    await repos.audit.record({ action: 'audit.read', actorId: caller.user._id, actorEmail: caller.user.email, caseId: parsed.data.caseId ?? null });
    const rows = await repos.audit.list(parsed.data);
    res.json({
      entries: rows.map((r) => ({ id: r._id, at: r.at, action: r.action, actorId: r.actorId, actorEmail: r.actorEmail, caseId: r.caseId ?? null, targetUserId: r.targetUserId ?? null, detail: r.detail ?? null })),
    });
  };
}
