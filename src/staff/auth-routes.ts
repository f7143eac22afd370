// Signing in and out. A wrong password and an unknown email get the same 401 (same body, and the
// same argon2 cost); repeated failures for one email from one address are locked out for a while,
// and an account that fails from many addresses is locked whatever the address (login-throttle.ts).
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { HttpError, badRequest } from '../http/errors';
import { staffCaller, type SessionCookie } from './auth';
import type { StaffRepositories } from './repositories';
import { isActive, type StaffUserDoc } from './users';

export const LoginSchema = z.object({
  email: z.string().trim().min(3).max(254),
  // Bounded: argon2 hashes whatever it is given.
  password: z.string().min(1).max(1024),
});

const invalidCredentials = (): HttpError => new HttpError(401, 'invalid_credentials', 'The email or password is not correct.');

/**
 * A coarse per-process cap on login attempts per address, bounding the argon2 CPU an attacker can
 * burn; the per-account lockout that matters across instances is LoginThrottle, in the store.
 */
export function loginRateLimit(perMinute = 30): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    handler: (_req, _res, next) => next(new HttpError(429, 'rate_limited', 'Too many sign-in attempts; wait a minute.')),
  });
}

/**
 * No CSRF token exists before sign-in; a cross-site form cannot forge this request because only an
 * application/json body is parsed, and a cross-site JSON POST needs a CORS preflight we never grant.
 */
export function login(repos: StaffRepositories, cookie: SessionCookie): RequestHandler {
  return async (req, res) => {
    const parsed = LoginSchema.safeParse(req.body);
    if (!parsed.success) throw badRequest('Give an email and a password.', 'invalid_login');
    const { email, password } = parsed.data;
    const ip = req.ip ?? 'unknown';
    const lock = await repos.loginThrottle.locked(email, ip);
    if (lock) {
      res.setHeader('Retry-After', String(Math.ceil(lock.ms / 1000)));
      throw lock.scope === 'account'
        ? new HttpError(429, 'account_locked', 'This account is locked after repeated failed sign-ins. An administrator can unlock it; otherwise try again later.')
        : new HttpError(429, 'login_throttled', 'Too many failed sign-ins; try again later.');
    }
    const user = await repos.users.findByEmail(email);
    const ok = await repos.users.checkPassword(user, password);
    if (!user || !ok) {
      const accountLocked = await repos.loginThrottle.recordFailure(email, ip);
      // Only for real accounts: a row per unknown email would let the log fill with guesses.
      if (user) await repos.audit.record({ action: 'login.failed', actorId: user._id, actorEmail: user.email });
      if (user && accountLocked) await repos.audit.record({ action: 'account.locked', actorId: user._id, actorEmail: user.email, targetUserId: user._id });
      throw invalidCredentials();
    }
    await repos.loginThrottle.clear(email, ip);
    // Said only to someone who knows the password: it tells a stranger nothing.
    if (!isActive(user)) throw new HttpError(403, 'account_inactive', 'This account is deactivated. Ask an administrator.');
    // A fresh id on every sign-in: a session id planted before login is never promoted.
    const previous = cookie.read(req.header('cookie'));
    if (previous) await repos.sessions.destroy(previous);
    const { id, session } = await repos.sessions.create(user._id);
    await repos.audit.record({ action: 'login', actorId: user._id, actorEmail: user.email });
    cookie.set(res, id);
    res.json({ user: sessionUser(user), csrfToken: session.csrfToken });
  };
}

export function logout(repos: StaffRepositories, cookie: SessionCookie): RequestHandler {
  return async (_req, res) => {
    const caller = staffCaller(res);
    await repos.sessions.destroy(caller.sessionId);
    await repos.audit.record({ action: 'logout', actorId: caller.user._id, actorEmail: caller.user.email });
    cookie.clear(res);
    res.status(204).end();
  };
}

export const session: RequestHandler = (_req, res) => {
  const { user, session: s } = staffCaller(res);
  res.json({ user: sessionUser(user), csrfToken: s.csrfToken, idleTimeoutSeconds: Math.round((s.expiresAt.getTime() - s.lastSeenAt.getTime()) / 1000) });
};

function sessionUser(user: StaffUserDoc): Record<string, unknown> {
  return { email: user.email, role: user.role, displayName: user.displayName ?? null, mustChangePassword: user.mustChangePassword === true };
}

export const PasswordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(12).max(1024),
});

/**
 * The signed-in user chooses a new password (required after an admin's reset). Every session of the
 * account ends, this one too, and a fresh one is issued: a session opened with the old password
 * elsewhere does not survive the change.
 */
export function changePassword(repos: StaffRepositories, cookie: SessionCookie): RequestHandler {
  return async (req, res) => {
    const parsed = PasswordChangeSchema.safeParse(req.body);
    if (!parsed.success) throw badRequest('Give the current password and a new one of at least 12 characters.', 'invalid_password');
    const { user } = staffCaller(res);
    if (!(await repos.users.checkPassword(user, parsed.data.currentPassword))) throw new HttpError(403, 'wrong_password', 'The current password is not correct.');
    if (parsed.data.newPassword === parsed.data.currentPassword) throw badRequest('Choose a password different from the current one.', 'same_password');
    const updated = await repos.users.setPassword(user._id, parsed.data.newPassword, false);
    await repos.sessions.destroyForUser(user._id);
    const { id, session: fresh } = await repos.sessions.create(user._id);
    await repos.audit.record({ action: 'password.change', actorId: user._id, actorEmail: user.email, targetUserId: user._id });
    cookie.set(res, id);
    res.json({ user: sessionUser(updated ?? user), csrfToken: fresh.csrfToken });
  };
}
