// The composition root: every collaborator is built here, once, from the validated config and an
// opened store, and handed to routes and dialogs through their constructors.
import { AfterTurnWork } from './bot/after-turn';
import { createBotRuntime, type BotRuntime } from './bot/create-bot';
import type { BotDeps } from './bot/deps';
import { OutboundRegistry } from './channels/outbound';
import { smsSender } from './channels/sms/sender';
import type { SmsClient } from './channels/sms/twilio-client';
import { teamsSender } from './channels/teams/sender';
import { webchatSender } from './channels/webchat-sender';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Config } from './config/env';
import { createLlmGateway } from './llm';
import { loadClinic, type Clinic } from './config/clinic';
import { createI18n, type I18n } from './i18n';
import type { Logger } from './observability/logger';
import { createMetrics, type Metrics } from './observability/metrics';
import { CaseRepository } from './repositories/cases';
import { ConversationRepository } from './repositories/conversations';
import { TranscriptRepository } from './repositories/transcripts';
import { AppointmentRepository } from './scheduling/appointments';
import { ReferenceGuard } from './scheduling/reference-guard';
import { DEFAULT_LEASE_TIMINGS, StoreLease } from './store/lease';
import { icsLinkSigner } from './scheduling/ics';
import { FieldCipher } from './security/field-cipher';
import { StoreBotStorage } from './store/bot-storage';
import type { Store } from './store/collection';
import { createStaffRepositories, type StaffRepositories } from './staff/repositories';
import { loadClinicalContent, type ClinicalContent } from './triage/content';

export interface Repositories {
  conversations: ConversationRepository;
  transcripts: TranscriptRepository;
  cases: CaseRepository;
  appointments: AppointmentRepository;
  /** Staff accounts, sessions, login throttling and the audit log (src/staff). */
  staff: StaffRepositories;
}

export interface Services {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  store: Store;
  cipher: FieldCipher;
  clinic: Clinic;
  i18n: I18n;
  repos: Repositories;
  botStorage: StoreBotStorage;
  content: ClinicalContent;
  botDeps: BotDeps;
  runtime: BotRuntime;
  /** Delivers staff replies and reminders on the patient's own channel. */
  outbound: OutboundRegistry;
  /** Work that follows a turn without holding its reply (handover notes, late SMS texts); drained at shutdown. */
  afterTurn: AfterTurnWork;
  /** Twilio's REST API for texts sent outside a webhook's answer; built from config unless injected. */
  smsClient?: SmsClient;
  now: () => Date;
}

/** The bundled clinical files are read-only: parsed and validated once per process, not per app. */
let bundled: ClinicalContent | undefined;
function bundledClinicalContent(): ClinicalContent {
  return (bundled ??= loadClinicalContent());
}

export interface ServiceOptions {
  config: Config;
  logger: Logger;
  store: Store;
  metrics?: Metrics;
  clinic?: Clinic;
  content?: ClinicalContent;
  /** A chat model to use instead of the configured endpoint (evaluation and tests). */
  llmModel?: BaseChatModel;
  /** A Twilio REST client to use instead of one built from config (tests: a local fake of the API). */
  smsClient?: SmsClient;
  now?: () => Date;
}

export function createServices(opts: ServiceOptions): Services {
  const { config, logger, store } = opts;
  const now = opts.now ?? (() => new Date());
  const cipher = new FieldCipher(config.dataKeys);
  const retentionMs = config.conversationRetentionDays * 24 * 3600 * 1000;
  const conversations = new ConversationRepository(store, cipher, retentionMs, now);
  const repos: Repositories = {
    conversations,
    transcripts: new TranscriptRepository(store, conversations, cipher, now),
    cases: new CaseRepository(store, cipher, now),
    appointments: new AppointmentRepository(store, now),
    staff: createStaffRepositories(store, now),
  };
  const metrics = opts.metrics ?? createMetrics();
  const clinic = opts.clinic ?? loadClinic(config.clinicConfigPath);
  const i18n = createI18n();
  const content = opts.content ?? bundledClinicalContent();
  const botStorage = new StoreBotStorage(store, cipher, retentionMs, now);
  const afterTurn = new AfterTurnWork(logger);
  const llm = createLlmGateway({ config: config.llm, model: opts.llmModel, logger, registry: metrics.registry, emergencyNumber: clinic.emergencyNumber, now });
  const botDeps: BotDeps = { clinic, content, i18n, cases: repos.cases, conversations, metrics, logger, appointments: repos.appointments, links: icsLinkSigner(config), references: new ReferenceGuard(store, now), now, llm, transcripts: repos.transcripts, turnBudgetMs: config.turnBudgetMs, afterTurn };
  // A turn holds its conversation's lease for at most a few LLM calls; past that its holder is presumed gone.
  // A turn waits for the one before it at most one turn budget (that is how long the other can take),
  // then runs anyway: a patient's message is never held longer than two budgets.
  const turnLease = new StoreLease(store, now, { ...DEFAULT_LEASE_TIMINGS, waitMs: config.turnBudgetMs, holdMs: Math.max(DEFAULT_LEASE_TIMINGS.holdMs, 4 * (config.llm?.timeoutMs ?? 0)) });
  const runtime = createBotRuntime(botDeps, botStorage, repos.transcripts, turnLease);
  const outbound = new OutboundRegistry();
  outbound.register('webchat', webchatSender(runtime));
  outbound.register('sms', smsSender({ config, cipher, store, conversations, runtime, logger, now, client: opts.smsClient }));
  outbound.register('msteams', teamsSender({ config, runtime, conversations, logger }));
  return { config, logger, metrics, store, cipher, clinic, i18n, repos, botStorage, content, botDeps, runtime, outbound, afterTurn, smsClient: opts.smsClient, now };
}
