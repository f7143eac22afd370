// A booking reference (six characters) is all it takes to cancel or move an appointment from a new
// chat, so guessing references must stay slow. Misses (a code that names no booked appointment) are
// counted in the store, so every instance sees them: per conversation, and across the clinic per
// hour, which also stops a guesser who opens one new chat after another. A patient's own
// appointments (offered as buttons) never need a look-up by guessing and are never locked out.
import { Schema } from 'mongoose';
import { defineCollection, type Store } from '../store/collection';

export interface ReferenceMissDoc {
  _id: string;
  misses: number;
  expiresAt: Date;
}

const schema = new Schema<ReferenceMissDoc>(
  {
    _id: { type: String, required: true },
    misses: { type: Number, required: true, min: 0 },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const referenceMissesCollection = defineCollection<ReferenceMissDoc>('booking_reference_misses', schema);

export interface ReferenceGuardPolicy {
  /** Wrong references one conversation may try within `conversationWindowMs`. */
  perConversation: number;
  conversationWindowMs: number;
  /** Wrong references all conversations together may try in one clock hour. */
  perClinicHour: number;
}

// A patient mistypes a code once or twice; five misses is a guess. With 31^6 codes, 200 misses an
// hour clinic-wide give a guesser about one hit a year per thousand booked appointments.
export const DEFAULT_REFERENCE_POLICY: ReferenceGuardPolicy = { perConversation: 5, conversationWindowMs: 24 * 3600_000, perClinicHour: 200 };

/** At most this many codes of one message are looked up: a message full of codes is not a mistype. */
export const MAX_REFERENCES_PER_MESSAGE = 2;

const HOUR_MS = 3600_000;

export class ReferenceGuard {
  private readonly col;

  constructor(
    store: Store,
    private readonly now: () => Date = () => new Date(),
    readonly policy: ReferenceGuardPolicy = DEFAULT_REFERENCE_POLICY,
  ) {
    this.col = store.collection(referenceMissesCollection);
  }

  /** Whether this conversation may look up another reference that is not its own. */
  async mayLookUp(conversationId: string): Promise<boolean> {
    const now = this.now();
    // Expired counters are ignored even before MongoDB's TTL monitor (once a minute) removes them.
    const live = { $gt: now };
    const [own, clinic] = await Promise.all([
      this.col.findOne({ _id: conversationKey(conversationId), expiresAt: live }),
      this.col.findOne({ _id: hourKey(now), expiresAt: live }),
    ]);
    return (own?.misses ?? 0) < this.policy.perConversation && (clinic?.misses ?? 0) < this.policy.perClinicHour;
  }

  async recordMiss(conversationId: string): Promise<void> {
    const now = this.now();
    const hourEnds = (Math.floor(now.getTime() / HOUR_MS) + 1) * HOUR_MS;
    await Promise.all([
      this.bump(conversationKey(conversationId), new Date(now.getTime() + this.policy.conversationWindowMs)),
      this.bump(hourKey(now), new Date(hourEnds)),
    ]);
  }

  /** One more miss; the window starts with the first miss and is not extended by later ones. */
  private async bump(id: string, expiresAt: Date): Promise<void> {
    const now = this.now();
    // A counter whose window has passed (but which the TTL monitor has not removed yet) starts over.
    await this.col.deleteOne({ _id: id, expiresAt: { $lte: now } });
    await this.col.updateOne({ _id: id }, { $inc: { misses: 1 }, $setOnInsert: { expiresAt } }, { upsert: true });
  }
}

function conversationKey(conversationId: string): string {
  return `conversation:${conversationId}`;
}

function hourKey(now: Date): string {
  return `clinic:${Math.floor(now.getTime() / HOUR_MS)}`;
}
