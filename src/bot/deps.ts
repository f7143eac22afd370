// What the dialogs need, handed to them through their constructors.
import type { Clinic } from '../config/clinic';
import type { AfterTurnWork } from './after-turn';
import type { LlmGateway } from '../llm';
import type { I18n } from '../i18n';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { CaseRepository } from '../repositories/cases';
import type { ConversationRepository } from '../repositories/conversations';
import type { TranscriptRepository } from '../repositories/transcripts';
import type { ClinicalContent } from '../triage/content';
import type { AppointmentRepository } from '../scheduling/appointments';
import type { ReferenceGuard } from '../scheduling/reference-guard';
import type { IcsLinkSigner } from '../scheduling/ics';

export interface BotDeps {
  clinic: Clinic;
  content: ClinicalContent;
  i18n: I18n;
  cases: CaseRepository;
  conversations: ConversationRepository;
  metrics: Metrics;
  logger: Logger;
  appointments: AppointmentRepository;
  links: IcsLinkSigner;
  references: ReferenceGuard;
  now: () => Date;
  /** Undefined when no LLM is configured: the deterministic engine serves every turn. */
  llm?: LlmGateway;
  transcripts: TranscriptRepository;
  /** The total time a patient turn may take, LLM waits included (turn-budget.ts); default 5 s. */
  turnBudgetMs?: number;
  /** Runs work after the reply is out (the LLM handover note); without it, such work runs untracked. */
  afterTurn?: AfterTurnWork;
}
