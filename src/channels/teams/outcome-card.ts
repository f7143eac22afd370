// Teams shows the triage outcome also as an Adaptive Card: the disposition stands out by colour,
// the reasons are a list, the emergency number is a tap-to-call button. The card is built from
// the outcome message itself (its paragraphs are already in the patient's language), so it holds
// no texts of its own. The message text and suggested actions stay for clients without cards.
import type { Activity, Attachment, Middleware, TurnContext } from 'botbuilder';
import type { Disposition } from '../../triage/types';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

interface TriageData {
  disposition: Disposition;
  reasons?: Array<{ code: string; text: string }>;
}

/** Adaptive Card container styles. */
function styleFor(disposition: Disposition): 'attention' | 'warning' | 'accent' | 'good' {
  switch (disposition) {
    case 'emergency':
      return 'attention';
    case 'urgent':
      return 'warning';
    case 'routine':
      return 'accent';
    case 'self_care':
      return 'good';
  }
}

export function outcomeCard(text: string, triage: TriageData, emergencyNumber?: string): Attachment {
  const [headline = '', ...rest] = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const body: unknown[] = [
    {
      type: 'Container',
      style: styleFor(triage.disposition),
      bleed: true,
      items: [{ type: 'TextBlock', text: headline, wrap: true, weight: 'Bolder', size: 'Medium' }],
    },
    ...rest.map((p) => ({ type: 'TextBlock', text: p, wrap: true, spacing: 'Medium' })),
  ];
  const actions = emergencyNumber ? [{ type: 'Action.OpenUrl', title: `📞 ${emergencyNumber}`, url: `tel:${emergencyNumber.replace(/[^\d+]/g, '')}` }] : [];
  return {
    contentType: ADAPTIVE_CARD,
    content: { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, actions },
  };
}

function withCard(activity: Partial<Activity>): Partial<Activity> {
  const data = activity.channelData as { triage?: TriageData; emergencyNumber?: string } | undefined;
  if (activity.type !== 'message' || !data?.triage || !activity.text) return activity;
  if (activity.attachments?.some((a) => a.contentType === ADAPTIVE_CARD)) return activity;
  return { ...activity, attachments: [...(activity.attachments ?? []), outcomeCard(activity.text, data.triage, data.emergencyNumber)] };
}

/** Added to the Teams adapter before the transcript middleware, so the transcript stores what Teams received. */
export class OutcomeCardMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (_ctx, activities, sendNext) => {
      activities.forEach((a, i) => (activities[i] = withCard(a)));
      return sendNext();
    });
    await next();
  }
}
