// A booking reference (six characters) is all it takes to cancel or move an appointment from a new
// chat, so guessing references must stay slow. Misses (a code that names no booked appointment) are
// counted in the store, so every instance sees them: per conversation, and across the clinic per
// hour, which also stops a guesser who opens one new chat after another. Appointments booked in the
// same chat (offered as buttons) are never locked out; one booked in another chat is, while the
// limits are reached, and the patient is asked to call the clinic.
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

// A patient mistypes a code once or twice; five misses is a guess. With 31^6 (~887 million) codes,
// 200 misses an hour clinic-wide (1.75 million a year) give a guesser about two hits a year per
// thousand booked appointments.
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

  /**
   * Counts `codes` look-ups of other people's references against both limits, then says whether they
   * may go ahead. Counting first, in one atomic step per counter, is what makes the limits hold when
   * many chats guess at once: a check followed by a later increment lets every racer through.
   */
  async reserve(conversationId: string, codes: number): Promise<boolean> {
    const now = this.now();
    const hourEnds = (Math.floor(now.getTime() / HOUR_MS) + 1) * HOUR_MS;
    const [own, clinic] = await Promise.all([
      this.bump(conversationKey(conversationId), codes, new Date(now.getTime() + this.policy.conversationWindowMs)),
      this.bump(hourKey(now), codes, new Date(hourEnds)),
    ]);
    return own <= this.policy.perConversation && clinic <= this.policy.perClinicHour;
  }

  /** Gives back look-ups that found a booked appointment: only misses count as guesses. */
  async refund(conversationId: string, codes: number): Promise<void> {
    const now = this.now();
    const live = { $gt: now };
    await Promise.all([
      this.col.updateOne({ _id: conversationKey(conversationId), expiresAt: live }, { $inc: { misses: -codes } }),
      this.col.updateOne({ _id: hourKey(now), expiresAt: live }, { $inc: { misses: -codes } }),
    ]);
  }

  /** Adds to a counter and returns its new value; the window starts with its first look-up. */
  private async bump(id: string, by: number, expiresAt: Date): Promise<number> {
    const now = this.now();
    // A counter whose window has passed (but which the TTL monitor has not removed yet) starts over.
    await this.col.deleteOne({ _id: id, expiresAt: { $lte: now } });
    const doc = await this.col.findOneAndUpdate({ _id: id }, { $inc: { misses: by }, $setOnInsert: { expiresAt } }, { upsert: true });
    return doc?.misses ?? by;
  }
}

function conversationKey(conversationId: string): string {
  return `conversation:${conversationId}`;
}

function hourKey(now: Date): string {
  return `clinic:${Math.floor(now.getTime() / HOUR_MS)}`;
}
