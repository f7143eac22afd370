// A scripted web chat patient talking to the real bot pipeline (runTurn), for tests.
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Services } from '../../src/services';

export interface BotReply {
  text: string;
  prompt?: { kind: string; id: string };
  triage?: { disposition: string; caseId: string; reasons: Array<{ code: string; text: string }>; protocol: string };
  guard?: { action: string; reason: string };
  actions: string[];
  raw: Partial<Activity>;
}

export class TestPatient {
  readonly conversationId = `test-${randomUUID()}`;
  constructor(
    private readonly services: Services,
    public locale: string | undefined = 'en',
    private readonly channelId = 'webchat',
  ) {}

  get key(): string {
    return `${this.channelId}:${this.conversationId}`;
  }

  async say(text: string | undefined, extra: Partial<Activity> = {}): Promise<BotReply[]> {
    const replies = await this.services.runtime.runTurn({
      type: 'message',
      channelId: this.channelId,
      conversation: { id: this.conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: `user-${this.conversationId}`, name: '', role: 'user' },
      recipient: { id: 'bot', name: '', role: 'bot' },
      serviceUrl: 'http://localhost',
      locale: this.locale,
      text,
      ...extra,
    });
    return replies.filter((r) => r.type === 'message').map(toReply);
  }

  /** Says the agreeing consent answer (the first suggested action of the consent prompt). */
  async consent(replies: BotReply[]): Promise<BotReply[]> {
    const prompt = replies.find((r) => r.prompt?.kind === 'consent');
    if (!prompt) throw new Error('no consent prompt in replies');
    return this.say(prompt.actions[0]);
  }
}

export function toReply(a: Partial<Activity>): BotReply {
  const cd = (a.channelData ?? {}) as Record<string, unknown>;
  return {
    text: a.text ?? '',
    prompt: cd.prompt as BotReply['prompt'],
    triage: cd.triage as BotReply['triage'],
    guard: cd.guard as BotReply['guard'],
    actions: (a.suggestedActions?.actions ?? []).map((x) => String(x.value)),
    raw: a,
  };
}

export const lastPrompt = (replies: BotReply[]): BotReply | undefined => [...replies].reverse().find((r) => r.prompt);
export const triageOf = (replies: BotReply[]): BotReply['triage'] => replies.find((r) => r.triage)?.triage;
