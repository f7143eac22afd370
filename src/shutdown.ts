// How long a stopping instance waits, so that no patient turn in flight is cut: first for the HTTP
// requests (a turn can wait one budget for the turn before it in its conversation, then take its
// own), then for the work that follows turns (LLM handover notes, SMS texts sent after the webhook
// answer). The orchestrator's grace period (Kubernetes terminationGracePeriodSeconds, compose's
// stop_grace_period) must be longer than the sum; the README says so.
import type { Config } from './config/env';

/** The old fixed drain; never less than this. */
const MIN_REQUEST_DRAIN_MS = 10_000;
const MARGIN_MS = 2_000;
/** twilio-client.ts: the REST client's own request timeout. */
const TWILIO_REQUEST_MS = 10_000;

export interface DrainPlan {
  /** In-flight HTTP requests get this long; then their connections are closed. */
  requestsMs: number;
  /** Then work that follows turns gets this long. */
  afterTurnMs: number;
}

export function drainPlan(config: Pick<Config, 'turnBudgetMs' | 'llm' | 'twilio'>): DrainPlan {
  const longestTurn = 2 * config.turnBudgetMs;
  const handoverNote = config.llm?.timeoutMs ?? 0;
  // A late SMS waits for its turn to end, then for Twilio's API.
  const lateSms = config.twilio ? config.turnBudgetMs + TWILIO_REQUEST_MS : 0;
  return {
    requestsMs: Math.max(MIN_REQUEST_DRAIN_MS, longestTurn + MARGIN_MS),
    afterTurnMs: Math.max(handoverNote, lateSms) + MARGIN_MS,
  };
}
