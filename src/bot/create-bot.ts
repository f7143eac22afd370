// Assembles the bot in one place: state over the shared store, dialogs with their collaborators,
// the transcript middleware, and the in-process adapter for web chat and SMS.
import { ConversationState, type Activity, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { MainDialog } from '../../dialogs/main-dialog';
import type { StoreBotStorage } from '../store/bot-storage';
import { messageActivity } from './activities';
import type { BotDeps } from './deps';
import { InProcessAdapter } from './in-process-adapter';
import { patientStateAccessor, turnInfo } from './patient-state';
import { markQuietTurn } from './quiet-turn';
import { TranscriptMiddleware } from './transcript-middleware';
import { TriageBot, type TurnLease } from './triage-bot';
import type { TranscriptRepository } from '../repositories/transcripts';

export interface BotRuntime {
  bot: TriageBot;
  adapter: InProcessAdapter;
  conversationState: ConversationState;
  transcriptMiddleware: TranscriptMiddleware;
  /**
   * Runs one inbound activity (web chat, SMS) through the bot; resolves with the stored replies.
   * A quiet turn answers only an emergency (quiet-turn.ts).
   */
  runTurn(activity: Partial<Activity>, options?: { quiet?: boolean }): Promise<Partial<Activity>[]>;
  /** Shared by every adapter: a polite apology to the patient, details only in the log (never text). */
  onTurnError(context: TurnContext, error: Error): Promise<void>;
}

export function createBotRuntime(deps: BotDeps, storage: StoreBotStorage, transcripts: TranscriptRepository, turns?: TurnLease): BotRuntime {
  const conversationState = new ConversationState(storage);
  const patientState = patientStateAccessor(conversationState);
  const dialogState = conversationState.createProperty<DialogState>('dialogState');
  const bot = new TriageBot(conversationState, patientState, dialogState, new MainDialog(deps, patientState), deps, turns);
  const transcriptMiddleware = new TranscriptMiddleware(deps.conversations, transcripts);
  const adapter = new InProcessAdapter();
  adapter.use(transcriptMiddleware);

  const onTurnError = async (context: TurnContext, error: Error): Promise<void> => {
    deps.logger.error({ errName: error.name, stack: error.stack?.split('\n').slice(1, 6).join('\n') }, 'turn failed');
    // Forget the half-done turn's state so the next message starts from the last good state.
    await conversationState.clear(context).catch(() => undefined);
    const { lang } = turnInfo(context);
    await context
      .sendActivity(messageActivity(deps.i18n.t(lang)('bot:errors.turnFailed', { emergencyNumber: deps.clinic.emergencyNumber, clinicPhone: deps.clinic.phone })))
      .catch(() => undefined);
  };
  adapter.onTurnError = onTurnError;

  return {
    bot,
    adapter,
    conversationState,
    transcriptMiddleware,
    runTurn: (activity, options) => adapter.process(activity, (ctx) => bot.run(ctx), options?.quiet ? markQuietTurn : undefined),
    onTurnError,
  };
}
