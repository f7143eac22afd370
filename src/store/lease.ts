// A lease on a key, held in the store so that every instance sees it: one holder at a time, the others
// wait their turn. It is how work that must not overlap (two texts from one phone reaching two
// instances at once) is kept apart without sticky sessions. A lease whose holder died expires.
import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import { DuplicateKeyError, defineCollection, type Store } from './collection';

export interface LeaseDoc {
  _id: string;
  owner: string;
  expiresAt: Date;
}

const schema = new Schema<LeaseDoc>(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const leasesCollection = defineCollection<LeaseDoc>('leases', schema);

export interface LeaseTimings {
  /** Longest a holder keeps the lease: past this it is presumed dead and the lease is taken over. */
  holdMs: number;
  /** Longest a task waits for the lease; then it runs anyway, since dropping it would lose a message. */
  waitMs: number;
  /** Pause between attempts while someone else holds it. */
  stepMs: number;
}

export const DEFAULT_LEASE_TIMINGS: LeaseTimings = { holdMs: 60_000, waitMs: 10_000, stepMs: 25 };

export class StoreLease {
  private readonly col;

  constructor(
    store: Store,
    private readonly now: () => Date = () => new Date(),
    private readonly timings: LeaseTimings = DEFAULT_LEASE_TIMINGS,
  ) {
    this.col = store.collection(leasesCollection);
  }

  /** Runs `task` holding the lease on `key`; `onWaitedOut` is told when it ran without it. */
  async run<T>(key: string, task: () => Promise<T>, onWaitedOut?: () => void): Promise<T> {
    const owner = randomUUID();
    const held = await this.acquire(key, owner);
    if (!held) onWaitedOut?.();
    try {
      return await task();
    } finally {
      if (held) await this.col.deleteOne({ _id: key, owner }).catch(() => undefined);
    }
  }

  private async acquire(key: string, owner: string): Promise<boolean> {
    // Waiting is measured on the real clock: it is about this process's time, not the clinic's.
    const giveUpAt = Date.now() + this.timings.waitMs;
    for (;;) {
      const now = this.now();
      const lease = { owner, expiresAt: new Date(now.getTime() + this.timings.holdMs) };
      // A lease past its time is taken over (MongoDB's TTL monitor removes it only once a minute).
      const stale = await this.col.updateOne({ _id: key, expiresAt: { $lte: now } }, { $set: lease });
      if (stale.matched === 1) return true;
      try {
        await this.col.insertOne({ _id: key, ...lease });
        return true;
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
      }
      if (Date.now() >= giveUpAt) return false;
      await new Promise((resolve) => setTimeout(resolve, this.timings.stepMs));
    }
  }
}
