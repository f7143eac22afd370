// Idempotency on Twilio's MessageSid. Twilio retries a webhook it thinks failed, and two
// instances may receive the same message at once: the first to insert the MessageSid (unique
// _id) processes it; every other request waits for that reply and answers with the same TwiML.
// The reply holds what the bot told the patient, so it is stored encrypted.
import { Schema } from 'mongoose';
import { DuplicateKeyError, defineCollection, type Store } from '../../store/collection';
import type { FieldCipher } from '../../security/field-cipher';

export interface SmsInboundDoc {
  _id: string;
  state: 'processing' | 'done';
  claimedAt: Date;
  /** Encrypted TwiML, once done. */
  reply?: string;
  expiresAt: Date;
}

const schema = new Schema<SmsInboundDoc>(
  {
    _id: { type: String, required: true },
    state: { type: String, required: true, enum: ['processing', 'done'] },
    claimedAt: { type: Date, required: true },
    reply: String,
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const smsInboundCollection = defineCollection<SmsInboundDoc>('sms_inbound', schema);

/** Twilio retries within minutes; a week is ample and keeps the collection small. */
const KEEP_MS = 7 * 24 * 3600 * 1000;
/** A claim older than this belongs to an instance that died mid-turn: it may be taken over. */
const STALE_MS = 60_000;
/** Twilio gives up on a webhook after 15 s; waiting longer helps nobody. */
const WAIT_MS = 14_000;
const POLL_MS = 50;

export type Claim = { kind: 'claimed' } | { kind: 'replay'; reply: string } | { kind: 'busy' };

export class SmsInboundLog {
  private readonly col;

  constructor(
    store: Store,
    private readonly cipher: FieldCipher,
    private readonly now: () => Date = () => new Date(),
    private readonly waitMs = WAIT_MS,
  ) {
    this.col = store.collection(smsInboundCollection);
  }

  /** Claims the message for processing, or returns the reply another request already produced. */
  async claim(messageSid: string): Promise<Claim> {
    const now = this.now();
    try {
      await this.col.insertOne({ _id: messageSid, state: 'processing', claimedAt: now, expiresAt: new Date(now.getTime() + KEEP_MS) });
      return { kind: 'claimed' };
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const doc = await this.col.findOne({ _id: messageSid });
      if (!doc) return this.claim(messageSid); // released after a failure: try again
      if (doc.state === 'done' && doc.reply) return { kind: 'replay', reply: this.cipher.decrypt(doc.reply) };
      const staleBefore = new Date(this.now().getTime() - STALE_MS);
      const taken = await this.col.findOneAndUpdate({ _id: messageSid, state: 'processing', claimedAt: { $lt: staleBefore } }, { $set: { claimedAt: this.now() } });
      if (taken) return { kind: 'claimed' };
      if (Date.now() >= deadline) return { kind: 'busy' };
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  async complete(messageSid: string, reply: string): Promise<void> {
    await this.col.updateOne({ _id: messageSid }, { $set: { state: 'done', reply: this.cipher.encrypt(reply) } });
  }

  /** Processing failed: let Twilio's retry (or a waiting request) process the message afresh. */
  async release(messageSid: string): Promise<void> {
    await this.col.deleteOne({ _id: messageSid, state: 'processing' });
  }
}
