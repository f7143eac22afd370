// The total time one patient turn may take, on every channel. The clock starts when the turn
// enters the bot (before it waits for its conversation's lease), and LLM calls get only what is left
// of it: a model that is slow or never answers can delay a reply to at most the budget, and an
// emergency answer, which never calls a model, not at all.
import type { TurnContext } from 'botbuilder';

export const DEFAULT_TURN_BUDGET_MS = 5000;

/**
 * Kept back from the LLM for the deterministic work after its answer (guards, state, transcript,
 * case): a quarter of the budget, at most a second.
 */
export function reserveAfterLlmMs(budgetMs: number): number {
  return Math.min(1000, Math.floor(budgetMs / 4));
}

const TURN_STARTED = Symbol('turnStartedAt');

/** Marks when the turn began; the first mark wins (the adapter marks before the bot does). */
export function markTurnStart(context: TurnContext, at: number = Date.now()): void {
  if (context.turnState.get(TURN_STARTED) === undefined) context.turnState.set(TURN_STARTED, at);
}

/** Epoch ms by which any LLM call of this turn must have answered. */
export function llmDeadline(context: TurnContext, budgetMs: number): number {
  const started = context.turnState.get<number | undefined>(TURN_STARTED) ?? Date.now();
  return started + budgetMs - reserveAfterLlmMs(budgetMs);
}
