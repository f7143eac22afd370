// createApp builds the Express app from ready services. No side effects: nothing listens,
// nothing connects; main.ts does that.
import express, { type Express } from 'express';
import helmet from 'helmet';
import { webChatRoutes } from './channels/directline/routes';
import { smsRoutes } from './channels/sms/routes';
import { staffRoutes } from './staff/routes';
import { teamsRoutes } from './channels/teams/routes';
import { errorHandler, notFoundHandler } from './http/errors';
import { healthRoutes } from './http/health';
import { refuseDeepJson } from './http/json-depth';
import { requestContext } from './http/request-context';
import { schedulingRoutes } from './scheduling/routes';
import type { Services } from './services';

export const JSON_BODY_LIMIT = '64kb';

export function createApp(services: Services): Express {
  const app = express();
  app.disable('x-powered-by');
  // Only these peers may name the client with X-Forwarded-For (TRUST_PROXY, default a proxy on this
  // host): anyone else's header is ignored, so rate limits and sign-in locks see the real address.
  app.set('trust proxy', services.config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // The widget may be embedded on the clinic's own site; the console and demo page load only our own files.
          'script-src': ["'self'"],
          'connect-src': ["'self'"],
          'frame-ancestors': ["'self'"],
        },
      },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  );
  app.use(requestContext(services.logger, services.metrics));
  app.use(healthRoutes(services.store, services.metrics));
  app.use(express.json({ limit: JSON_BODY_LIMIT, verify: refuseDeepJson }));
  app.use(express.urlencoded({ extended: false, limit: JSON_BODY_LIMIT }));

  // Feature routes are mounted here (one line each).
  app.use(schedulingRoutes(services));
  app.use(webChatRoutes(services));
  app.use(smsRoutes(services));
  app.use(teamsRoutes(services));
  app.use(staffRoutes(services));

  app.use(notFoundHandler);
  app.use(errorHandler(services.logger));
  return app;
}
