// Delivering a message to a patient outside a turn (a nurse's reply, an appointment reminder) on
// the patient's own channel. Each channel registers its sender; the message is also appended to
// the transcript by the sender, so the staff view and the web chat show it.
import type { ConversationDoc } from '../repositories/conversations';

export interface OutboundMessage {
  text: string;
  /** 'staff' shows the message as coming from the clinic's staff, not the bot. */
  from: 'staff' | 'bot';
  staffName?: string;
  channelData?: Record<string, unknown>;
}

export interface OutboundResult {
  delivered: boolean;
  /** Why not delivered, e.g. 'opted_out', 'channel_not_configured'. */
  reason?: string;
  activityId?: string;
}

export interface ChannelSender {
  send(conversation: ConversationDoc, message: OutboundMessage): Promise<OutboundResult>;
}

export class OutboundRegistry {
  private readonly senders = new Map<string, ChannelSender>();

  register(channel: string, sender: ChannelSender): void {
    this.senders.set(channel, sender);
  }

  async send(conversation: ConversationDoc, message: OutboundMessage): Promise<OutboundResult> {
    const sender = this.senders.get(conversation.channel);
    if (!sender) return { delivered: false, reason: 'channel_not_configured' };
    return sender.send(conversation, message);
  }
}
