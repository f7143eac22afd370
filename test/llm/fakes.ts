// Test doubles for the LLM layer: a scripted fake chat model (answers, HTTP-like errors, hangs) built on
// LangChain's FakeListChatModel so withStructuredOutput works the same way, and a gateway factory.
import type { BaseMessage } from '@langchain/core/messages';
import { AIMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createLlmGateway, type LlmGateway, type LlmTuning } from '../../src/llm/gateway';

export type Step = string | { status: number } | { hang: true } | { throws: string };

export class ScriptedChatModel extends FakeListChatModel {
  calls = 0;
  prompts: BaseMessage[][] = [];

  constructor(private readonly script: Step[]) {
    super({ responses: ['unused'] });
  }

  override async _generate(messages: BaseMessage[], options?: this['ParsedCallOptions']): Promise<ChatResult> {
    this.calls++;
    this.prompts.push(messages);
    const step = this.script.shift() ?? { throws: 'script exhausted' };
    if (typeof step === 'string') return { generations: [{ text: step, message: new AIMessage(step) }] };
    if ('status' in step) throw Object.assign(new Error(`HTTP ${step.status}`), { status: step.status });
    if ('throws' in step) throw new Error(step.throws);
    // Never answers; rejects only when the caller aborts, like a hung HTTP request.
    return new Promise<ChatResult>((_, reject) => {
      options?.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
  }
}

export function fakeModel(...responses: string[]): FakeListChatModel {
  return new FakeListChatModel({ responses });
}

export const silent = pino({ level: 'silent' });

export function gatewayWith(model: FakeListChatModel, tuning: Partial<LlmTuning> = {}, registry = new Registry()): { gw: LlmGateway; registry: Registry } {
  const gw = createLlmGateway({ config: undefined, model, logger: silent, registry, emergencyNumber: '911', tuning: { timeoutMs: 1500, baseDelayMs: 20, ...tuning } });
  if (!gw) throw new Error('gateway expected');
  return { gw, registry };
}

/** Everything a fake model was sent in one call, as text. */
export function sentText(messages: BaseMessage[] | undefined): string {
  return (messages ?? []).map((m) => m.text).join('\n');
}

export const budget = (): { used: boolean } => ({ used: false });
