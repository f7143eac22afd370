// Twilio webhooks are trusted only with a valid X-Twilio-Signature, checked with twilio's own
// validateRequest. The URL is PUBLIC_URL + the request path: behind a proxy or tunnel the Host
// header and scheme this process sees are not the ones Twilio signed.
import type { RequestHandler } from 'express';
import twilio from 'twilio';
import type { Config } from '../../config/env';
import { forbidden, unavailable } from '../../http/errors';

export function requireTwilio(config: Config): RequestHandler {
  return (_req, _res, next) => {
    if (!config.twilio) {
      next(unavailable('SMS is not configured on this service: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER.', 'sms_not_configured'));
      return;
    }
    next();
  };
}

export function verifyTwilioSignature(config: Config): RequestHandler {
  return (req, _res, next) => {
    const authToken = config.twilio?.authToken;
    const signature = req.header('x-twilio-signature');
    const params: unknown = req.body;
    const form = params && typeof params === 'object' ? (params as Record<string, unknown>) : {};
    const url = `${config.publicUrl}${req.originalUrl}`;
    if (!authToken || !signature || !twilio.validateRequest(authToken, signature, url, form)) {
      next(forbidden('The request is not signed by Twilio.'));
      return;
    }
    next();
  };
}
