// The web chat feature: the Direct Line 3.0 subset of CONTRACTS.md under /v3/directline, the
// embeddable /widget.js and the demo page at /. Mounted by app.ts with one line.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { projectRoot } from '../../config/paths';
import { unavailable } from '../../http/errors';
import type { Services } from '../../services';
import { getActivities, postActivity } from './activities';
import { requireOwnConversation, requireToken } from './auth';
import { ClientActivityLog } from './client-activities';
import { generateToken, reconnectConversation, refreshToken, startConversation } from './conversations';
import { directLineCors } from './cors';
import { DEFAULT_LIMITS, createLimiters, type DirectLineLimits } from './limits';
import { DEFAULT_TOKEN_TTL_SECONDS, TokenService } from './tokens';

export interface WebChatOptions {
  limits?: Partial<DirectLineLimits>;
  tokenTtlSeconds?: number;
}

/** Not fingerprinted, so caches must come back soon for a new version to reach patients. */
const WIDGET_MAX_AGE_SECONDS = 300;

export function directLineRouter(services: Services, options: WebChatOptions = {}): Router {
  const tokens = new TokenService(services.config.dataKeys, services.now, options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS);
  const limit = createLimiters({ ...DEFAULT_LIMITS, ...options.limits });
  const auth = requireToken(tokens);
  const own = [auth, requireOwnConversation];
  const post = postActivity({ runtime: services.runtime, clientActivities: new ClientActivityLog(services.store, services.now), publicUrl: services.config.publicUrl });

  const router = Router();
  router.use(directLineCors(services.config.publicUrl, services.config.widgetAllowedOrigins));
  router.post('/tokens/generate', limit.generate, generateToken(tokens));
  router.post('/tokens/refresh', auth, limit.postByIp, refreshToken(tokens));
  router.post('/conversations', auth, limit.postByIp, startConversation(tokens, services.repos.conversations));
  router.get('/conversations/:conversationId', own, limit.readByIp, reconnectConversation(tokens));
  router.post('/conversations/:conversationId/activities', own, limit.postByIp, limit.postByConversation, post);
  router.get('/conversations/:conversationId/activities', own, limit.readByIp, getActivities(services.repos.transcripts));
  return router;
}

/** The built widget (npm run build → dist/public/widget.js) and the demo page (public/demo). */
export function widgetRouter(root = projectRoot()): Router {
  const widget = join(root, 'dist', 'public', 'widget.js');
  const router = Router();
  router.get('/widget.js', (_req, res, next) => {
    if (!existsSync(widget)) return next(unavailable('The chat widget is not built yet: run `npm run build`.', 'widget_not_built'));
    res.sendFile(widget, { maxAge: WIDGET_MAX_AGE_SECONDS * 1000, headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
  });
  router.use(express.static(join(root, 'public', 'demo'), { index: 'index.html', maxAge: WIDGET_MAX_AGE_SECONDS * 1000 }));
  return router;
}

export function webChatRoutes(services: Services, options: WebChatOptions = {}): Router {
  const router = Router();
  router.use('/v3/directline', directLineRouter(services, options));
  router.use(widgetRouter());
  return router;
}
