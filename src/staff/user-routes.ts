// Admins create staff accounts (nurses and other admins) and list them.
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { badRequest, conflict } from '../http/errors';
import { staffCaller } from './auth';
import type { StaffRepositories } from './repositories';
import { EmailTakenError, STAFF_ROLES, type StaffUserDoc } from './users';

export const NewUserSchema = z.object({
  email: z.email().max(254),
  // Length over composition rules (NIST SP 800-63B); the same minimum as STAFF_ADMIN_PASSWORD.
  password: z.string().min(12).max(1024),
  role: z.enum(STAFF_ROLES),
  displayName: z.string().trim().min(1).max(80).optional(),
});

export const publicUser = (u: StaffUserDoc): Record<string, unknown> => ({
  id: u._id,
  email: u.email,
  role: u.role,
  displayName: u.displayName ?? null,
  createdAt: u.createdAt,
});

export function createUser(repos: StaffRepositories): RequestHandler {
  return async (req, res) => {
    const parsed = NewUserSchema.safeParse(req.body);
    if (!parsed.success) throw badRequest(`Invalid user: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`, 'invalid_user');
    const caller = staffCaller(res);
    try {
      const user = await repos.users.create({ ...parsed.data, createdBy: caller.user._id });
      await repos.audit.record({ action: 'user.create', actorId: caller.user._id, actorEmail: caller.user.email, targetUserId: user._id, detail: { role: user.role } });
      res.status(201).json({ user: publicUser(user) });
    } catch (err) {
      if (err instanceof EmailTakenError) throw conflict('A staff user with this email exists.', 'email_taken');
      throw err;
    }
  };
}

export function listUsers(repos: StaffRepositories): RequestHandler {
  return async (_req, res) => {
    res.json({ users: (await repos.users.list()).map(publicUser) });
  };
}
