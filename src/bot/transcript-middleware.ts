// Persists every inbound and outbound activity of every channel to the transcript before the turn
// completes, so nothing a patient said is lost and a Direct Line GET sees the bot's replies as
// soon as the POST that caused them returns.
import { TurnContext, type Activity, type Middleware } from 'botbuilder';
import { runWithContext } from '../observability/context';
import type { ConversationRepository } from '../repositories/conversations';
import type { NewActivity, Role, TranscriptRepository } from '../repositories/transcripts';
import { isLanguage } from '../triage/types';
import { conversationKey } from './conversation-key';
import { peekTurnInfo } from './patient-state';

export const STAFF_ROLE_KEY = 'clinicStaff';

export function toStoredActivity(activity: Partial<Activity>, role: Role): NewActivity {
  return {
    id: activity.id,
    type: activity.type ?? 'message',
    channelId: activity.channelId ?? 'unknown',
    conversation: { id: activity.conversation?.id ?? 'unknown' },
    from: { id: activity.from?.id ?? role, name: activity.from?.name, role },
    text: activity.text,
    value: activity.value as unknown,
    locale: activity.locale,
    suggestedActions: activity.suggestedActions,
    attachments: activity.attachments,
    channelData: activity.channelData as Record<string, unknown> | undefined,
    inputHint: activity.inputHint,
    replyToId: activity.replyToId,
  };
}

export class TranscriptMiddleware implements Middleware {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly transcripts: TranscriptRepository,
  ) {}

  onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const inbound = context.activity;
    // Every log line of this turn carries the conversation key (never the text).
    return runWithContext({ conversationId: conversationKey(inbound), channel: inbound.channelId }, () => this.record(context, next));
  }

  private async record(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const inbound = context.activity;
    const key = conversationKey(inbound);
    const logged = inbound.type === 'message' || inbound.type === 'conversationUpdate';
    const conversation = await this.conversations.touch(key, inbound.channelId, {
      language: isLanguage(inbound.locale?.slice(0, 2)) ? (inbound.locale.slice(0, 2) as never) : undefined,
      reference: TurnContext.getConversationReference(inbound),
      reserveSeq: logged ? 1 : 0,
    });
    if (logged) {
      const [stored] = await this.transcripts.append(key, [toStoredActivity(inbound, 'user')], conversation.seq);
      if (stored) inbound.id = inbound.id ?? stored.id;
    }
    context.onSendActivities(async (ctx, activities, sendNext) => {
      const stored = await this.transcripts.append(
        key,
        activities.filter((a) => a.type === 'message' || a.type === 'typing' || a.type === 'event').map((a) => {
          const cd = a.channelData as Record<string, unknown> | undefined;
          const role: Role = cd?.[STAFF_ROLE_KEY] ? 'staff' : 'bot';
          // A bot reply says which language it is in (clients set lang= from it and draw their own
          // headings in it), also when the patient's message carried no locale.
          const lang = role === 'bot' && a.type === 'message' ? peekTurnInfo(ctx)?.lang : undefined;
          if (lang) a.locale = lang;
          // Botbuilder stamps outgoing activities with the bot as sender; a staff reply names the nurse instead.
          const from = role === 'staff' ? { id: 'clinic-staff', name: typeof cd?.staffName === 'string' ? cd.staffName : '', role: 'staff' } : (a.from ?? ctx.activity.recipient);
          return toStoredActivity({ ...a, from, conversation: a.conversation ?? ctx.activity.conversation, channelId: a.channelId ?? ctx.activity.channelId }, role);
        }),
      );
      // Give the channel the ids we stored, so clients can de-duplicate.
      let i = 0;
      for (const a of activities) {
        if (a.type === 'message' || a.type === 'typing' || a.type === 'event') a.id = stored[i++]?.id ?? a.id;
      }
      return sendNext();
    });
    await next();
  }
}
