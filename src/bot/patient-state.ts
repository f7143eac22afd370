// What the bot remembers about a conversation between turns (in ConversationState, so in the
// shared store): consent, language, and everything the patient has told the triage engine,
// even before consent, so nothing is asked twice.
import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Reading, TriageState } from '../triage/engine';
import type { PromptSpec } from './activities';
import type { PatientSummary } from './patient-summary';
import type { GuardEvent, PatientIdentity } from '../repositories/cases';
import type { Disposition, Language } from '../triage/types';

export interface PatientState {
  consent?: 'given' | 'declined';
  language?: Language;
  /** Where the language came from: the page (a guess), the patient's words, or the patient's choice. */
  languageSource?: 'page' | 'words' | 'chosen';
  triage?: TriageState;
  /** The last triage reached an outcome: a new complaint starts a fresh assessment. */
  triageFinished?: boolean;
  lastOutcome?: { disposition: Disposition; caseId: string; protocol: string; crisis?: boolean };
  /** Set when an emergency answer was given, so the next turns keep repeating the advice sensibly. */
  emergencyGiven?: boolean;
  /** Red flags already answered and escalated in this conversation. */
  emergencyFlags?: string[];
  /** The crisis line was given because a message hinted at self-harm (before any outcome). */
  crisisSupportGiven?: boolean;
  /** Guard decisions of this conversation not yet attached to a case. */
  guardEvents?: GuardEvent[];
  /** The patient asked for a person: until a nurse takes the case (or hands it back), messages go to the case. */
  awaitingPerson?: { caseId: string; since: string };
  /** Who the patient is, when they chose to say (the bot state is encrypted at rest). */
  identity?: PatientIdentity;
  /** The patient's summary of the last outcome, sent once the conversation about it ends. */
  summary?: PatientSummary;
  /** The identity questions were offered once in this conversation: not again. */
  identityAsked?: boolean;
  /** The disclosure (automated assistant, emergency number) was shown in this conversation. */
  disclosed?: boolean;
  /** The triage state before each of the last answers, with the question it answered: "go back" returns to it. */
  answerHistory?: AnsweredQuestion[];
}

export interface AnsweredQuestion {
  before: TriageState;
  question: PromptSpec;
}

/** How many answers a patient can go back through. */
export const MAX_ANSWER_HISTORY = 5;

/**
 * "Start over" / "stop": the next message begins a new assessment. Consent and language stay; the
 * case already recorded stays for staff; red flags already escalated are not escalated twice.
 */
export function resetAssessment(patient: PatientState): void {
  delete patient.triage;
  delete patient.answerHistory;
  delete patient.lastOutcome;
  delete patient.awaitingPerson;
  delete patient.summary;
  patient.triageFinished = false;
}

export interface TurnInfo {
  lang: Language;
  /** The patient's text this turn ('' for none). */
  text: string;
  /** At most one LLM call per patient turn. */
  llmBudget: { used: boolean };
  /** The emergency gate already answered this turn. */
  emergencyHandled: boolean;
  /** What this message told the engine: a complaint, another clinical fact, or nothing. */
  clinicalSignal: 'complaint' | 'fact' | 'none';
  /** What the engine knew before this message was read. */
  before?: TriageState;
  /** The one reading of this message (made once; the gate, the dialogs and the answer recorder use it). */
  reading?: Reading;
  /** The reading is merged into the patient's triage state already. */
  observed?: boolean;
}

const TURN_INFO = Symbol('turnInfo');

export function setTurnInfo(context: TurnContext, info: TurnInfo): void {
  context.turnState.set(TURN_INFO, info);
}

/** The turn's info when the bot has read the turn (undefined for a turn it has not, e.g. a staff reply). */
export function peekTurnInfo(context: TurnContext): TurnInfo | undefined {
  return context.turnState.get<TurnInfo | undefined>(TURN_INFO);
}

export function turnInfo(context: TurnContext): TurnInfo {
  const info = context.turnState.get<TurnInfo | undefined>(TURN_INFO);
  if (!info) {
    // Dialog tests may drive a dialog without the bot: fall back to the activity's locale.
    const lang = (context.activity.locale?.slice(0, 2) ?? 'en') as Language;
    const fresh: TurnInfo = { lang, text: context.activity.text ?? '', llmBudget: { used: false }, emergencyHandled: false, clinicalSignal: 'none' };
    context.turnState.set(TURN_INFO, fresh);
    return fresh;
  }
  return info;
}

export function patientStateAccessor(conversationState: ConversationState): StatePropertyAccessor<PatientState> {
  return conversationState.createProperty<PatientState>('patient');
}
