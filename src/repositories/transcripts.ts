// The transcript of every conversation: each patient, bot and staff activity in order.
// It is also the Direct Line activity log (seq is the watermark). Activities hold message text,
// so the whole activity is stored encrypted; only routing fields stay in clear.
import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import { defineCollection, type Store } from '../store/collection';
import type { FieldCipher } from '../security/field-cipher';
import type { ConversationRepository } from './conversations';

export type Role = 'user' | 'bot' | 'staff';

/** The activity as clients see it (Bot Framework shape), decrypted. */
export interface StoredActivity {
  id: string;
  type: string;
  timestamp: string;
  channelId: string;
  conversation: { id: string };
  from: { id: string; name?: string; role: Role };
  text?: string;
  value?: unknown;
  locale?: string;
  suggestedActions?: unknown;
  attachments?: unknown[];
  channelData?: Record<string, unknown>;
  inputHint?: string;
  replyToId?: string;
}

export interface TranscriptDoc {
  _id: string;
  conversationId: string;
  seq: number;
  role: Role;
  channel: string;
  at: Date;
  activity: string;
}

const schema = new Schema<TranscriptDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    seq: { type: Number, required: true, min: 1 },
    role: { type: String, required: true, enum: ['user', 'bot', 'staff'] },
    channel: { type: String, required: true },
    at: { type: Date, required: true },
    activity: { type: String, required: true },
  },
  { versionKey: false },
);
schema.index({ conversationId: 1, seq: 1 }, { unique: true });

export const transcriptsCollection = defineCollection<TranscriptDoc>('transcripts', schema);

export type NewActivity = Omit<StoredActivity, 'id' | 'timestamp'> & { id?: string; timestamp?: string };

export class TranscriptRepository {
  private readonly col;

  constructor(
    store: Store,
    private readonly conversations: ConversationRepository,
    private readonly cipher: FieldCipher,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.col = store.collection(transcriptsCollection);
  }

  /**
   * Appends activities in order; returns them with ids, timestamps and sequence numbers. `reservedFrom`
   * is the first of sequence numbers already reserved for them (ConversationRepository.touch).
   */
  async append(conversationId: string, activities: NewActivity[], reservedFrom?: number): Promise<Array<StoredActivity & { seq: number }>> {
    if (activities.length === 0) return [];
    const first = reservedFrom ?? (await this.conversations.allocateSeq(conversationId, activities.length));
    const at = this.now();
    const out: Array<StoredActivity & { seq: number }> = [];
    for (const [i, a] of activities.entries()) {
      const activity: StoredActivity = { ...a, id: a.id ?? randomUUID(), timestamp: a.timestamp ?? at.toISOString() };
      const seq = first + i;
      await this.col.insertOne({
        _id: `${conversationId}:${seq}`,
        conversationId,
        seq,
        role: activity.from.role,
        channel: activity.channelId,
        at,
        activity: this.cipher.encryptJson(activity),
      });
      out.push({ ...activity, seq });
    }
    return out;
  }

  /** Activities after the watermark, in order. */
  async since(conversationId: string, watermark = 0, limit = 500): Promise<Array<StoredActivity & { seq: number }>> {
    const docs = await this.col.find({ conversationId, seq: { $gt: watermark } }, { sort: { seq: 1 }, limit });
    return docs.map((d) => ({ ...this.cipher.decryptJson<StoredActivity>(d.activity), seq: d.seq }));
  }

  async lastSeq(conversationId: string): Promise<number> {
    const last = await this.col.findOne({ conversationId }, { sort: { seq: -1 } });
    return last?.seq ?? 0;
  }
}
