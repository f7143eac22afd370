// Posting and reading activities. A POST answers only after the bot's replies are in the
// transcript (runTurn resolves after the transcript middleware stored them), so the client's
// next GET always sees them: no per-process queue, any instance can serve the GET.
import type { Activity } from 'botbuilder';
import type { RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { BotRuntime } from '../../bot/create-bot';
import { HttpError, badRequest } from '../../http/errors';
import type { StoredActivity, TranscriptRepository } from '../../repositories/transcripts';
import { MAX_ACTIVITY_BYTES, InboundActivitySchema, clientActivityId, type InboundActivity } from './activity-schema';
import { tokenClaims } from './auth';
import type { ClientActivityLog } from './client-activities';
import { WEBCHAT_CHANNEL, webchatKey } from './conversations';

export interface PostDeps {
  runtime: BotRuntime;
  clientActivities: ClientActivityLog;
  publicUrl: string;
}

function parseActivity(body: unknown): InboundActivity {
  // The app-wide JSON parser allows 64 KB; an activity gets far less.
  if (Buffer.byteLength(JSON.stringify(body ?? null)) > MAX_ACTIVITY_BYTES) {
    throw new HttpError(413, 'too_large', 'The activity is too large.');
  }
  const parsed = InboundActivitySchema.safeParse(body);
  if (!parsed.success) throw badRequest('The activity is not valid.', 'invalid_activity');
  return parsed.data;
}

function toTurnActivity(a: InboundActivity, id: string, conversationId: string, publicUrl: string): Partial<Activity> {
  return {
    id,
    type: a.type,
    name: a.name,
    channelId: WEBCHAT_CHANNEL,
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    // The role is ours to set: a client cannot speak as the bot or as staff.
    from: { id: a.from.id, name: a.from.name ?? '', role: 'user' },
    recipient: { id: 'bot', name: 'bot', role: 'bot' },
    serviceUrl: publicUrl,
    locale: a.locale,
    text: a.text,
    value: a.value,
    timestamp: new Date(),
    // Echoed back on GET (under the client's own spelling), so Web Chat can match its pending
    // message to the stored one. Nothing else of the client's channelData is kept.
    channelData: clientActivityId(a) ? { ...a.channelData } : undefined,
  };
}

export function postActivity(deps: PostDeps): RequestHandler<{ conversationId: string }> {
  return async (req, res) => {
    const activity = parseActivity(req.body);
    const { conversationId } = tokenClaims(res);
    // Typing indicators from the patient are not part of the conversation.
    if (activity.type === 'typing') {
      res.json({ id: randomUUID() });
      return;
    }
    const clientId = clientActivityId(activity);
    const key = webchatKey(conversationId);
    const claim = clientId ? await deps.clientActivities.claim(key, clientId) : ({ fresh: true, activityId: randomUUID() } as const);
    if (!claim.fresh) {
      res.json({ id: claim.activityId });
      return;
    }
    try {
      await deps.runtime.runTurn(toTurnActivity(activity, claim.activityId, conversationId, deps.publicUrl));
    } catch (err) {
      if (clientId) await deps.clientActivities.release(key, clientId);
      throw err;
    }
    if (clientId) await deps.clientActivities.complete(key, clientId);
    res.json({ id: claim.activityId });
  };
}

const WatermarkSchema = z.union([z.literal(''), z.string().regex(/^\d{1,15}$/)]).optional();

/** What a Direct Line client sees: staff messages come from the clinic side (role "bot") with their name. */
function toClientActivity(a: StoredActivity & { seq: number }, conversationId: string): Record<string, unknown> {
  const { seq: _seq, ...rest } = a;
  return { ...rest, channelId: WEBCHAT_CHANNEL, conversation: { id: conversationId }, from: { ...a.from, role: a.from.role === 'user' ? 'user' : 'bot' } };
}

export function getActivities(transcripts: TranscriptRepository): RequestHandler<{ conversationId: string }> {
  return async (req, res) => {
    const parsed = WatermarkSchema.safeParse(req.query.watermark);
    if (!parsed.success) throw badRequest('The watermark is not valid.', 'invalid_watermark');
    const watermark = parsed.data ? Number(parsed.data) : 0;
    const { conversationId } = tokenClaims(res);
    const stored = await transcripts.since(webchatKey(conversationId), watermark);
    const last = stored.at(-1)?.seq ?? watermark;
    res.json({ activities: stored.map((a) => toClientActivity(a, conversationId)), watermark: String(last) });
  };
}
