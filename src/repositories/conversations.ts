// One document per patient conversation, keyed by channel and the channel's conversation id.
// It allocates the sequence numbers of the transcript (the Direct Line watermark) atomically,
// so any number of service instances append to one conversation without clashing.
import { Schema } from 'mongoose';
import { defineCollection, type Store } from '../store/collection';
import type { FieldCipher } from '../security/field-cipher';
import { LANGUAGES, type Language } from '../triage/types';

/** The Bot Framework channel id: 'webchat', 'sms', 'msteams', 'emulator', ... */
export type ChannelId = string;

export interface ConversationDoc {
  _id: string;
  channel: ChannelId;
  language?: Language;
  /** Keyed hash of the patient's channel identity (e.g. phone number), for look-ups. */
  userHash?: string;
  /** Encrypted Bot Framework ConversationReference, for proactive messages (staff replies, reminders). */
  reference?: string;
  /** Encrypted channel address (e.g. the phone number) needed to send outbound messages. */
  address?: string;
  /** The last transcript sequence number given out. */
  seq: number;
  /** While a nurse holds the case, the bot stays silent in this conversation. */
  handoff?: { caseId: string; staffId: string; since: Date } | null;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
}

const schema = new Schema<ConversationDoc>(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    language: { type: String, enum: LANGUAGES },
    userHash: String,
    reference: String,
    address: String,
    seq: { type: Number, required: true, default: 0, min: 0 },
    handoff: { type: { caseId: String, staffId: String, since: Date }, default: null, _id: false },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
schema.index({ userHash: 1, channel: 1 });

export const conversationsCollection = defineCollection<ConversationDoc>('conversations', schema);

export class ConversationRepository {
  private readonly col;

  constructor(
    store: Store,
    private readonly cipher: FieldCipher,
    private readonly retentionMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.col = store.collection(conversationsCollection);
  }

  /**
   * Creates the conversation if needed and keeps it alive for another retention period. `reserveSeq`
   * also reserves that many transcript sequence numbers in the same write (the turn's inbound activity),
   * so a turn costs one conversation write fewer; they end at the returned `seq`.
   */
  async touch(
    id: string,
    channel: ChannelId,
    fields: { language?: Language; reference?: unknown; address?: string; userHash?: string; reserveSeq?: number } = {},
  ): Promise<ConversationDoc> {
    const now = this.now();
    const set: Record<string, unknown> = { updatedAt: now, expiresAt: new Date(now.getTime() + this.retentionMs) };
    if (fields.language) set.language = fields.language;
    if (fields.reference) set.reference = this.cipher.encryptJson(fields.reference);
    if (fields.address) set.address = this.cipher.encrypt(fields.address);
    if (fields.userHash) set.userHash = fields.userHash;
    // $inc creates a missing seq from 0, so a new conversation starts at 0 plus what was reserved.
    const doc = await this.col.findOneAndUpdate(
      { _id: id },
      { $set: set, $inc: { seq: fields.reserveSeq ?? 0 }, $setOnInsert: { channel, createdAt: now } },
      { upsert: true },
    );
    return doc!;
  }

  get(id: string): Promise<ConversationDoc | null> {
    return this.col.findOne({ _id: id });
  }

  /** Reserves `count` consecutive sequence numbers; returns the first. */
  async allocateSeq(id: string, count = 1): Promise<number> {
    const doc = await this.col.findOneAndUpdate({ _id: id }, { $inc: { seq: count } });
    if (!doc) throw new Error('conversation not found');
    return doc.seq - count + 1;
  }

  async setLanguage(id: string, language: Language): Promise<void> {
    await this.col.updateOne({ _id: id }, { $set: { language } });
  }

  async setHandoff(id: string, handoff: ConversationDoc['handoff']): Promise<void> {
    await this.col.updateOne({ _id: id }, { $set: { handoff, updatedAt: this.now() } });
  }

  reference<T>(doc: ConversationDoc): T | undefined {
    return doc.reference ? this.cipher.decryptJson<T>(doc.reference) : undefined;
  }

  address(doc: ConversationDoc): string | undefined {
    return doc.address ? this.cipher.decrypt(doc.address) : undefined;
  }

  findByUserHash(userHash: string, channel: ChannelId): Promise<ConversationDoc | null> {
    return this.col.findOne({ userHash, channel }, { sort: { updatedAt: -1 } });
  }
}
