// The shape an inbound Bot Framework activity must have before it reaches the adapter. The
// adapter itself accepts any object and fails deep inside (or posts replies to a missing
// serviceUrl); checking here turns a malformed request into a clear 400.
import type { Activity } from 'botbuilder';
import { z } from 'zod';

const account = z.looseObject({ id: z.string().min(1).max(512), name: z.string().max(512).optional() });

export const InboundActivity = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  conversation: z.looseObject({ id: z.string().min(1).max(512), conversationType: z.string().max(64).optional(), tenantId: z.string().max(128).optional() }),
  from: account,
  recipient: account.optional(),
  text: z.string().max(20_000).optional(),
  locale: z.string().max(32).optional(),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  localTimestamp: z.iso.datetime({ offset: true }).optional(),
  suggestedActions: z.unknown().optional(),
  attachments: z.array(z.looseObject({ contentType: z.string().max(256) })).max(20).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
});

/** A validated activity, with timestamps as Date objects as botbuilder expects (as its own validator does). */
export function parseInboundActivity(body: unknown): Activity | undefined {
  const parsed = InboundActivity.safeParse(body);
  if (!parsed.success) return undefined;
  const a = parsed.data;
  const fixed: Record<string, unknown> = { ...a };
  if (a.timestamp) {
    fixed.rawTimestamp = a.timestamp;
    fixed.timestamp = new Date(a.timestamp);
  }
  if (a.localTimestamp) {
    fixed.rawLocalTimestamp = a.localTimestamp;
    fixed.localTimestamp = new Date(a.localTimestamp);
  }
  return fixed as unknown as Activity;
}
