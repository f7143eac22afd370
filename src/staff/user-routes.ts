// Admins create staff accounts (nurses and other admins), list them (with any sign-in lock), and
// unlock an account locked after repeated failed sign-ins.
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { badRequest, conflict, notFound } from '../http/errors';
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

export const publicUser = (u: StaffUserDoc, locked = false): Record<string, unknown> => ({
  id: u._id,
  email: u.email,
  role: u.role,
  displayName: u.displayName ?? null,
  createdAt: u.createdAt,
  locked,
});

const UserIdSchema = z.string().regex(/^[\w-]{1,64}$/);

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
    const users = await repos.users.list();
    const locked = await repos.loginThrottle.lockedAccounts(users.map((u) => u.email));
    res.json({ users: users.map((u) => publicUser(u, locked.has(u.email))) });
  };
}

export function unlockUser(repos: StaffRepositories): RequestHandler<{ id: string }> {
  return async (req, res) => {
    const id = UserIdSchema.safeParse(req.params.id);
    const user = id.success ? await repos.users.get(id.data) : null;
    if (!user) throw notFound('No such staff user.');
    const caller = staffCaller(res);
    await repos.loginThrottle.unlock(user.email);
    await repos.audit.record({ action: 'user.unlock', actorId: caller.user._id, actorEmail: caller.user.email, targetUserId: user._id });
    res.json({ user: publicUser(user, false) });
  };
}
