// What happened to each outbound SMS (staff replies, reminders), from Twilio's status callbacks.
// Callbacks can arrive out of order ("sent" after "delivered"), so a status only ever moves forward.
import { Schema } from 'mongoose';
import { DuplicateKeyError, defineCollection, type Store } from '../../store/collection';

export interface SmsDeliveryDoc {
  _id: string;
  /** Our conversation key, so staff tooling can show delivery next to the message. */
  conversationId: string;
  status: string;
  rank: number;
  errorCode?: string;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
}

const schema = new Schema<SmsDeliveryDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    status: { type: String, required: true },
    rank: { type: Number, required: true },
    errorCode: String,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ conversationId: 1, createdAt: 1 });
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const smsDeliveriesCollection = defineCollection<SmsDeliveryDoc>('sms_deliveries', schema);

/** Twilio's message lifecycle; final states share the highest rank. */
const RANK: Record<string, number> = {
  accepted: 1,
  scheduled: 1,
  queued: 2,
  sending: 3,
  sent: 4,
  delivered: 5,
  undelivered: 5,
  failed: 5,
  canceled: 5,
  read: 6,
};

export function statusRank(status: string): number {
  return RANK[status] ?? 0;
}

export class SmsDeliveryLog {
  private readonly col;

  constructor(
    store: Store,
    private readonly retentionMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.col = store.collection(smsDeliveriesCollection);
  }

  /** Upserts: Twilio may call back before create() has returned to us. */
  async created(messageSid: string, conversationId: string, status: string): Promise<void> {
    const now = this.now();
    await this.col.updateOne(
      { _id: messageSid },
      { $set: { conversationId }, $setOnInsert: { status, rank: statusRank(status), createdAt: now, updatedAt: now, expiresAt: this.expiry(now) } },
      { upsert: true },
    );
  }

  /** Returns false when the status is older than the one recorded. */
  async record(messageSid: string, status: string, errorCode?: string): Promise<boolean> {
    const now = this.now();
    const rank = statusRank(status);
    const set: Record<string, unknown> = { status, rank, updatedAt: now };
    if (errorCode) set.errorCode = errorCode;
    const res = await this.col.updateOne({ _id: messageSid, rank: { $lt: rank } }, { $set: set });
    if (res.matched > 0) return true;
    try {
      // Not known yet (the callback overtook create()'s answer): keep it; created() fills the conversation in.
      await this.col.insertOne({ _id: messageSid, conversationId: 'pending', status, rank, errorCode, createdAt: now, updatedAt: now, expiresAt: this.expiry(now) });
      return true;
    } catch (err) {
      if (err instanceof DuplicateKeyError) return false;
      throw err;
    }
  }

  private expiry(now: Date): Date {
    return new Date(now.getTime() + this.retentionMs);
  }

  get(messageSid: string): Promise<SmsDeliveryDoc | null> {
    return this.col.findOne({ _id: messageSid });
  }
}
