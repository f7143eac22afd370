// Remembers which client activity ids a conversation has already posted, so a retried POST (the
// widget retries after a network error; Web Chat resends on reconnect) is answered with the same
// {id} and never reaches the bot twice. Kept in the store, so a retry landing on another instance
// is recognised too. A claim still pending long after any turn could have ended belongs to an
// instance that stopped mid-turn: the retry takes it over, so the patient's message is not lost.
import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import { conflict } from '../../http/errors';
import { DuplicateKeyError, defineCollection, type Store } from '../../store/collection';

export interface ClientActivityDoc {
  _id: string;
  activityId: string;
  status: 'pending' | 'done';
  createdAt: Date;
  /** When the current attempt started (absent on claims written before takeovers existed). */
  claimedAt?: Date;
  expiresAt: Date;
}

const schema = new Schema<ClientActivityDoc>(
  {
    _id: { type: String, required: true },
    activityId: { type: String, required: true },
    status: { type: String, required: true, enum: ['pending', 'done'] },
    createdAt: { type: Date, required: true },
    claimedAt: Date,
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const clientActivitiesCollection = defineCollection<ClientActivityDoc>('directline_client_activities', schema);

/** Retries come within minutes; a day is far longer than any client keeps an unsent message. */
const REMEMBER_MS = 24 * 3600 * 1000;
const WAIT_STEP_MS = 50;
const WAIT_MAX_MS = 15_000;
/** Longer than any turn can take (twice the largest TURN_BUDGET_MS: one turn waiting for another). */
export const STALE_CLAIM_MS = 30_000;

export type Claim = { fresh: true; activityId: string } | { fresh: false; activityId: string };

export class ClientActivityLog {
  private readonly col;
  private indexesReady?: Promise<void>;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.col = store.collection(clientActivitiesCollection);
  }

  /**
   * Claims a client activity id for processing. A fresh claim must be completed or released.
   * A repeat waits (bounded) for the first attempt to finish, then returns its activity id.
   */
  async claim(conversationKey: string, clientActivityId: string): Promise<Claim> {
    await this.ensureIndexes();
    const _id = `${conversationKey}:${clientActivityId}`;
    const now = this.now();
    const activityId = randomUUID();
    try {
      await this.col.insertOne({ _id, activityId, status: 'pending', createdAt: now, claimedAt: now, expiresAt: new Date(now.getTime() + REMEMBER_MS) });
      return { fresh: true, activityId };
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
    for (let waited = 0; waited <= WAIT_MAX_MS; waited += WAIT_STEP_MS) {
      const doc = await this.col.findOne({ _id });
      if (!doc) return this.claim(conversationKey, clientActivityId); // the first attempt failed and let go
      if (doc.status === 'done') return { fresh: false, activityId: doc.activityId };
      const taken = await this.takeOverStale(_id);
      if (taken) return { fresh: true, activityId: taken.activityId };
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    }
    throw conflict('This message is still being processed; try again shortly.', 'in_progress');
  }

  /** The first attempt's instance stopped mid-turn: this request runs the activity under the same id. */
  private takeOverStale(_id: string): Promise<ClientActivityDoc | null> {
    const now = this.now();
    const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS);
    return this.col.findOneAndUpdate(
      { _id, status: 'pending', $or: [{ claimedAt: { $lt: staleBefore } }, { claimedAt: null, createdAt: { $lt: staleBefore } }] },
      { $set: { claimedAt: now } },
    );
  }

  async complete(conversationKey: string, clientActivityId: string): Promise<void> {
    await this.col.updateOne({ _id: `${conversationKey}:${clientActivityId}` }, { $set: { status: 'done' } });
  }

  /** The turn failed: forget the claim so the client's retry is processed. */
  async release(conversationKey: string, clientActivityId: string): Promise<void> {
    await this.col.deleteOne({ _id: `${conversationKey}:${clientActivityId}` });
  }

  // main.ts creates indexes before the routes register this collection; Store.init() is
  // idempotent, so the first use makes sure the TTL index exists on MongoDB too.
  private ensureIndexes(): Promise<void> {
    this.indexesReady ??= this.store.init().catch(() => {
      this.indexesReady = undefined;
    });
    return this.indexesReady;
  }
}
