// What a Direct Line client may post. Only the fields the bot reads are kept; everything else a
// client sends (Web Chat adds entities, textFormat, attachments of capabilities...) is dropped,
// so nothing unvalidated reaches the bot or the transcript.
import { z } from 'zod';

/** Bytes of JSON one activity may take: a long symptom description fits many times over. */
export const MAX_ACTIVITY_BYTES = 16 * 1024;

const id = z.string().trim().min(1).max(128);

export const InboundActivitySchema = z
  .object({
    type: z.enum(['message', 'event', 'typing']),
    from: z.object({ id, name: z.string().max(128).optional() }),
    text: z.string().optional(),
    value: z.unknown().optional(),
    name: z.string().max(64).optional(),
    // BCP 47, e.g. "en", "es-MX", "zh-Hans-CN".
    locale: z
      .string()
      .max(35)
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/)
      .optional(),
    // Web Chat v4 sends clientActivityID; older clients spell it clientActivityId.
    channelData: z.object({ clientActivityID: id.optional(), clientActivityId: id.optional() }).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.type === 'message' && a.text === undefined && a.value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'a message needs text or value' });
    }
    if (a.type === 'event' && !a.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'an event needs a name' });
  });

export type InboundActivity = z.infer<typeof InboundActivitySchema>;

/** The client's own id for the activity, used to recognise a retried POST. */
export function clientActivityId(a: InboundActivity): string | undefined {
  return a.channelData?.clientActivityID ?? a.channelData?.clientActivityId;
}
