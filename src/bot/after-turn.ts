// Work that follows a patient's turn but must never hold its reply: the LLM's handover note for
// staff, an SMS text that missed the webhook's answer. It runs in this process after the reply is
// out; shutdown waits for it (main.ts). If the process dies first, nothing a patient needs is lost:
// the case already holds the template handover note, and the SMS text is in the transcript.
import type { Logger } from '../observability/logger';

export class AfterTurnWork {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Starts `task` now without waiting for it; a failure is logged by name only (never text). */
  start(what: string, task: () => Promise<void>): void {
    const run = (async (): Promise<void> => {
      try {
        await task();
      } catch (err) {
        this.logger.warn({ work: what, errName: (err as Error | undefined)?.name }, 'after-turn work failed');
      }
    })();
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
  }

  get size(): number {
    return this.pending.size;
  }

  /** Waits for all started work (and work it starts), at most `timeoutMs`; true when none is left. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), left);
      });
      const result = await Promise.race([Promise.all([...this.pending]).then(() => 'done' as const), timeout]);
      clearTimeout(timer);
      if (result === 'timeout') return this.pending.size === 0;
    }
    return true;
  }
}
