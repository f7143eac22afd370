import type { Activity, ConversationReference } from 'botbuilder';

/** A conversation is keyed by channel and the channel's conversation id (which each channel makes per patient). */
export function conversationKey(activity: Pick<Partial<Activity>, 'channelId' | 'conversation'> | Partial<ConversationReference>): string {
  return `${activity.channelId ?? 'unknown'}:${activity.conversation?.id ?? 'unknown'}`;
}
