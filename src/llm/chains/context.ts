// What every chain shares: the model, the prompts, the call runner, and one place that records guard decisions
// (on the turn, in the metrics, in the logs without text).
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseMessage } from '@langchain/core/messages';
import type { Logger } from '../../observability/logger';
import type { GuardEvent } from '../../repositories/cases';
import type { Language } from '../../triage/types';
import type { LlmChain, LlmMetrics, LlmOutcome } from '../metrics';
import type { PromptLibrary, PromptName } from '../prompts';
import { callModel, type CallFailure, type CallResult, type ModelCall, type RunnerOptions } from '../runner';

export interface LlmTurnBudget {
  used: boolean;
  /**
   * Epoch ms by which the patient's turn must have its answer (the turn's total budget, less what
   * the deterministic work after the call needs). A call that cannot fit is not made; one that
   * runs is cut there. Unset: only the call's own timeout applies.
   */
  deadline?: number;
}

export interface ChainContext {
  model: BaseChatModel;
  prompts: PromptLibrary;
  runner: RunnerOptions;
  metrics: LlmMetrics;
  logger: Logger;
  now: () => Date;
  emergencyNumber?: string;
}

/** The guard events of one chain call, mirrored into metrics and logs as they happen. */
export class GuardLog {
  readonly events: GuardEvent[] = [];

  constructor(
    private readonly ctx: ChainContext,
    private readonly chain: LlmChain,
  ) {}

  add(guard: string, action: GuardEvent['action'], reason?: string): void {
    this.events.push({ at: this.ctx.now(), guard, action, ...(reason ? { reason } : {}) });
    this.ctx.metrics.guardEvents.inc({ guard, action });
    this.ctx.logger[action === 'passed' ? 'debug' : 'info']({ llmChain: this.chain, guard, action, reason }, 'llm guard');
  }

  outcome(outcome: LlmOutcome, promptVersion?: number): void {
    this.ctx.metrics.calls.inc({ chain: this.chain, outcome });
    this.ctx.logger.debug({ llmChain: this.chain, outcome, promptVersion }, 'llm call');
  }
}

const FAILURE_GUARD: Record<CallFailure, string> = { schema: 'output_schema', circuit_open: 'circuit_breaker', turn_budget: 'turn_budget', error: 'llm_call', timeout: 'llm_call' };
const FAILURE_OUTCOME: Record<CallFailure, LlmOutcome> = { schema: 'guard_fallback', circuit_open: 'circuit_open', turn_budget: 'budget_used', error: 'error', timeout: 'timeout' };

/** True (and recorded) when this patient turn already had its one LLM call. */
export function budgetSpent(log: GuardLog, budget: LlmTurnBudget | undefined): boolean {
  if (!budget?.used) return false;
  log.add('turn_budget', 'fallback', 'llm_already_called_this_turn');
  log.outcome('budget_used');
  return true;
}

/**
 * The budgeted, resilient call: refuses a second call in the same patient turn, consumes the budget only when a
 * request really goes out, and records every failure as a fallback event.
 */
export async function guardedCall<T>(
  log: GuardLog,
  ctx: ChainContext,
  chain: LlmChain,
  budget: LlmTurnBudget | undefined,
  call: ModelCall<T>,
): Promise<CallResult<T> | undefined> {
  if (budgetSpent(log, budget)) return undefined;
  const result = await callModel(
    chain,
    call,
    ctx.runner,
    () => {
      if (budget) budget.used = true;
    },
    budget?.deadline,
  );
  if (!result.ok) {
    log.add(FAILURE_GUARD[result.failure], 'fallback', result.reason);
    log.outcome(FAILURE_OUTCOME[result.failure]);
  }
  return result;
}

export function prompt(ctx: ChainContext, name: PromptName, lang: Language): ReturnType<PromptLibrary['get']> {
  return ctx.prompts.get(name, lang);
}

/** A chat model's answer as plain text; non-string content (parts) is joined, anything else is empty. */
export function messageText(message: BaseMessage): string {
  const c: unknown = message.content;
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((p: unknown) => (typeof p === 'string' ? p : typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '')).join('');
  return '';
}

/** Applies an existing redaction to another string (a must-keep item that contains a redacted phone number). */
export function applyPlaceholders(s: string, placeholders: Map<string, string>): string {
  let out = s;
  for (const [ph, original] of placeholders) out = out.split(original).join(ph);
  return out;
}
