// Live updates for the console. Every instance polls the store for cases whose updatedAt moved (and
// for held conversations with new messages), so a change written by any instance on the same
// MongoDB reaches consoles connected to any other. The poll runs only while a console is connected;
// the only state kept is a cursor and the versions already sent, which a restart may lose at the
// cost of one repeated event.
import type { Logger } from '../observability/logger';
import type { CaseDoc, CaseRepository } from '../repositories/cases';
import type { CaseSummary } from './case-view';
import type { ConversationChange } from './held-conversations';

export interface CaseFeedOptions {
  pollMs: number;
  /**
   * How far back each poll looks again. Another instance may stamp updatedAt a little before its
   * write becomes visible, or its clock may be a little behind ours; the overlap catches both.
   */
  overlapMs: number;
}

export const DEFAULT_FEED_OPTIONS: CaseFeedOptions = { pollMs: 1000, overlapMs: 5000 };

export type FeedEvent = { type: 'case'; case: CaseSummary } | { type: 'activity'; caseId: string };
export type FeedListener = (events: FeedEvent[]) => void;

export interface FeedSources {
  cases: CaseRepository;
  summarize: (docs: CaseDoc[]) => Promise<CaseSummary[]>;
  conversationChanges: (since: Date) => Promise<ConversationChange[]>;
}

const BATCH = 500;

export class CaseFeed {
  private readonly listeners = new Set<FeedListener>();
  private timer?: NodeJS.Timeout;
  private cursor = 0;
  /** Versions already sent ("case:id@ms", "activity:id@ms"), kept for the overlap window. */
  private readonly sent = new Map<string, number>();
  private polling = false;

  constructor(
    private readonly sources: FeedSources,
    private readonly logger: Logger,
    private readonly now: () => Date,
    private readonly options: CaseFeedOptions = DEFAULT_FEED_OPTIONS,
  ) {}

  subscribe(listener: FeedListener): () => void {
    this.listeners.add(listener);
    if (!this.timer) {
      this.cursor = this.now().getTime();
      this.timer = setInterval(() => void this.poll(), this.options.pollMs);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
        this.sent.clear();
      }
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** One look at the store; public so tests can drive it without waiting for the timer. */
  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const since = new Date(this.cursor - this.options.overlapMs);
      const [docs, talk] = await Promise.all([this.sources.cases.listChangedSince(since, BATCH), this.sources.conversationChanges(since)]);
      const freshCases = docs.filter((d) => this.firstTime(`case:${d._id}`, d.updatedAt));
      const freshTalk = talk.filter((c) => this.firstTime(`activity:${c.caseId}`, c.updatedAt));
      // Only case versions move the cursor: conversation stamps come from the same clocks, but a
      // truncated case batch must be continued from its last case.
      for (const d of docs) this.cursor = Math.max(this.cursor, d.updatedAt.getTime());
      if (docs.length < BATCH) this.cursor = Math.max(this.cursor, ...talk.map((c) => c.updatedAt.getTime()));
      const horizon = this.cursor - this.options.overlapMs;
      for (const [key, at] of this.sent) if (at < horizon) this.sent.delete(key);
      if ((freshCases.length === 0 && freshTalk.length === 0) || this.listeners.size === 0) return;
      const events: FeedEvent[] = [
        ...(await this.sources.summarize(freshCases)).map((c): FeedEvent => ({ type: 'case', case: c })),
        ...freshTalk.map((c): FeedEvent => ({ type: 'activity', caseId: c.caseId })),
      ];
      for (const listener of this.listeners) listener(events);
    } catch (err) {
      // The next tick tries again; consoles keep their last view meanwhile.
      this.logger.warn({ errName: (err as Error)?.name }, 'staff case feed poll failed');
    } finally {
      this.polling = false;
    }
  }

  private firstTime(id: string, at: Date): boolean {
    const key = `${id}@${at.getTime()}`;
    if (this.sent.has(key)) return false;
    this.sent.set(key, at.getTime());
    return true;
  }
}
