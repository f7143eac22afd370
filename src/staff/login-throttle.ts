// Throttling repeated login failures, counted twice: per (email, client address), which stops a
// guesser quickly without troubling anyone else, and per account whatever the address, which stops
// a guesser who rotates addresses (or forges X-Forwarded-For where a proxy is trusted). A locked
// account stays locked until the lock lapses or an admin unlocks it. Counters live in the store,
// not in process memory, so a guesser spread across instances behind one load balancer is still
// stopped. Keys are hashes: the collection never lists which emails were tried, and unknown emails
// are counted exactly like real ones, so a lock tells nothing about who has an account.
import { createHash } from 'node:crypto';
import { Schema } from 'mongoose';
import { defineCollection, type Store } from '../store/collection';
import { normalizeEmail } from './users';

export interface LoginFailureDoc {
  _id: string;
  /** The account's key: every counter of one account, per address or not, carries it (for unlocking). */
  account?: string;
  failures: number;
  firstAt: Date;
  lockedUntil: Date | null;
  expiresAt: Date;
}

const schema = new Schema<LoginFailureDoc>(
  {
    _id: { type: String, required: true },
    account: String,
    failures: { type: Number, required: true, min: 0 },
    firstAt: { type: Date, required: true },
    lockedUntil: { type: Date, default: null },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
schema.index({ account: 1 });

export const loginFailuresCollection = defineCollection<LoginFailureDoc>('staff_login_failures', schema);

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** Twice what one address may try, from any number of addresses; then an admin unlocks it, or it lapses. */
export const DEFAULT_ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 10, windowMs: 15 * 60_000, lockMs: 60 * 60_000 };

export type LockScope = 'address' | 'account';

export class LoginThrottle {
  private readonly col;

  constructor(
    store: Store,
    private readonly now: () => Date = () => new Date(),
    readonly policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY,
    readonly accountPolicy: ThrottlePolicy = DEFAULT_ACCOUNT_POLICY,
  ) {
    this.col = store.collection(loginFailuresCollection);
  }

  key(email: string, ip: string): string {
    return createHash('sha256').update(`${normalizeEmail(email)}\n${ip}`).digest('base64url');
  }

  accountKey(email: string): string {
    return createHash('sha256').update(`account\n${normalizeEmail(email)}`).digest('base64url');
  }

  /** The lock in force for this email from this address, if any: the account's first. */
  async locked(email: string, ip: string): Promise<{ scope: LockScope; ms: number } | undefined> {
    const account = await this.lockedForMs(this.accountKey(email));
    if (account > 0) return { scope: 'account', ms: account };
    const address = await this.lockedForMs(this.key(email, ip));
    return address > 0 ? { scope: 'address', ms: address } : undefined;
  }

  /** Milliseconds until this key may try again; 0 when it may try now. */
  async lockedForMs(key: string): Promise<number> {
    const doc = await this.col.findOne({ _id: key });
    const left = doc?.lockedUntil ? doc.lockedUntil.getTime() - this.now().getTime() : 0;
    return Math.max(0, left);
  }

  /** Counts a failure on both counters; returns true when this failure locked the account. */
  async recordFailure(email: string, ip: string): Promise<boolean> {
    const account = this.accountKey(email);
    await this.count(this.key(email, ip), account, this.policy);
    return this.count(account, account, this.accountPolicy);
  }

  /** A successful sign-in: both counters start again. */
  async clear(email: string, ip: string): Promise<void> {
    await this.col.deleteOne({ _id: this.key(email, ip) });
    await this.col.deleteOne({ _id: this.accountKey(email) });
  }

  /** An admin's unlock: the account's lock and every per-address lock on it are lifted. */
  async unlock(email: string): Promise<void> {
    const account = this.accountKey(email);
    await this.col.deleteMany({ account });
    await this.col.deleteOne({ _id: account });
  }

  /** Which of these emails' accounts are locked now. */
  async lockedAccounts(emails: string[]): Promise<Set<string>> {
    const keys = new Map(emails.map((e) => [this.accountKey(e), normalizeEmail(e)]));
    if (keys.size === 0) return new Set();
    const docs = await this.col.find({ _id: { $in: [...keys.keys()] }, lockedUntil: { $gt: this.now() } });
    return new Set(docs.map((d) => keys.get(d._id)!));
  }

  private async count(key: string, account: string, policy: ThrottlePolicy): Promise<boolean> {
    const now = this.now();
    const windowStart = new Date(now.getTime() - policy.windowMs);
    // A failure after the window (and after any lock) starts a new count.
    await this.col.updateOne(
      { _id: key, firstAt: { $lt: windowStart }, $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }] },
      { $set: { failures: 0, firstAt: now, lockedUntil: null } },
    );
    const doc = await this.col.findOneAndUpdate(
      { _id: key },
      { $inc: { failures: 1 }, $setOnInsert: { firstAt: now, lockedUntil: null }, $set: { account, expiresAt: new Date(now.getTime() + policy.windowMs + policy.lockMs) } },
      { upsert: true },
    );
    if (!doc || doc.failures < policy.maxFailures) return false;
    await this.col.updateOne({ _id: key }, { $set: { lockedUntil: new Date(now.getTime() + policy.lockMs), failures: 0, firstAt: now } });
    return true;
  }
}
