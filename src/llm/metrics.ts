// The LLM layer's Prometheus metrics, added to the app's registry (one registry per app instance). Registering
// twice on one registry (two gateways in a test) reuses the existing metrics instead of throwing.
import { Counter, Histogram, type Registry } from 'prom-client';

export type LlmChain = 'extraction' | 'phrasing' | 'handover' | 'faq';
export type LlmOutcome = 'ok' | 'guard_fallback' | 'refused' | 'no_answer' | 'error' | 'timeout' | 'circuit_open' | 'budget_used';

export interface LlmMetrics {
  calls: Counter<'chain' | 'outcome'>;
  latency: Histogram<'chain'>;
  tokens: Counter<'chain' | 'kind'>;
  guardEvents: Counter<'guard' | 'action'>;
}

function reuse<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

export function createLlmMetrics(registry: Registry): LlmMetrics {
  const registers = [registry];
  return {
    calls: reuse(registry, 'llm_calls_total', () => new Counter({ name: 'llm_calls_total', help: 'LLM chain calls by outcome', labelNames: ['chain', 'outcome'], registers })),
    latency: reuse(registry, 'llm_latency_seconds', () => new Histogram({ name: 'llm_latency_seconds', help: 'LLM call latency including retries', labelNames: ['chain'], buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 16], registers })),
    tokens: reuse(registry, 'llm_tokens_total', () => new Counter({ name: 'llm_tokens_total', help: 'Tokens used, as reported by the model', labelNames: ['chain', 'kind'], registers })),
    guardEvents: reuse(registry, 'llm_guard_events_total', () => new Counter({ name: 'llm_guard_events_total', help: 'Input and output guard decisions', labelNames: ['guard', 'action'], registers })),
  };
}
