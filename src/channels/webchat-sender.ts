// Outbound on web chat: the message is appended to the conversation's activity log (through the
// adapter, so the transcript middleware stores it), which the widget or any Direct Line client
// reads on its next poll.
import type { BotRuntime } from '../bot/create-bot';
import { STAFF_ROLE_KEY } from '../bot/transcript-middleware';
import type { ChannelSender } from './outbound';

export function webchatSender(runtime: BotRuntime): ChannelSender {
  return {
    async send(conversation, message) {
      let activityId: string | undefined;
      // The conversation key is "<channel>:<channel's conversation id>".
      const channelConversationId = conversation._id.slice(conversation.channel.length + 1);
      await runtime.adapter.continueConversation({ channelId: conversation.channel, conversation: { id: channelConversationId, isGroup: false, conversationType: 'personal', name: '' } }, async (ctx) => {
        const res = await ctx.sendActivity({
          type: 'message',
          text: message.text,
          from: { id: message.from === 'staff' ? 'clinic-staff' : 'bot', name: message.staffName ?? '', role: message.from === 'staff' ? 'staff' : 'bot' },
          channelData: { ...message.channelData, [STAFF_ROLE_KEY]: message.from === 'staff', staffName: message.from === 'staff' ? (message.staffName ?? '') : undefined },
        });
        activityId = res?.id;
      });
      return { delivered: true, activityId };
    },
  };
}
