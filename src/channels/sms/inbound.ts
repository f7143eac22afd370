// POST /api/sms: Twilio's messaging webhook. Processes each MessageSid once (a Twilio retry or a
// concurrent duplicate gets the stored reply) and one message at a time per phone number, in arrival
// order, so two quick texts from one patient do not race on the same conversation state (across
// instances the bot's turn lease keeps them apart: TriageBot.run).
import type { RequestHandler, Response } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import { badRequest, unavailable } from '../../http/errors';
import { setContext } from '../../observability/context';
import { handleInboundSms, type SmsTurnDeps } from './sms-turn';
import { SMS_CHANNEL, type SmsStores } from './stores';

/** Twilio sends many more fields (FromCity, NumMedia, ...); zod's default strips what we do not use. */
export const InboundSmsForm = z.object({
  MessageSid: z.string().regex(/^[A-Za-z]{2}[0-9a-fA-F]{32}$/, 'a Twilio message SID'),
  From: z.string().trim().min(3).max(64),
  Body: z.string().max(4000).optional().default(''),
});

export function smsInboundHandler(deps: SmsTurnDeps, stores: SmsStores): RequestHandler {
  const perPhone = new KeyedQueue();
  return async (req, res) => {
    const form = InboundSmsForm.safeParse(req.body);
    if (!form.success) throw badRequest('The SMS webhook request is missing MessageSid or From.');
    const { MessageSid: messageSid, From: from, Body: body } = form.data;
    setContext({ channel: SMS_CHANNEL });

    const claim = await stores.inbound.claim(messageSid);
    if (claim.kind === 'replay') return sendTwiml(res, claim.reply);
    if (claim.kind === 'busy') throw unavailable('This message is still being processed.', 'sms_in_progress');

    let twiml: string;
    try {
      const phoneHash = deps.cipher.lookupHash(from);
      const text = await perPhone.run(phoneHash, () => handleInboundSms(deps, stores, { messageSid, from, body }, phoneHash));
      twiml = toTwiml(text);
      await stores.inbound.complete(messageSid, twiml);
    } catch (err) {
      await stores.inbound.release(messageSid).catch(() => undefined);
      throw err;
    }
    sendTwiml(res, twiml);
  };
}

export function toTwiml(text: string): string {
  const response = new twilio.twiml.MessagingResponse();
  if (text) response.message(text);
  return response.toString();
}

function sendTwiml(res: Response, twiml: string): void {
  res.status(200).type('text/xml').send(twiml);
}

/** Runs tasks one after another per key, in arrival order; keys are dropped once idle. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
