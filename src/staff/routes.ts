// The staff feature: the JSON API under /api/staff (every route but login needs a session; every
// state-changing one the CSRF token) and the console at /staff. Mounted by app.ts with one line.
import { Router, type RequestHandler } from 'express';
import { HttpError } from '../http/errors';
import type { Services } from '../services';
import { readAudit } from './audit-routes';
import { SessionCookie, requireCsrf, requirePasswordChosen, requireRole, requireStaff } from './auth';
import { changePassword, login, loginRateLimit, logout, session } from './auth-routes';
import { CaseActions } from './case-actions';
import { CaseFeed, DEFAULT_FEED_OPTIONS, type CaseFeedOptions } from './case-feed';
import { claimCase, handbackCase, listCases, overrideCase, readCase, replyToCase, resolveCase } from './case-routes';
import { summarizeAll } from './case-view';
import { consoleRoutes } from './console-routes';
import { DEFAULT_HEARTBEAT_MS, caseEvents } from './events-route';
import { heldConversationChanges } from './held-conversations';
import { readMetrics } from './metrics-route';
import { consoleSettings } from './settings-route';
import { createUser, deactivateUser, listUsers, reactivateUser, resetPassword, unlockUser } from './user-routes';

export interface StaffRouteOptions {
  feed?: Partial<CaseFeedOptions>;
  heartbeatMs?: number;
  loginAttemptsPerMinute?: number;
}

/** API responses hold PHI: never cached by the browser or a proxy. */
const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/**
 * Staff routes read JSON only. A form-encoded (or text/plain) body is what a page on another site
 * can make a nurse's browser send without a CORS preflight: signing her into an attacker's account,
 * for one. A request without a body (sign out) passes.
 */
const jsonOnly: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.header('content-length') ?? 0) > 0 || req.header('transfer-encoding') !== undefined;
  if (hasBody && !req.is('application/json')) throw new HttpError(415, 'unsupported_media_type', 'The staff API accepts JSON bodies only (Content-Type: application/json).');
  next();
};

export function staffApiRouter(services: Services, options: StaffRouteOptions = {}): Router {
  const repos = services.repos.staff;
  const cookie = new SessionCookie(services.config.publicUrl, services.config.nodeEnv === 'production');
  const actions = new CaseActions(services);
  const feed = new CaseFeed(
    { cases: services.repos.cases, summarize: (docs) => summarizeAll(services, docs), conversationChanges: heldConversationChanges(services.store, services.repos.cases) },
    services.logger,
    services.now,
    { ...DEFAULT_FEED_OPTIONS, ...options.feed },
  );
  const admin = requireRole('admin');

  const router = Router();
  router.use(noStore, jsonOnly);
  router.post('/login', loginRateLimit(options.loginAttemptsPerMinute), login(repos, cookie));
  // Everything below needs a signed-in staff member, and the CSRF token on state changes.
  router.use(requireStaff(repos, cookie), requireCsrf, requirePasswordChosen);
  router.get('/session', session);
  router.get('/settings', consoleSettings(services.clinic));
  router.post('/logout', logout(repos, cookie));
  router.post('/password', changePassword(repos, cookie));
  router.get('/users', admin, listUsers(repos));
  router.post('/users', admin, createUser(repos));
  router.post('/users/:id/unlock', admin, unlockUser(repos));
  router.post('/users/:id/deactivate', admin, deactivateUser(repos));
  router.post('/users/:id/reactivate', admin, reactivateUser(repos));
  router.post('/users/:id/reset-password', admin, resetPassword(repos));
  router.get('/cases', listCases(services));
  router.get('/cases/:id', readCase(services, actions));
  router.post('/cases/:id/claim', claimCase(services, actions));
  router.post('/cases/:id/reply', replyToCase(services, actions));
  router.post('/cases/:id/override', overrideCase(services, actions));
  router.post('/cases/:id/resolve', resolveCase(services, actions));
  router.post('/cases/:id/handback', handbackCase(services, actions));
  router.get('/events', caseEvents(feed, repos, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS));
  router.get('/audit', admin, readAudit(repos));
  router.get('/metrics', readMetrics(services));
  return router;
}

export function staffRoutes(services: Services, options: StaffRouteOptions = {}): Router {
  const router = Router();
  router.use('/api/staff', staffApiRouter(services, options));
  router.use(consoleRoutes(services.i18n));
  return router;
}
