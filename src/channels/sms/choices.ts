// SMS has no buttons: choices go out as numbered lines, and a patient's "2" comes back as the
// value of the second choice of the question the bot asked last. The question is read from the
// transcript (not from memory), so it works on any instance and after a restart.
import type { Activity } from 'botbuilder';
import type { StoredActivity } from '../../repositories/transcripts';

export interface SmsChoice {
  title: string;
  value: string;
}

interface ActionLike {
  title?: unknown;
  value?: unknown;
}

/** The choices an activity offers, in order; none for a number question (a "7" there is a pain score). */
export function activityChoices(activity: Pick<Partial<Activity>, 'suggestedActions' | 'channelData'> | Pick<StoredActivity, 'suggestedActions' | 'channelData'>): SmsChoice[] {
  const prompt = (activity.channelData as { prompt?: { kind?: unknown } } | undefined)?.prompt;
  if (prompt?.kind === 'number') return [];
  const actions = (activity.suggestedActions as { actions?: unknown } | undefined)?.actions;
  if (!Array.isArray(actions)) return [];
  return (actions as ActionLike[])
    .filter((a) => typeof a.title === 'string' || typeof a.value === 'string')
    .map((a) => {
      const title = typeof a.title === 'string' ? a.title : String(a.value);
      return { title, value: typeof a.value === 'string' ? a.value : title };
    });
}

/** The question lists its choices with their own numbers (the emergency screen): a "2" is the answer itself. */
export function isNumberedPrompt(activity: Pick<Partial<Activity>, 'channelData'> | Pick<StoredActivity, 'channelData'>): boolean {
  return (activity.channelData as { prompt?: { numbered?: unknown } } | undefined)?.prompt?.numbered === true;
}

/** The choices of the bot's last message, if that message asked a question whose choices SMS numbers. */
export function lastBotChoices(transcript: StoredActivity[]): SmsChoice[] {
  const last = [...transcript].reverse().find((a) => a.type === 'message' && a.from.role === 'bot');
  return last && !isNumberedPrompt(last) ? activityChoices(last) : [];
}

/** A numbered list as a text: a one-line question, then each choice's own number and short label. */
export function ownNumberedLines(question: string, choices: SmsChoice[]): string {
  return [question, ...choices.map((c) => `${c.value}. ${c.title}`)].join('\n');
}

const NUMBERED = /^\s*(\d{1,2})\s*[.)]?\s*$/;

/** Maps "2" (or "2." / "2)") to the second choice's value; anything else is passed on unchanged. */
export function resolveNumberedReply(text: string, choices: SmsChoice[]): { text: string; choiceIndex?: number } {
  const m = NUMBERED.exec(text);
  if (!m || choices.length === 0) return { text };
  const index = Number(m[1]) - 1;
  const choice = choices[index];
  return choice ? { text: choice.value, choiceIndex: index } : { text };
}

export function numberedLines(choices: SmsChoice[]): string {
  return choices.map((c, i) => `${i + 1}. ${c.title}`).join('\n');
}
