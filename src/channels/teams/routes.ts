// POST /api/messages: the Bot Framework messaging endpoint (Teams, the Bot Framework Emulator,
// other Azure Bot Service channels). express.json() is applied app-wide before this route.
import { Router } from 'express';
import { badRequest, forbidden, unauthorized, unavailable } from '../../http/errors';
import { isAuthenticationFailure, isKeyServiceUnreachable, teamsAdapter, type TeamsDeps } from './adapter';
import { parseInboundActivity } from './activity-schema';

export function teamsRoutes(deps: TeamsDeps): Router {
  const router = Router();
  router.post('/api/messages', async (req, res) => {
    // Without an app id nothing proves who is calling: emulator mode is for development only.
    if (!deps.config.microsoftApp.appId && deps.config.nodeEnv === 'production') {
      throw unavailable('Teams is not configured on this service: set MicrosoftAppId and MicrosoftAppPassword.', 'teams_not_configured');
    }
    const activity = parseInboundActivity(req.body);
    if (!activity) throw badRequest('The request body is not a valid Bot Framework activity.', 'malformed_activity');
    // Without an app id nothing proves who is calling, and the bot would POST its replies to any
    // serviceUrl a caller names: local emulator mode only answers a channel on this machine.
    if (!deps.config.microsoftApp.appId && !isLoopback(activity.serviceUrl)) {
      throw forbidden('Without MicrosoftAppId only a local Bot Framework Emulator (serviceUrl on localhost) is served.');
    }
    const adapter = teamsAdapter(deps);
    let invoke;
    try {
      invoke = await adapter.handle(req.header('authorization') ?? '', activity, (ctx) => deps.runtime.bot.run(ctx));
    } catch (err) {
      if (isAuthenticationFailure(err)) throw unauthorized('A valid Bot Framework token is required.');
      if (isKeyServiceUnreachable(err)) throw unavailable('The Bot Framework token cannot be checked right now. Please retry.', 'token_check_unavailable');
      throw err;
    }
    // Invoke activities and deliveryMode "expectReplies" answer in the body; everything else is a plain 200.
    if (invoke) res.status(invoke.status).json(invoke.body ?? {});
    else res.status(200).end();
  });
  return router;
}

function isLoopback(serviceUrl: string): boolean {
  const host = new URL(serviceUrl).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
