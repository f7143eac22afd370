// A text whose turn outlasted the webhook's answer (it waited for its conversation's lease, or
// behind an earlier text from the same phone) still reaches the patient: Twilio got an empty
// TwiML answer in time, and the text goes out through Twilio's REST API once the turn is done. The
// bot's replies are already in the transcript (stored during the turn), so nothing is added there.
import type { Config } from '../../config/env';
import type { Logger } from '../../observability/logger';
import type { SmsDeliveryLog } from './delivery-log';
import { createTwilioSmsClient, twilioErrorCode, type SmsClient } from './twilio-client';

/** Twilio refuses bodies over 1600 characters. */
const MAX_BODY = 1600;

export interface LateSmsDeps {
  config: Config;
  deliveries: SmsDeliveryLog;
  logger: Logger;
  /** Injected in tests; by default the twilio client is built on first use. */
  client?: SmsClient;
}

export type LateSmsSender = (to: string, conversationId: string, text: string) => Promise<void>;

export function lateSmsSender(deps: LateSmsDeps): LateSmsSender {
  let client = deps.client;
  return async (to, conversationId, text) => {
    if (!text) return;
    const twilio = deps.config.twilio;
    if (!client && !twilio) return;
    client ??= createTwilioSmsClient(twilio!);
    try {
      const sent = await client.send({ to, body: text.slice(0, MAX_BODY), statusCallback: `${deps.config.publicUrl}/api/sms/status` });
      await deps.deliveries.created(sent.sid, conversationId, sent.status);
      deps.logger.info({ late: true }, 'sms reply sent after the webhook answer');
    } catch (err) {
      deps.logger.warn({ errName: (err as Error | undefined)?.name, twilioCode: twilioErrorCode(err) }, 'late sms reply not sent');
    }
  };
}
