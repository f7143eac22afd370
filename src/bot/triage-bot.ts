// The one bot every channel runs. Each patient message goes: language → what the text says
// (deterministic, no LLM) → emergency gate (in the base dialog) → dialogs → replies; the
// transcript middleware has stored the message and stores every reply.
import { ActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import type { MainDialog } from '../../dialogs/main-dialog';
import { MAIN_DIALOG } from '../../dialogs/main-dialog';
import type { LlmTurnBudget } from '../llm';
import { messageActivity } from './activities';
import { conversationKey } from './conversation-key';
import type { BotDeps } from './deps';
import { runEmergencyGate } from './emergency-step';
import { languageCues, resolveLanguage } from './language';
import { setTurnInfo, type PatientState, type TurnInfo } from './patient-state';
import { isQuietTurn } from './quiet-turn';
import { DEFAULT_TURN_BUDGET_MS, llmDeadline, markTurnStart } from './turn-budget';
import { readTurn } from './understanding';

/** The longest text the engine reads; the transcript keeps the whole message. */
const MAX_TEXT = 4000;

/** Holds a key while a task runs (StoreLease: in the store, so all instances see it). */
export interface TurnLease {
  run<T>(key: string, task: () => Promise<T>, onWaitedOut?: () => void): Promise<T>;
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

  private async handleMessage(context: TurnContext): Promise<void> {
    this.deps.metrics.turns.inc({ channel: context.activity.channelId });
    const patient = await this.patientState.get(context, {});
    const raw = typeof context.activity.text === 'string' ? context.activity.text : typeof context.activity.value === 'string' ? context.activity.value : '';
    const text = raw.trim().slice(0, MAX_TEXT);
    context.activity.text = text;
    const lang = resolveLanguage({
      locale: context.activity.locale,
      text,
      cues: languageCues(this.deps.i18n),
      conversation: patient.language,
      clinicDefault: this.deps.clinic.defaultLanguage,
      supported: this.deps.clinic.languages,
    });
    patient.language = lang;
    // The one LLM call a turn may make must answer within what is left of the turn's budget.
    const llmBudget: LlmTurnBudget = { used: false, deadline: llmDeadline(context, this.deps.turnBudgetMs ?? DEFAULT_TURN_BUDGET_MS) };
    const info: TurnInfo = { lang, text, llmBudget, emergencyHandled: false, clinicalSignal: 'none' };
    setTurnInfo(context, info);
    const isMessage = context.activity.type === 'message';
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
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG);
    // What happened, never what was said.
    this.deps.logger.debug({ lang, consent: patient.consent ?? 'pending', protocol: patient.triage?.protocol ?? null, handoff: false }, 'turn');
  }
}
