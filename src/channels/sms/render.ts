// Turns the bot's replies for one turn into one SMS body. Web chat can show long messages and
// buttons; a text message costs per segment and a long one arrives in pieces, so a normal turn is
// fitted to MAX_SEGMENTS: first shorten (reasons on one line, tighter breaks), then drop detail.
// What keeps a patient safe is never dropped: the headline, any paragraph naming the emergency
// number or crisis line, and the safety-net line (the outcome's last paragraph).
import type { Activity } from 'botbuilder';
import type { Translate } from '../../i18n';
import { activityChoices, isNumberedPrompt, numberedLines, ownNumberedLines } from './choices';
import { countSegments, toGsmFriendly } from './segments';

export const MAX_SEGMENTS = 3;

interface Part {
  text: string;
  /** A shorter form, used from ladder step 1. */
  compact?: string;
  /** The ladder step from which the part is left out; undefined = never left out. */
  dropAt?: number;
}

interface RenderContext {
  t: Translate;
  vars: Record<string, string>;
}

interface ChannelDataLike {
  prompt?: { kind?: string; id?: string };
  triage?: unknown;
  emergencyNumber?: string;
  crisisLine?: string;
}

/** Each step shortens more; parts with dropAt <= the step's index are left out. */
const LADDER = [
  { compact: false, separator: '\n\n' },
  { compact: true, separator: '\n\n' },
  { compact: true, separator: '\n' },
  { compact: true, separator: '\n' },
  { compact: true, separator: '\n' },
];

export interface RenderedSms {
  text: string;
  segments: number;
  /** True when even the safety-critical minimum needs more than MAX_SEGMENTS (it is sent anyway). */
  overBudget: boolean;
}

export function renderSmsReply(replies: Partial<Activity>[], ctx: RenderContext, maxSegments = MAX_SEGMENTS): RenderedSms {
  const blocks = toBlocks(replies, ctx);
  let text = '';
  for (const [level, step] of LADDER.entries()) {
    text = compose(blocks, step, level);
    const { segments } = countSegments(text);
    if (segments <= maxSegments) return { text, segments, overBudget: false };
  }
  return { text, segments: countSegments(text).segments, overBudget: true };
}

function compose(blocks: Part[][], step: (typeof LADDER)[number], level: number): string {
  return blocks
    .map((parts) =>
      parts
        .filter((p) => p.dropAt === undefined || level < p.dropAt)
        .map((p) => (step.compact && p.compact !== undefined ? p.compact : p.text))
        .filter(Boolean)
        .join(step.separator),
    )
    .filter(Boolean)
    .map(toGsmFriendly)
    .join(step.separator);
}

function toBlocks(replies: Partial<Activity>[], ctx: RenderContext): Part[][] {
  const blocks: Array<{ parts: Part[]; plain: boolean }> = [];
  for (const a of replies) {
    if (a.type !== 'message') continue;
    const text = (a.text ?? '').trim();
    const data = (a.channelData ?? {}) as ChannelDataLike;
    const choices = activityChoices(a);
    if (data.prompt?.kind === 'consent') {
      // The web disclosure runs to several UCS-2 segments in most languages; SMS gets its own short
      // disclosure (automated, not a clinician, the emergency number) with the consent question.
      const previous = blocks[blocks.length - 1];
      if (previous?.plain) blocks.pop();
      blocks.push({ parts: [{ text: withChoices(ctx.t('sms:consent', ctx.vars), numberedLines(choices)) }], plain: false });
    } else if (data.triage) {
      blocks.push({ parts: outcomeParts(text, data, ctx), plain: false });
    } else if (isNumberedPrompt(a)) {
      // The emergency screen and the problem list keep every item (a patient must see each sign), with
      // the short labels and a one-line question: they may run past the segment budget.
      const key = data.prompt?.id === 'problem' ? 'sms:numbered.problem' : 'sms:numbered.screen';
      blocks.push({ parts: [{ text: ownNumberedLines(ctx.t(key, ctx.vars), choices) }], plain: false });
    } else if (text || choices.length) {
      blocks.push({ parts: [{ text: withChoices(text, numberedLines(choices)) }], plain: a.channelData === undefined });
    }
  }
  return blocks.map((b) => b.parts);
}

/** The numbered choices directly under their question. */
function withChoices(question: string, lines: string): string {
  return [question, lines].filter(Boolean).join('\n');
}

/** The outcome text is paragraphs: headline, reasons, what to do, emergency lines, safety net (last). */
function outcomeParts(text: string, data: ChannelDataLike, ctx: RenderContext): Part[] {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const because = ctx.t('bot:outcome.because');
  const critical = [data.emergencyNumber, data.crisisLine, ctx.vars.emergencyNumber].filter((v): v is string => Boolean(v));
  // The bot's generic "call now" line repeats the number the specific advice already names: last to
  // go when an emergency message does not fit, and only when another paragraph keeps the number.
  const genericCallNow = ctx.t('bot:emergency.callNow', ctx.vars);
  const namesNumber = (p: string): boolean => critical.some((c) => p.includes(c));
  const numberElsewhere = paragraphs.filter((p) => p !== genericCallNow && namesNumber(p)).length > 0;
  return paragraphs.map((p, i): Part => {
    if (p === genericCallNow && numberElsewhere) return { text: p, dropAt: 4 };
    if (i === 0 || i === paragraphs.length - 1 || namesNumber(p)) return { text: p };
    if (p.startsWith(because)) {
      const reasons = p.slice(because.length).split('\n').map((l) => l.replace(/^\s*[•\-*]\s*/, '').trim()).filter(Boolean);
      return { text: p, compact: `${because} ${reasons.join('; ')}`, dropAt: 3 };
    }
    return { text: p, dropAt: 4 };
  });
}
