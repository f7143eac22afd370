// The one boundary between the bot and any language model. Everything is optional: without config.llm (and no
// injected model) createLlmGateway returns undefined and the deterministic engine serves every turn. With one,
// every method still returns the deterministic result (or undefined) on any failure, within the timeout.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI } from '@langchain/openai';
import type { Registry } from 'prom-client';
import type { Clinic } from '../config/clinic';
import type { Config } from '../config/env';
import type { Logger } from '../observability/logger';
import type { GuardEvent } from '../repositories/cases';
import type { Disposition, Language, Reason } from '../triage/types';
import { answerGeneral } from './chains/faq';
import { extractFindings, type ExtractionResult } from './chains/extraction';
import { handoverNote } from './chains/handover';
import { phraseReply } from './chains/phrasing';
import type { ChainContext, LlmTurnBudget } from './chains/context';
import { CircuitBreaker } from './circuit-breaker';
import { createLlmMetrics } from './metrics';
import { loadPrompts, type PromptLibrary } from './prompts';

export type { LlmTurnBudget } from './chains/context';

export interface LlmGateway {
  extractFindings(
    input: { text: string; lang: Language; knownFindingIds: string[]; allowedFindingIds: string[] },
    budget: LlmTurnBudget,
  ): Promise<ExtractionResult>;
  /** Returns the deterministic text on any failure. */
  phraseReply(
    input: { text: string; lang: Language; disposition?: Disposition; mustKeep: string[] },
    budget: LlmTurnBudget,
  ): Promise<{ text: string; events: GuardEvent[] }>;
  /** SBAR note for staff; not counted against the patient-turn budget. `report` receives the events when it returns undefined. */
  handoverNote(
    input: { lang: 'en'; transcript: Array<{ role: 'user' | 'bot' | 'staff'; text: string }>; disposition: Disposition; reasons: Reason[]; findings: Array<{ id: string; present: boolean }> },
    report?: (events: GuardEvent[]) => void,
  ): Promise<{ note: string; events: GuardEvent[] } | undefined>;
  /** Undefined when the clinic file does not answer, the question is refused, or the model fails; `report` then receives the events. */
  answerGeneral(
    input: { question: string; lang: Language; faq: Clinic['faq'] },
    budget: LlmTurnBudget,
    report?: (events: GuardEvent[]) => void,
  ): Promise<{ text: string; events: GuardEvent[] } | undefined>;
}

export interface LlmTuning {
  /** Whole call including retries; defaults to config.timeoutMs, else 8000. */
  timeoutMs: number;
  maxRetries: number;
  baseDelayMs: number;
  breakerThreshold: number;
  breakerCooldownMs: number;
}

export interface LlmGatewayOptions {
  config: Config['llm'];
  logger: Logger;
  registry: Registry;
  /** An injected model (tests: LangChain fake chat models); used even without config. */
  model?: BaseChatModel;
  prompts?: PromptLibrary;
  /** When set, an emergency reply that loses this number is refused. */
  emergencyNumber?: string;
  tuning?: Partial<LlmTuning>;
  now?: () => Date;
}

const DEFAULTS = { timeoutMs: 8000, maxRetries: 2, baseDelayMs: 250, breakerThreshold: 5, breakerCooldownMs: 30_000 };

function openAiModel(llm: NonNullable<Config['llm']>): BaseChatModel {
  return new ChatOpenAI({
    model: llm.model,
    apiKey: llm.apiKey,
    configuration: llm.baseUrl ? { baseURL: llm.baseUrl } : undefined,
    temperature: 0.2,
    // Retries and the deadline are ours (runner.ts): the client must not retry on its own past the budget.
    maxRetries: 0,
    timeout: llm.timeoutMs,
  });
}

export function createLlmGateway(opts: LlmGatewayOptions): LlmGateway | undefined {
  if (!opts.config && !opts.model) return undefined;
  const model = opts.model ?? openAiModel(opts.config as NonNullable<Config['llm']>);
  const tuning = { ...DEFAULTS, ...(opts.config ? { timeoutMs: opts.config.timeoutMs } : {}), ...opts.tuning };
  const metrics = createLlmMetrics(opts.registry);
  const ctx: ChainContext = {
    model,
    prompts: opts.prompts ?? loadPrompts(),
    metrics,
    logger: opts.logger,
    now: opts.now ?? (() => new Date()),
    emergencyNumber: opts.emergencyNumber,
    runner: {
      timeoutMs: tuning.timeoutMs,
      maxRetries: tuning.maxRetries,
      baseDelayMs: tuning.baseDelayMs,
      breaker: new CircuitBreaker(tuning.breakerThreshold, tuning.breakerCooldownMs),
      metrics,
    },
  };
  return {
    extractFindings: (input, budget) => extractFindings(ctx, input, budget),
    phraseReply: (input, budget) => phraseReply(ctx, input, budget),
    handoverNote: (input, report) => handoverNote(ctx, input, report),
    answerGeneral: (input, budget, report) => answerGeneral(ctx, input, budget, report),
  };
}
