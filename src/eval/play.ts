// Plays one vignette exactly as ../shared/eval/README.md says, through the same turn pipeline a
// web chat patient's Direct Line POST uses (runTurn with a webchat activity).
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { BotRuntime } from '../bot/create-bot';
import type { Disposition } from '../triage/types';
import type { Vignette } from './vignettes';

export const MAX_PATIENT_MESSAGES = 15;

export interface PlayResult {
  id: string;
  outcome: Disposition | 'none' | 'no outcome';
  messages: number;
  transcript: Array<{ role: 'patient' | 'bot'; text: string }>;
}

interface ChannelData {
  triage?: { disposition: Disposition };
  guard?: { action: string };
  prompt?: { kind: string; id: string };
}

const cd = (a: Partial<Activity>): ChannelData => (a.channelData ?? {}) as ChannelData;

export async function playVignette(runtime: BotRuntime, v: Vignette): Promise<PlayResult> {
  const conversationId = `eval-${v.id}-${randomUUID().slice(0, 8)}`;
  const transcript: PlayResult['transcript'] = [];
  let sent = 0;

  const send = async (text: string): Promise<Partial<Activity>[]> => {
    sent++;
    transcript.push({ role: 'patient', text });
    const replies = await runtime.runTurn({
      type: 'message',
      channelId: 'webchat',
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: `patient-${conversationId}`, name: '', role: 'user' },
      recipient: { id: 'bot', name: '', role: 'bot' },
      serviceUrl: 'http://localhost',
      locale: v.lang,
      text,
    });
    const messages = replies.filter((r) => r.type === 'message');
    for (const r of messages) transcript.push({ role: 'bot', text: r.text ?? '' });
    return messages;
  };

  const outcomeOf = (replies: Partial<Activity>[]): PlayResult['outcome'] | undefined => {
    const triage = replies.find((r) => cd(r).triage);
    if (triage) return cd(triage).triage!.disposition;
    if (replies.some((r) => cd(r).guard?.action === 'refused')) return 'none';
    return undefined;
  };

  let last: Partial<Activity>[] = [];
  let refused = false;
  for (const m of v.messages) {
    last = await send(m);
    const outcome = outcomeOf(last);
    // A triage outcome ends the case at once; a refusal only after every opening message was sent
    // (a refused injection may be followed by real symptoms).
    if (outcome && outcome !== 'none') return { id: v.id, outcome, messages: sent, transcript };
    refused = outcome === 'none';
  }
  if (refused) return { id: v.id, outcome: 'none', messages: sent, transcript };
  while (sent < MAX_PATIENT_MESSAGES) {
    last = await send(answerFor(v, last));
    const outcome = outcomeOf(last);
    if (outcome) return { id: v.id, outcome, messages: sent, transcript };
  }
  return { id: v.id, outcome: 'no outcome', messages: sent, transcript };
}

/** The patient's reply to the last new bot activity that carries a prompt. */
export function answerFor(v: Vignette, replies: Partial<Activity>[]): string {
  const prompt = [...replies].reverse().find((r) => cd(r).prompt);
  if (!prompt) return v.default;
  if (cd(prompt).prompt!.kind === 'consent') return String(prompt.suggestedActions?.actions[0]?.value ?? v.default);
  const text = (prompt.text ?? '').toLowerCase();
  const entry = v.answers.find((a) => a.ask.some((stem) => text.includes(stem.toLowerCase())));
  return entry ? entry.say : v.default;
}
