// POST /api/sms: Twilio's messaging webhook. Processes each MessageSid once (a Twilio retry or a
// concurrent duplicate gets the stored reply) and one message at a time per phone number, in arrival
// order, so two quick texts from one patient do not race on the same conversation state (across
// instances the bot's turn lease keeps them apart: TriageBot.run). Twilio gives up on a webhook
// after 15 s, so the answer never waits longer than the turn budget: a turn still running then is
// answered with an empty TwiML and its text follows through the REST API (late-reply.ts).
import type { RequestHandler, Response } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import { badRequest, unavailable } from '../../http/errors';
import { setContext } from '../../observability/context';
import type { AfterTurnWork } from '../../bot/after-turn';
import { conversationKey } from '../../bot/conversation-key';
import type { LateSmsSender } from './late-reply';
import { handleInboundSms, type SmsTurnDeps } from './sms-turn';
import { SMS_CHANNEL, smsConversationId, type SmsStores } from './stores';

/** Twilio sends many more fields (FromCity, NumMedia, ...); zod's default strips what we do not use. */
export const InboundSmsForm = z.object({
  MessageSid: z.string().regex(/^[A-Za-z]{2}[0-9a-fA-F]{32}$/, 'a Twilio message SID'),
  From: z.string().trim().min(3).max(64),
  Body: z.string().max(4000, 'longer than 4000 characters').optional().default(''),
});

export interface SmsAnswerOptions {
  /** The webhook is answered within this many ms of its arrival (the turn budget). */
  answerWithinMs: number;
  late: LateSmsSender;
  afterTurn: AfterTurnWork;
}

export function smsInboundHandler(deps: SmsTurnDeps, stores: SmsStores, answer: SmsAnswerOptions): RequestHandler {
  const perPhone = new KeyedQueue();
  return async (req, res) => {
    const arrived = Date.now();
    const form = InboundSmsForm.safeParse(req.body);
    if (!form.success) throw badRequest(`The SMS webhook request is not valid: ${form.error.issues.map((i) => `${i.path.join('.')} (${i.message})`).join('; ')}.`);
    const { MessageSid: messageSid, From: from, Body: body } = form.data;
    setContext({ channel: SMS_CHANNEL });

    const claim = await stores.inbound.claim(messageSid);
    if (claim.kind === 'replay') return sendTwiml(res, claim.reply);
    if (claim.kind === 'busy') throw unavailable('This message is still being processed.', 'sms_in_progress');

    const phoneHash = deps.cipher.lookupHash(from);
    const turn = perPhone.run(phoneHash, () => handleInboundSms(deps, stores, { messageSid, from, body }, phoneHash));
    const outcome = await settleWithin(turn, answer.answerWithinMs - (Date.now() - arrived));
    if (outcome.kind === 'failed') {
      await stores.inbound.release(messageSid).catch(() => undefined);
      throw outcome.error;
    }
    const twiml = toTwiml(outcome.kind === 'done' ? outcome.value : '');
    // Completed before answering even when the text comes later: a Twilio retry must not run it twice.
    await stores.inbound.complete(messageSid, twiml);
    if (outcome.kind === 'late') {
      deps.logger.warn({ budgetMs: answer.answerWithinMs }, 'sms turn outlasted the webhook budget: its text follows through the REST API');
      const conversationId = conversationKey({ channelId: SMS_CHANNEL, conversation: { id: smsConversationId(phoneHash), isGroup: false, conversationType: 'personal', name: '' } });
      answer.afterTurn.start('sms_late_reply', async () => answer.late(from, conversationId, await turn));
    }
    sendTwiml(res, twiml);
  };
}

type Settled<T> = { kind: 'done'; value: T } | { kind: 'failed'; error: unknown } | { kind: 'late' };

/** How `work` stands after `ms`: done, failed, or still running (it keeps running). */
async function settleWithin<T>(work: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'late' }), Math.max(0, ms));
  });
  try {
    return await Promise.race([work.then((value): Settled<T> => ({ kind: 'done', value }), (error: unknown): Settled<T> => ({ kind: 'failed', error })), late]);
  } finally {
    clearTimeout(timer);
  }
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
