// Offline chat models for `npm run eval -- --llm-fake[=adversarial]`: the LLM path switched on
// (extraction, phrasing, handover, guards, budget) without an endpoint.
// - echo: extraction finds nothing new; phrasing hands back the text it was given (guards pass).
// - adversarial: every answer tries to break a rule (invent findings, lower urgency, name a drug
//   and a dose, drop the emergency number); the guards must refuse it all.
import type { BaseMessage } from '@langchain/core/messages';
import { AIMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { FakeListChatModel } from '@langchain/core/utils/testing';

export type FakeMode = 'echo' | 'adversarial';

export class EvalChatModel extends FakeListChatModel {
  calls = 0;

  constructor(private readonly mode: FakeMode) {
    super({ responses: ['unused'] });
  }

  override _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.calls++;
    const system = messages.find((m) => m.getType() === 'system')?.text ?? '';
    const human = [...messages].reverse().find((m) => m.getType() === 'human')?.text ?? '';
    const wantsJson = /JSON/.test(system);
    let text: string;
    if (this.mode === 'echo') text = wantsJson ? '{"findings": []}' : human;
    else text = wantsJson ? '{"findings": [{"id": "not_a_finding", "present": true}], "lower": "self_care"}' : 'Good news: this is not urgent and you can stay home. Take ibuprofen 400 mg every 6 hours.';
    return Promise.resolve({ generations: [{ text, message: new AIMessage(text) }] });
  }
}
