// Proactive messages on Teams (a nurse's reply, a reminder): Bot Framework lets a bot write into
// a conversation only through the conversation reference stored from the patient's last message.
import type { ConversationReference } from 'botbuilder';
import { STAFF_ROLE_KEY } from '../../bot/transcript-middleware';
import type { Logger } from '../../observability/logger';
import type { ConversationRepository } from '../../repositories/conversations';
import type { ChannelSender } from '../outbound';
import { teamsAdapter, type TeamsDeps } from './adapter';

export interface TeamsSenderDeps extends TeamsDeps {
  conversations: ConversationRepository;
  logger: Logger;
}

export function teamsSender(deps: TeamsSenderDeps): ChannelSender {
  return {
    async send(conversation, message) {
      const reference = deps.conversations.reference<Partial<ConversationReference>>(conversation);
      if (!reference?.serviceUrl || !reference.conversation?.id) return { delivered: false, reason: 'no_reference' };
      let activityId: string | undefined;
      let failure: unknown;
      const adapter = teamsAdapter(deps);
      await adapter.continueConversationAsync(deps.config.microsoftApp.appId ?? '', reference, async (ctx) => {
        const staff = message.from === 'staff';
        // Teams shows every bot message under the bot's name; a nurse's name goes in front of the text.
        const text = staff && message.staffName ? `${message.staffName}: ${message.text}` : message.text;
        // Caught here, not in onTurnError: that would send the patient a "please repeat your message" apology.
        try {
          const res = await ctx.sendActivity({ type: 'message', text, channelData: { ...message.channelData, [STAFF_ROLE_KEY]: staff } });
          activityId = res?.id ?? '';
        } catch (err) {
          failure = err;
        }
      });
      if (failure !== undefined || activityId === undefined) {
        deps.logger.warn({ errName: (failure as Error | undefined)?.name }, 'teams proactive send failed');
        return { delivered: false, reason: 'send_failed' };
      }
      return { delivered: true, activityId: activityId || undefined };
    },
  };
}
