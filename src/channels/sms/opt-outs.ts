// Who said STOP. Keyed by the keyed hash of the phone number (never the number itself), so the
// opt-out survives the conversation's retention period and applies to every conversation with
// that number. Kept without an expiry: an opt-out must hold until the patient says START.
import { Schema } from 'mongoose';
import { defineCollection, type Store } from '../../store/collection';

export interface SmsOptOutDoc {
  _id: string;
  optedOut: boolean;
  /** What changed it last: the patient's keyword, or the carrier refusing delivery (Twilio error 21610). */
  source: 'keyword' | 'carrier';
  updatedAt: Date;
}

const schema = new Schema<SmsOptOutDoc>(
  {
    _id: { type: String, required: true },
    optedOut: { type: Boolean, required: true },
    source: { type: String, required: true, enum: ['keyword', 'carrier'] },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const smsOptOutsCollection = defineCollection<SmsOptOutDoc>('sms_opt_outs', schema);

export class SmsOptOutRepository {
  private readonly col;

  constructor(
    store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.col = store.collection(smsOptOutsCollection);
  }

  async set(phoneHash: string, optedOut: boolean, source: SmsOptOutDoc['source'] = 'keyword'): Promise<void> {
    await this.col.updateOne({ _id: phoneHash }, { $set: { optedOut, source, updatedAt: this.now() } }, { upsert: true });
  }

  async isOptedOut(phoneHash: string): Promise<boolean> {
    const doc = await this.col.findOne({ _id: phoneHash });
    return doc?.optedOut === true;
  }
}
