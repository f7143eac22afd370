// Who is asking: the session cookie, the signed-in staff user, the CSRF check and role checks.
// Routes read the caller with `staffCaller(res)` after `requireStaff`.
import { parse as parseCookie, serialize as serializeCookie } from 'cookie';
import type { RequestHandler, Response } from 'express';
import { HttpError, forbidden, unauthorized } from '../http/errors';
import type { StaffRepositories } from './repositories';
import { csrfMatches, type StaffSessionDoc } from './sessions';
import { isActive, type StaffRole, type StaffUserDoc } from './users';

/** Scoped to the API: the console's static files and the patient routes never carry it. */
const COOKIE_PATH = '/api/staff';

export interface StaffCaller {
  user: StaffUserDoc;
  session: StaffSessionDoc;
  sessionId: string;
}

interface StaffLocals {
  staff?: StaffCaller;
}

export function staffCaller(res: Response): StaffCaller {
  const caller = (res.locals as StaffLocals).staff;
  if (!caller) throw unauthorized();
  return caller;
}

export class SessionCookie {
  /** The __Secure- prefix makes browsers refuse the cookie unless it is Secure (__Host- would need Path=/). */
  readonly name: string;
  private readonly secure: boolean;

  /** In production the cookie is Secure even if PUBLIC_URL says http: the console must then be reached over https. */
  constructor(publicUrl: string, production = false) {
    this.secure = production || publicUrl.startsWith('https:');
    this.name = this.secure ? '__Secure-staff_session' : 'staff_session';
  }

  read(header: string | undefined): string | undefined {
    return header ? parseCookie(header)[this.name] : undefined;
  }

  set(res: Response, id: string): void {
    // No Max-Age: the cookie ends with the browser; the server's idle timeout ends it sooner.
    res.append('Set-Cookie', serializeCookie(this.name, id, { httpOnly: true, sameSite: 'strict', secure: this.secure, path: COOKIE_PATH }));
  }

  clear(res: Response): void {
    res.append('Set-Cookie', serializeCookie(this.name, '', { httpOnly: true, sameSite: 'strict', secure: this.secure, path: COOKIE_PATH, maxAge: 0 }));
  }
}

/** Header a client sets on requests it makes by itself (refreshing the queue), so they do not count as activity. */
export const BACKGROUND_HEADER = 'x-staff-background';

export function requireStaff(repos: StaffRepositories, cookie: SessionCookie): RequestHandler {
  return async (req, res, next) => {
    const id = cookie.read(req.header('cookie'));
    if (!id) throw unauthorized('Sign in to continue.');
    // The live feed is always background: an open console tab must not keep a session alive.
    const background = req.header(BACKGROUND_HEADER) === '1' || req.path === '/events';
    const session = await repos.sessions.resolve(id, !background);
    if (!session) throw unauthorized('Your session has ended; sign in again.');
    const user = await repos.users.get(session.userId);
    if (!user) throw unauthorized('Sign in to continue.');
    // Deactivation ends the sessions too; this covers one that raced it.
    if (!isActive(user)) {
      await repos.sessions.destroy(id);
      throw unauthorized('Sign in to continue.');
    }
    (res.locals as StaffLocals).staff = { user, session, sessionId: id };
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every state-changing route needs the session's CSRF token in X-CSRF-Token. */
export const requireCsrf: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  if (!csrfMatches(staffCaller(res).session, req.header('x-csrf-token'))) throw forbidden('The CSRF token is missing or wrong; reload the console.');
  next();
};

/** What a user whose password an admin reset may still do before choosing a new one. */
const BEFORE_PASSWORD_CHANGE = new Set(['/session', '/password', '/logout']);

export const requirePasswordChosen: RequestHandler = (req, res, next) => {
  if (staffCaller(res).user.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(req.path)) {
    throw new HttpError(403, 'password_change_required', 'Choose a new password first.');
  }
  next();
};

export function requireRole(role: StaffRole): RequestHandler {
  return (_req, res, next) => {
    if (staffCaller(res).user.role !== role) throw forbidden('This needs the admin role.');
    next();
  };
}

export const isAdmin = (caller: StaffCaller): boolean => caller.user.role === 'admin';
