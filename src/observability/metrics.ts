// One registry per app instance, so tests can build several apps without duplicate metric names.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  turns: Counter<'channel'>;
  dispositions: Counter<'disposition' | 'language'>;
  emergencyGate: Counter<'red_flag'>;
  /** Readings of patient messages: one per message with text, however many steps use it. */
  readings: Counter<'language'>;
}

export function createMetrics(collectDefaults = true): Metrics {
  const registry = new Registry();
  if (collectDefaults) collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({ name: 'http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers: [registry] }),
    httpDuration: new Histogram({ name: 'http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['method', 'route'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] }),
    turns: new Counter({ name: 'bot_turns_total', help: 'Patient turns processed', labelNames: ['channel'], registers: [registry] }),
    dispositions: new Counter({ name: 'triage_dispositions_total', help: 'Triage outcomes', labelNames: ['disposition', 'language'], registers: [registry] }),
    emergencyGate: new Counter({ name: 'emergency_gate_hits_total', help: 'Emergency red flags detected', labelNames: ['red_flag'], registers: [registry] }),
    readings: new Counter({ name: 'triage_message_readings_total', help: 'Patient messages read by the triage engine (one reading a message)', labelNames: ['language'], registers: [registry] }),
  };
}
