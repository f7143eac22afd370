// POST /api/sms/status: Twilio's status callback for the messages we sent (staff replies,
// reminders). Records how far each one got; a carrier-level unsubscribe (error 21610) is
// recorded as an opt-out so nothing more is attempted to that number.
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { badRequest } from '../../http/errors';
import type { ConversationRepository } from '../../repositories/conversations';
import type { SmsStores } from './stores';
import { TWILIO_UNSUBSCRIBED } from './twilio-client';

export const StatusCallbackForm = z.object({
  MessageSid: z.string().regex(/^[A-Za-z]{2}[0-9a-fA-F]{32}$/),
  MessageStatus: z.string().regex(/^[a-z_]{2,32}$/),
  ErrorCode: z.string().regex(/^\d{1,10}$/).optional(),
});

export function smsStatusHandler(stores: SmsStores, conversations: ConversationRepository): RequestHandler {
  return async (req, res) => {
    const form = StatusCallbackForm.safeParse(req.body);
    if (!form.success) throw badRequest('The status callback is missing MessageSid or MessageStatus.');
    const { MessageSid: sid, MessageStatus: status, ErrorCode: errorCode } = form.data;
    await stores.deliveries.record(sid, status, errorCode);
    if (errorCode === String(TWILIO_UNSUBSCRIBED)) {
      const delivery = await stores.deliveries.get(sid);
      const conversation = delivery ? await conversations.get(delivery.conversationId) : null;
      if (conversation?.userHash) await stores.optOuts.set(conversation.userHash, true, 'carrier');
    }
    res.status(204).end();
  };
}
