// Admins manage staff accounts: create (nurses and other admins), list (with any sign-in lock),
// unlock after failed sign-ins, deactivate and reactivate, and reset a password (the user chooses
// a new one at next sign-in). Every change is audited; the clinic's last active admin cannot be
// deactivated, and an admin cannot deactivate their own account.
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { badRequest, conflict, notFound } from '../http/errors';
import { staffCaller, type StaffCaller } from './auth';
import type { AuditAction } from './audit';
import type { StaffRepositories } from './repositories';
import { EmailTakenError, STAFF_ROLES, isActive, type StaffUserDoc } from './users';

// Length over composition rules (NIST SP 800-63B); the same minimum as STAFF_ADMIN_PASSWORD.
const Password = z.string().min(12).max(1024);

export const NewUserSchema = z.object({
  email: z.email().max(254),
  password: Password,
  role: z.enum(STAFF_ROLES),
  displayName: z.string().trim().min(1).max(80).optional(),
});

export const PasswordResetSchema = z.object({ password: Password });

export const publicUser = (u: StaffUserDoc, locked = false): Record<string, unknown> => ({
  id: u._id,
  email: u.email,
  role: u.role,
  displayName: u.displayName ?? null,
  createdAt: u.createdAt,
  locked,
  active: isActive(u),
  mustChangePassword: u.mustChangePassword === true,
});

const UserIdSchema = z.string().regex(/^[\w-]{1,64}$/);

type IdParams = { id: string };

async function targetUser(repos: StaffRepositories, id: string): Promise<StaffUserDoc> {
  const parsed = UserIdSchema.safeParse(id);
  const user = parsed.success ? await repos.users.get(parsed.data) : null;
  if (!user) throw notFound('No such staff user.');
  return user;
}

const audit = (repos: StaffRepositories, caller: StaffCaller, action: AuditAction, target: StaffUserDoc): Promise<unknown> =>
  repos.audit.record({ action, actorId: caller.user._id, actorEmail: caller.user.email, targetUserId: target._id });

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

export function unlockUser(repos: StaffRepositories): RequestHandler<IdParams> {
  return async (req, res) => {
    const user = await targetUser(repos, req.params.id);
    await repos.loginThrottle.unlock(user.email);
    await audit(repos, staffCaller(res), 'user.unlock', user);
    res.json({ user: publicUser(user, false) });
  };
}

export function deactivateUser(repos: StaffRepositories): RequestHandler<IdParams> {
  return async (req, res) => {
    const user = await targetUser(repos, req.params.id);
    const caller = staffCaller(res);
    const lastAdmin = (): Promise<boolean> => (user.role === 'admin' ? repos.users.otherActiveAdmins(user._id).then((n) => n === 0) : Promise.resolve(false));
    if (await lastAdmin()) throw conflict('This is the last active admin; make another admin first.', 'last_admin');
    if (user._id === caller.user._id) throw conflict('You cannot deactivate your own account.', 'cannot_deactivate_self');
    const updated = (await repos.users.setActive(user._id, false)) ?? user;
    // Two admins deactivating each other at once (on any instances) both pass the check above;
    // looking again after the write catches it, and the account is put back.
    if (await lastAdmin()) {
      await repos.users.setActive(user._id, true);
      throw conflict('This is the last active admin; make another admin first.', 'last_admin');
    }
    await repos.sessions.destroyForUser(user._id);
    await audit(repos, caller, 'user.deactivate', user);
    res.json({ user: publicUser(updated) });
  };
}

export function reactivateUser(repos: StaffRepositories): RequestHandler<IdParams> {
  return async (req, res) => {
    const user = await targetUser(repos, req.params.id);
    const updated = (await repos.users.setActive(user._id, true)) ?? user;
    await audit(repos, staffCaller(res), 'user.reactivate', user);
    res.json({ user: publicUser(updated) });
  };
}

/**
 * The admin sets a temporary password and tells the user by a channel of the clinic's choosing; the
 * user must replace it at next sign-in. Their sessions end and any sign-in lock is lifted.
 */
export function resetPassword(repos: StaffRepositories): RequestHandler<IdParams> {
  return async (req, res) => {
    const user = await targetUser(repos, req.params.id);
    const parsed = PasswordResetSchema.safeParse(req.body);
    if (!parsed.success) throw badRequest('A temporary password needs at least 12 characters.', 'invalid_password');
    const updated = (await repos.users.setPassword(user._id, parsed.data.password, true)) ?? user;
    await repos.sessions.destroyForUser(user._id);
    await repos.loginThrottle.unlock(user.email);
    await audit(repos, staffCaller(res), 'user.password_reset', user);
    res.json({ user: publicUser(updated) });
  };
}
