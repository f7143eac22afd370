// The SMS channel's routes: Twilio's messaging webhook and its status callback, both signed.
import { Router } from 'express';
import type { Services } from '../../services';
import { smsInboundHandler } from './inbound';
import { lateSmsSender } from './late-reply';
import { requireTwilio, verifyTwilioSignature } from './signature';
import { smsStatusHandler } from './status';
import { smsStores } from './stores';

export function smsRoutes(services: Services): Router {
  const { config } = services;
  const stores = smsStores(services.store, services.cipher, config.conversationRetentionDays * 24 * 3600 * 1000, services.now, config.turnBudgetMs);
  const router = Router();
  const guard = [requireTwilio(config), verifyTwilioSignature(config)];
  const late = lateSmsSender({ config, deliveries: stores.deliveries, logger: services.logger, client: services.smsClient });
  router.post('/api/sms', ...guard, smsInboundHandler(services, stores, { answerWithinMs: config.turnBudgetMs, late, afterTurn: services.afterTurn }));
  router.post('/api/sms/status', ...guard, smsStatusHandler(stores, services.repos.conversations));
  return router;
}
