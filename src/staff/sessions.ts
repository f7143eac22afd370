// Staff sessions live in the store, so any instance serves any request. The cookie carries a random
// id; the store holds only its SHA-256, so a leaked database dump opens no session.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Schema } from 'mongoose';
import { defineCollection, type Store } from '../store/collection';

export interface StaffSessionDoc {
  /** SHA-256 (base64url) of the cookie's session id. */
  _id: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** Idle deadline (lastSeenAt + idle timeout), capped by the absolute lifetime; a TTL index sweeps it. */
  expiresAt: Date;
}

const schema = new Schema<StaffSessionDoc>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    csrfToken: { type: String, required: true },
    createdAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
schema.index({ userId: 1 });

export const staffSessionsCollection = defineCollection<StaffSessionDoc>('staff_sessions', schema);

export interface SessionPolicy {
  idleMs: number;
  /** Even an active session ends after this, so a shared tablet cannot stay signed in for days. */
  absoluteMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3600_000 };

const hashId = (id: string): string => createHash('sha256').update(id).digest('base64url');

export class StaffSessionRepository {
  private readonly col;

  constructor(
    store: Store,
    private readonly now: () => Date = () => new Date(),
    readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  ) {
    this.col = store.collection(staffSessionsCollection);
  }

  /** Returns the raw session id for the cookie; only its hash is stored. */
  async create(userId: string): Promise<{ id: string; session: StaffSessionDoc }> {
    const id = randomBytes(32).toString('base64url');
    const now = this.now();
    const session = await this.col.insertOne({
      _id: hashId(id),
      userId,
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: this.deadline(now, now),
    });
    return { id, session };
  }

  /**
   * The live session for a cookie value, or null (unknown, idle too long, or too old). With `touch`
   * the idle clock restarts; background requests (the live feed) pass false so an unattended
   * console still times out.
   */
  async resolve(id: string, touch: boolean): Promise<StaffSessionDoc | null> {
    const key = hashId(id);
    const doc = await this.col.findOne({ _id: key });
    if (!doc) return null;
    const now = this.now();
    // The TTL sweep runs about once a minute on MongoDB and never on time in tests: check here too.
    if (doc.expiresAt.getTime() <= now.getTime()) {
      await this.col.deleteOne({ _id: key });
      return null;
    }
    if (!touch) return doc;
    const expiresAt = this.deadline(doc.createdAt, now);
    await this.col.updateOne({ _id: key }, { $set: { lastSeenAt: now, expiresAt } });
    return { ...doc, lastSeenAt: now, expiresAt };
  }

  async destroy(id: string): Promise<void> {
    await this.col.deleteOne({ _id: hashId(id) });
  }

  /** Ends every session of a user (deactivated, or their password was reset). */
  async destroyForUser(userId: string): Promise<void> {
    await this.col.deleteMany({ userId });
  }

  private deadline(createdAt: Date, now: Date): Date {
    return new Date(Math.min(now.getTime() + this.policy.idleMs, createdAt.getTime() + this.policy.absoluteMs));
  }
}

/** Constant-time comparison of the X-CSRF-Token header with the session's token. */
export function csrfMatches(session: StaffSessionDoc, header: string | undefined): boolean {
  if (!header) return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(header);
  return a.length === b.length && timingSafeEqual(a, b);
}
