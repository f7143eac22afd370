// Throttling repeated login failures per (email, client IP). Counters live in the store, not in
// process memory, so a guesser spread across instances behind one load balancer is still stopped.
// The key is a hash: the collection never lists which emails were tried.
import { createHash } from 'node:crypto';
import { Schema } from 'mongoose';
import { defineCollection, type Store } from '../store/collection';
import { normalizeEmail } from './users';

export interface LoginFailureDoc {
  _id: string;
  failures: number;
  firstAt: Date;
  lockedUntil: Date | null;
  expiresAt: Date;
}

const schema = new Schema<LoginFailureDoc>(
  {
    _id: { type: String, required: true },
    failures: { type: Number, required: true, min: 0 },
    firstAt: { type: Date, required: true },
    lockedUntil: { type: Date, default: null },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const loginFailuresCollection = defineCollection<LoginFailureDoc>('staff_login_failures', schema);

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export class LoginThrottle {
  private readonly col;

  constructor(
    store: Store,
    private readonly now: () => Date = () => new Date(),
    readonly policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY,
  ) {
    this.col = store.collection(loginFailuresCollection);
  }

  key(email: string, ip: string): string {
    return createHash('sha256').update(`${normalizeEmail(email)}\n${ip}`).digest('base64url');
  }

  /** Milliseconds until this key may try again; 0 when it may try now. */
  async lockedForMs(key: string): Promise<number> {
    const doc = await this.col.findOne({ _id: key });
    const left = doc?.lockedUntil ? doc.lockedUntil.getTime() - this.now().getTime() : 0;
    return Math.max(0, left);
  }

  async recordFailure(key: string): Promise<void> {
    const now = this.now();
    const windowStart = new Date(now.getTime() - this.policy.windowMs);
    // A failure after the window (and after any lock) starts a new count.
    await this.col.updateOne(
      { _id: key, firstAt: { $lt: windowStart }, $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }] },
      { $set: { failures: 0, firstAt: now, lockedUntil: null } },
    );
    const doc = await this.col.findOneAndUpdate(
      { _id: key },
      { $inc: { failures: 1 }, $setOnInsert: { firstAt: now, lockedUntil: null }, $set: { expiresAt: new Date(now.getTime() + this.policy.windowMs + this.policy.lockMs) } },
      { upsert: true },
    );
    if (doc && doc.failures >= this.policy.maxFailures) {
      await this.col.updateOne({ _id: key }, { $set: { lockedUntil: new Date(now.getTime() + this.policy.lockMs), failures: 0, firstAt: now } });
    }
  }

  async clear(key: string): Promise<void> {
    await this.col.deleteOne({ _id: key });
  }
}
