// The adapter for channels whose HTTP route we own (web chat via Direct Line, SMS): it runs the
// bot in-process and hands the replies back to the route, after the transcript middleware has
// stored them.
import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { markTurnStart } from './turn-budget';

const REPLIES = Symbol('replies');

export class InProcessAdapter extends BotAdapter {
  /** Replies sent outside a request (proactive: staff replies, reminders) go to this channel sink. */
  constructor(private readonly proactiveSink?: (activities: Partial<Activity>[]) => Promise<void>) {
    super();
  }

  sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const replies = context.turnState.get<Partial<Activity>[] | undefined>(REPLIES);
    if (replies) replies.push(...activities);
    const done = replies || !this.proactiveSink ? Promise.resolve() : this.proactiveSink(activities);
    return done.then(() => activities.map((a) => ({ id: a.id ?? '' })));
  }

  updateActivity(): Promise<void> {
    return Promise.reject(new Error('updating activities is not supported on this channel'));
  }

  deleteActivity(): Promise<void> {
    return Promise.reject(new Error('deleting activities is not supported on this channel'));
  }

  /**
   * Runs one inbound activity through the middleware and bot; resolves with the replies once stored.
   * `prepare` marks the turn before it runs (e.g. a quiet turn for an SMS number that opted out).
   */
  async process(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>, prepare?: (context: TurnContext) => void): Promise<Partial<Activity>[]> {
    const context = new TurnContext(this, activity);
    prepare?.(context);
    // The turn's budget counts from here: storing the message is part of the patient's wait.
    markTurnStart(context);
    const replies: Partial<Activity>[] = [];
    context.turnState.set(REPLIES, replies);
    await this.runMiddleware(context, logic);
    return replies;
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true));
    await this.runMiddleware(context, logic);
  }
}
