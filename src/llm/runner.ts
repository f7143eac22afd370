// One model call under a single deadline: retries with exponential backoff on 429 and 5xx while time remains,
// a circuit breaker, token and latency metrics. It never throws: the caller gets a value or a reason, and answers
// with the deterministic reply on any reason.
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import type { Callbacks } from '@langchain/core/callbacks/manager';
import type { LLMResult } from '@langchain/core/outputs';
import type { CircuitBreaker } from './circuit-breaker';
import type { LlmChain, LlmMetrics } from './metrics';

export interface RunnerOptions {
  timeoutMs: number;
  /** Retries after the first attempt, all within timeoutMs. */
  maxRetries: number;
  baseDelayMs: number;
  breaker: CircuitBreaker;
  metrics: LlmMetrics;
}

export type CallFailure = 'error' | 'timeout' | 'circuit_open' | 'schema' | 'turn_budget';
export type CallResult<T> = { ok: true; value: T } | { ok: false; failure: CallFailure; reason: string };
export type ModelCall<T> = (config: { signal: AbortSignal; callbacks: Callbacks }) => Promise<T>;

class DeadlineExceeded extends Error {
  constructor() {
    super('LLM deadline exceeded');
    this.name = 'DeadlineExceeded';
  }
}

function statusOf(err: unknown): number | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { status?: unknown; response?: { status?: unknown } };
  const s = e.status ?? e.response?.status;
  return typeof s === 'number' ? s : undefined;
}

function retryAfterMs(err: unknown): number | undefined {
  const headers = (err as { headers?: unknown } | undefined)?.headers;
  const raw = headers instanceof Headers ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  const s = raw === undefined || raw === null ? NaN : Number(raw);
  return Number.isFinite(s) ? s * 1000 : undefined;
}

/** The endpoint answered but the answer did not parse: the model's fault, not the endpoint's (no retry, no breaker). */
function isSchemaError(err: unknown): boolean {
  if (statusOf(err) !== undefined) return false;
  const name = (err as Error | undefined)?.name ?? '';
  return err instanceof SyntaxError || /OutputParser|ZodError|SchemaError/.test(name) || /JSON|parse|schema/i.test((err as Error | undefined)?.message ?? '');
}

function tokenCallbacks(chain: LlmChain, metrics: LlmMetrics): Callbacks {
  return [
    BaseCallbackHandler.fromMethods({
      handleLLMEnd(output: LLMResult) {
        // OpenAI-compatible servers report usage in llmOutput; some LangChain models only on the message.
        const usage = output.llmOutput?.tokenUsage as { promptTokens?: number; completionTokens?: number } | undefined;
        const meta = (output.generations[0]?.[0] as { message?: { usage_metadata?: { input_tokens?: number; output_tokens?: number } } } | undefined)?.message?.usage_metadata;
        const prompt = usage?.promptTokens ?? meta?.input_tokens ?? 0;
        const completion = usage?.completionTokens ?? meta?.output_tokens ?? 0;
        if (prompt) metrics.tokens.inc({ chain, kind: 'prompt' }, prompt);
        if (completion) metrics.tokens.inc({ chain, kind: 'completion' }, completion);
      },
    }),
  ];
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Less time than this left in the patient's turn: no call is made, the deterministic reply goes out. */
export const MIN_CALL_MS = 300;

/**
 * @param turnDeadline epoch ms by which the patient's turn must be answered: the call gets
 *   whichever is shorter, its own timeout or the time left in the turn, and is not made at all
 *   when too little is left.
 */
export async function callModel<T>(chain: LlmChain, call: ModelCall<T>, opts: RunnerOptions, onStart: () => void = () => undefined, turnDeadline?: number): Promise<CallResult<T>> {
  const timeoutMs = turnDeadline === undefined ? opts.timeoutMs : Math.min(opts.timeoutMs, turnDeadline - Date.now());
  if (timeoutMs < MIN_CALL_MS) return { ok: false, failure: 'turn_budget', reason: 'turn_budget_spent' };
  if (!opts.breaker.tryAcquire()) return { ok: false, failure: 'circuit_open', reason: 'circuit_open' };
  onStart();
  const started = Date.now();
  const deadline = started + timeoutMs;
  const controller = new AbortController();
  // The race makes the deadline hold even for a model that ignores the abort signal.
  let expire: () => void = () => undefined;
  const expired = new Promise<never>((_, reject) => {
    expire = () => reject(new DeadlineExceeded());
  });
  expired.catch(() => undefined);
  const timer = setTimeout(() => {
    controller.abort(new DeadlineExceeded());
    expire();
  }, timeoutMs);
  const callbacks = tokenCallbacks(chain, opts.metrics);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const value = await Promise.race([call({ signal: controller.signal, callbacks }), expired]);
        opts.breaker.onSuccess();
        return { ok: true, value };
      } catch (err) {
        if (controller.signal.aborted || err instanceof DeadlineExceeded) {
          opts.breaker.onFailure();
          return { ok: false, failure: 'timeout', reason: 'timeout' };
        }
        if (isSchemaError(err)) {
          opts.breaker.onSuccess();
          return { ok: false, failure: 'schema', reason: 'unparseable' };
        }
        const status = statusOf(err);
        const retryable = status === 429 || (status !== undefined && status >= 500);
        const delay = Math.max(retryAfterMs(err) ?? 0, opts.baseDelayMs * 2 ** attempt * (0.75 + Math.random() / 2));
        // Retry only when the wait and a reasonable attempt still fit in the budget.
        if (!retryable || attempt >= opts.maxRetries || Date.now() + delay + opts.baseDelayMs >= deadline) {
          opts.breaker.onFailure();
          return { ok: false, failure: 'error', reason: status ? `http_${status}` : 'error' };
        }
        await sleep(delay, controller.signal);
        if (controller.signal.aborted) {
          opts.breaker.onFailure();
          return { ok: false, failure: 'timeout', reason: 'timeout' };
        }
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
    opts.metrics.latency.observe({ chain }, (Date.now() - started) / 1000);
  }
}
