// Outbound SMS (a nurse's reply, an appointment reminder) through Twilio's REST API. Refused for
// a number that said STOP. The sent message is appended to the transcript through the bot's
// adapter (so the transcript middleware stores it like every other activity) with Twilio's SID,
// and its delivery is followed by the status callback.
import type { BotRuntime } from '../../bot/create-bot';
import { STAFF_ROLE_KEY } from '../../bot/transcript-middleware';
import type { Config } from '../../config/env';
import type { Logger } from '../../observability/logger';
import type { ConversationRepository } from '../../repositories/conversations';
import type { FieldCipher } from '../../security/field-cipher';
import type { Store } from '../../store/collection';
import type { ChannelSender } from '../outbound';
import { toGsmFriendly } from './segments';
import { smsStores, SMS_CHANNEL } from './stores';
import { createTwilioSmsClient, twilioErrorCode, TWILIO_UNSUBSCRIBED, type SmsClient } from './twilio-client';

/** Twilio refuses bodies over 1600 characters. */
const MAX_BODY = 1600;

export interface SmsSenderDeps {
  config: Config;
  cipher: FieldCipher;
  store: Store;
  conversations: ConversationRepository;
  runtime: BotRuntime;
  logger: Logger;
  now: () => Date;
  /** Injected in tests; by default the twilio client is built on first use. */
  client?: SmsClient;
}

export function smsSender(deps: SmsSenderDeps): ChannelSender {
  const stores = smsStores(deps.store, deps.cipher, deps.config.conversationRetentionDays * 24 * 3600 * 1000, deps.now);
  let client = deps.client;
  return {
    async send(conversation, message) {
      const twilioConfig = deps.config.twilio;
      if (!twilioConfig && !deps.client) return { delivered: false, reason: 'channel_not_configured' };
      const to = deps.conversations.address(conversation);
      if (!to) return { delivered: false, reason: 'no_address' };
      const phoneHash = conversation.userHash ?? deps.cipher.lookupHash(to);
      if (await stores.optOuts.isOptedOut(phoneHash)) return { delivered: false, reason: 'opted_out' };

      client ??= createTwilioSmsClient(twilioConfig!);
      const body = toGsmFriendly(message.text).slice(0, MAX_BODY);
      let sent: { sid: string; status: string };
      try {
        sent = await client.send({ to, body, statusCallback: `${deps.config.publicUrl}/api/sms/status` });
      } catch (err) {
        const code = twilioErrorCode(err);
        deps.logger.warn({ errName: (err as Error)?.name, twilioCode: code }, 'sms send failed');
        if (code === TWILIO_UNSUBSCRIBED) {
          await stores.optOuts.set(phoneHash, true, 'carrier');
          return { delivered: false, reason: 'opted_out' };
        }
        return { delivered: false, reason: 'send_failed' };
      }
      await stores.deliveries.created(sent.sid, conversation._id, sent.status);

      let activityId: string | undefined;
      const channelConversationId = conversation._id.slice(SMS_CHANNEL.length + 1);
      await deps.runtime.adapter.continueConversation({ channelId: SMS_CHANNEL, conversation: { id: channelConversationId, isGroup: false, conversationType: 'personal', name: '' } }, async (ctx) => {
        const staff = message.from === 'staff';
        const res = await ctx.sendActivity({
          type: 'message',
          text: body,
          from: { id: staff ? 'clinic-staff' : 'bot', name: message.staffName ?? '', role: staff ? 'staff' : 'bot' },
          channelData: { ...message.channelData, [STAFF_ROLE_KEY]: staff, sms: { sid: sent.sid } },
        });
        activityId = res?.id;
      });
      return { delivered: true, activityId };
    },
  };
}
