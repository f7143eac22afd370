// Bot Framework dialog and conversation state, persisted in the shared store so any instance can
// serve the next turn (no sticky sessions). State holds patient answers, so it is encrypted; eTags
// give the optimistic concurrency botbuilder expects when two turns race.
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { Schema } from 'mongoose';
import type { FieldCipher } from '../security/field-cipher';
import { DuplicateKeyError, defineCollection, type Store } from './collection';

export interface BotStateDoc {
  _id: string;
  data: string;
  eTag: string;
  updatedAt: Date;
  expiresAt: Date;
}

const schema = new Schema<BotStateDoc>(
  {
    _id: { type: String, required: true },
    data: { type: String, required: true },
    eTag: { type: String, required: true },
    updatedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const botStateCollection = defineCollection<BotStateDoc>('bot_state', schema);

export class EtagConflictError extends Error {
  constructor(key: string) {
    super(`eTag conflict writing state ${key.split('/')[0] ?? ''}`);
    this.name = 'EtagConflictError';
  }
}

export class StoreBotStorage implements Storage {
  private readonly col;

  constructor(
    store: Store,
    private readonly cipher: FieldCipher,
    private readonly retentionMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.col = store.collection(botStateCollection);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const docs = await this.col.find({ _id: { $in: keys } });
    for (const doc of docs) {
      items[doc._id] = { ...this.cipher.decryptJson<Record<string, unknown>>(doc.data), eTag: doc.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
      const next = {
        data: this.cipher.encryptJson(value),
        eTag: randomUUID(),
        updatedAt: this.now(),
        expiresAt: new Date(this.now().getTime() + this.retentionMs),
      };
      if (!eTag || eTag === '*') {
        await this.col.updateOne({ _id: key }, { $set: next }, { upsert: true });
        continue;
      }
      // Only the version the turn read may be replaced; a missing document may be created.
      const r = await this.col.updateOne({ _id: key, eTag }, { $set: next });
      if (r.matched === 1) continue;
      try {
        await this.col.insertOne({ _id: key, ...next });
      } catch (err) {
        if (err instanceof DuplicateKeyError) throw new EtagConflictError(key);
        throw err;
      }
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.col.deleteMany({ _id: { $in: keys } });
  }
}
