// The one bot every channel runs. Each patient message goes: language → what the text says
// (deterministic, no LLM) → emergency gate (in the base dialog) → dialogs → replies; the
// transcript middleware has stored the message and stores every reply.
import { ActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import { CONSENT_PROMPT, consentPrompt } from '../../dialogs/consent-dialog';
import { TRIAGE_ANSWER_PROMPT } from '../../dialogs/triage-dialog';
import { nextStep } from '../triage/engine';
import { triagePromptSpec } from './quick-replies';
import type { MainDialog } from '../../dialogs/main-dialog';
import { MAIN_DIALOG } from '../../dialogs/main-dialog';
import type { LlmTurnBudget } from '../llm';
import { messageActivity, promptActivity } from './activities';
import { conversationKey } from './conversation-key';
import type { BotDeps } from './deps';
import { runEmergencyGate } from './emergency-step';
import { detectLanguage, languageCues, localeLanguage, resolveLanguage } from './language';
import type { Language } from '../triage/types';
import { setTurnInfo, type PatientState, type TurnInfo } from './patient-state';
import { matchIntent } from './intents';
import { isQuietTurn } from './quiet-turn';
import { noteWhileWaiting } from './staff-request';
import { DEFAULT_TURN_BUDGET_MS, llmDeadline, markTurnStart } from './turn-budget';
import { readTurn } from './understanding';

/** The longest text the engine reads; the transcript keeps the whole message. */
const MAX_TEXT = 4000;

/** Holds a key while a task runs (StoreLease: in the store, so all instances see it). */
export interface TurnLease {
  run<T>(key: string, task: () => Promise<T>, onWaitedOut?: () => void): Promise<T>;
}

/**
 * What the patient answered: a button's value when a client sends one beside the label it shows
 * (the widget posts the label as text, so the bubble and the transcript read as the patient saw them),
 * else the typed text.
 */
export function answerText(text: unknown, value: unknown): string {
  if (typeof value === 'string' && value.trim()) return value.trim();
  return typeof text === 'string' ? text.trim() : '';
}

export class TriageBot extends ActivityHandler {
  private readonly dialogs: DialogSet;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly patientState: StatePropertyAccessor<PatientState>,
    dialogState: StatePropertyAccessor<DialogState>,
    mainDialog: MainDialog,
    private readonly deps: BotDeps,
    private readonly turns: TurnLease = { run: (_key, task) => task() },
  ) {
    super();
    this.dialogs = new DialogSet(dialogState);
    this.dialogs.add(mainDialog);
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      // The widget announces a new conversation, so the disclosure and consent come first.
      if (context.activity.name === 'startConversation') await this.handleMessage(context);
      else if (context.activity.name === 'setLanguage') await this.changeLanguage(context);
      await next();
    });
  }

  /**
   * One turn per conversation at a time, across every instance: botbuilder saves conversation state
   * with eTag "*" (last writer wins), so two overlapping turns (two texts reaching two instances, two
   * browser tabs) would each start from the old state and one would silently undo the other.
   */
  override async run(context: TurnContext): Promise<void> {
    markTurnStart(context);
    await this.turns.run(
      `turn:${conversationKey(context.activity)}`,
      async () => {
        await super.run(context);
        await this.conversationState.saveChanges(context, false);
      },
      // Rather than keep a patient waiting longer (or an SMS webhook past Twilio's timeout), the turn
      // runs; the last state save wins, as it would without the lease. Rare enough to look into.
      () => this.deps.logger.warn({ channel: context.activity.channelId }, 'turn ran while another turn of its conversation still held the lease'),
    );
  }

  /**
   * The patient picked a language in the widget's menu: it holds for the rest of the conversation, and
   * the question waiting for an answer is asked again in it.
   */
  private async changeLanguage(context: TurnContext): Promise<void> {
    const patient = await this.patientState.get(context, {});
    const wanted = localeLanguage(typeof context.activity.value === 'string' ? context.activity.value : context.activity.locale);
    if (!wanted || !this.deps.clinic.languages.includes(wanted)) return;
    patient.language = wanted;
    patient.languageSource = 'chosen';
    setTurnInfo(context, { lang: wanted, text: '', llmBudget: { used: false }, emergencyHandled: false, clinicalSignal: 'none' });
    const t = this.deps.i18n.t(wanted);
    await context.sendActivity(messageActivity(t('bot:language.changed')));
    const dc = await this.dialogs.createContext(context);
    if (!dc.activeDialog) return;
    let inner: DialogContext = dc;
    while (inner.child) inner = inner.child;
    const waitingFor = inner.activeDialog?.id;
    const next = patient.triage?.pending ? nextStep(this.deps.content, patient.triage, wanted) : undefined;
    if (waitingFor === TRIAGE_ANSWER_PROMPT && next?.kind === 'ask' && next.question.id === patient.triage?.pending) {
      await context.sendActivity(promptActivity(triagePromptSpec(next.question, t)));
    } else if (waitingFor === CONSENT_PROMPT) {
      await context.sendActivity(consentPrompt(t));
    } else {
      // Other questions (booking) are asked again as they were.
      await dc.repromptDialog();
    }
  }

  /**
   * The turn's language per CONTRACTS.md (locale, else the text's, else the conversation's). The
   * page's language, sent with the opening event, is only a first guess: until the patient's own
   * words have shown a language, one clear word of another language is enough to switch.
   */
  private turnLanguage(patient: PatientState, locale: string | undefined, text: string, isMessage: boolean): Language {
    const cues = languageCues(this.deps.i18n);
    const guessOnly = patient.languageSource === 'page';
    if (!isMessage) patient.languageSource ??= 'page';
    else if (localeLanguage(locale)) patient.languageSource = 'chosen';
    else if (guessOnly && detectLanguage(text, cues)) patient.languageSource = 'words';
    return resolveLanguage({
      locale,
      text,
      cues,
      // without a conversation language, detection does not need two words to switch
      conversation: guessOnly ? undefined : patient.language,
      clinicDefault: (guessOnly ? patient.language : undefined) ?? this.deps.clinic.defaultLanguage,
      supported: this.deps.clinic.languages,
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    this.deps.metrics.turns.inc({ channel: context.activity.channelId });
    const patient = await this.patientState.get(context, {});
    const text = answerText(context.activity.text, context.activity.value).slice(0, MAX_TEXT);
    context.activity.text = text;
    const isMessage = context.activity.type === 'message';
    const lang = this.turnLanguage(patient, context.activity.locale, text, isMessage);
    patient.language = lang;
    // The one LLM call a turn may make must answer within what is left of the turn's budget.
    const llmBudget: LlmTurnBudget = { used: false, deadline: llmDeadline(context, this.deps.turnBudgetMs ?? DEFAULT_TURN_BUDGET_MS) };
    const info: TurnInfo = { lang, text, llmBudget, emergencyHandled: false, clinicalSignal: 'none' };
    setTurnInfo(context, info);
    if (isMessage && !text) {
      await context.sendActivity(messageActivity(this.deps.i18n.t(lang)('bot:errors.empty')));
      return;
    }
    readTurn(context, this.deps, patient);

    const conversation = await this.deps.conversations.get(conversationKey(context.activity));
    if (conversation?.handoff || isQuietTurn(context)) {
      // A nurse holds this conversation, or the patient texted STOP: the bot stays silent, except for emergencies.
      await runEmergencyGate(context, this.deps, patient);
      return;
    }
    if (isMessage && patient.awaitingPerson && matchIntent(this.deps.i18n, text, lang) !== 'restart') {
      // Waiting for a person: the message goes to the case, not to triage; an emergency is still answered.
      if (await runEmergencyGate(context, this.deps, patient)) return;
      if (await noteWhileWaiting(context, this.deps, patient, lang)) return;
    }
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG);
    // What happened, never what was said.
    this.deps.logger.debug({ lang, consent: patient.consent ?? 'pending', protocol: patient.triage?.protocol ?? null, handoff: false }, 'turn');
  }
}
