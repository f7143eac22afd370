// One contract, every engine: the repositories rely on exactly these behaviours.
import { Schema } from 'mongoose';
import { DuplicateKeyError, ValidationError, defineCollection, type Store } from '../../src/store/collection';
import { engines } from './engines';

interface Item {
  _id: string;
  group: string;
  n: number;
  tags: string[];
  status: 'a' | 'b';
  at?: Date;
  expiresAt?: Date | null;
}

const schema = new Schema<Item>(
  {
    _id: { type: String, required: true },
    group: { type: String, required: true },
    n: { type: Number, required: true, min: 0 },
    tags: { type: [String], default: [] },
    status: { type: String, enum: ['a', 'b'], required: true },
    at: Date,
    expiresAt: { type: Date, default: null },
  },
  { versionKey: false },
);
schema.index({ group: 1, n: 1 }, { unique: true, partialFilterExpression: { status: 'a' } });
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
const items = defineCollection<Item>('contract_items', schema);

describe.each(engines())('Collection contract on $name', (engine) => {
  let store: Store;
  let clock = new Date('2026-01-01T00:00:00Z');
  beforeEach(async () => {
    clock = new Date('2026-01-01T00:00:00Z');
    store = await engine.create(() => clock);
    store.collection(items);
    await store.init();
  });
  afterEach(async () => {
    await store.close();
  });

  it('inserts, finds with filters, sorts, limits and counts', async () => {
    const c = store.collection(items);
    for (let i = 0; i < 5; i++) await c.insertOne({ _id: `i${i}`, group: i % 2 ? 'odd' : 'even', n: i, tags: [], status: 'a' });
    expect((await c.find({ group: 'even' }, { sort: { n: -1 } })).map((d) => d.n)).toEqual([4, 2, 0]);
    expect((await c.find({ n: { $gte: 2 } }, { sort: { n: 1 }, limit: 2 })).map((d) => d._id)).toEqual(['i2', 'i3']);
    expect(await c.count({ group: 'odd' })).toBe(2);
    expect(await c.findOne({ _id: 'missing' })).toBeNull();
  });

  it('applies update operators and upserts with $setOnInsert', async () => {
    const c = store.collection(items);
    await c.insertOne({ _id: 'x', group: 'g', n: 1, tags: [], status: 'a' });
    await c.updateOne({ _id: 'x' }, { $inc: { n: 2 }, $push: { tags: 't1' } });
    expect(await c.findOne({ _id: 'x' })).toMatchObject({ n: 3, tags: ['t1'] });
    const r = await c.updateOne({ _id: 'y' }, { $set: { n: 7 }, $setOnInsert: { group: 'g', status: 'b', tags: [] } }, { upsert: true });
    expect(r.upserted).toBe(true);
    expect(await c.findOne({ _id: 'y' })).toMatchObject({ n: 7, group: 'g', status: 'b' });
    const before = await c.findOneAndUpdate({ _id: 'y' }, { $inc: { n: 1 } }, { returnDocument: 'before' });
    expect(before?.n).toBe(7);
    expect((await c.findOne({ _id: 'y' }))?.n).toBe(8);
  });

  it('validates documents with the mongoose schema and stores nothing invalid', async () => {
    const c = store.collection(items);
    await expect(c.insertOne({ _id: 'bad', group: 'g', n: -1, tags: [], status: 'a' })).rejects.toBeInstanceOf(ValidationError);
    await expect(c.insertOne({ _id: 'bad2', group: 'g', n: 1, tags: [], status: 'zzz' as 'a' })).rejects.toBeInstanceOf(ValidationError);
    await c.insertOne({ _id: 'ok', group: 'g', n: 1, tags: [], status: 'a' });
    await expect(c.updateOne({ _id: 'ok' }, { $set: { status: 'nope' } })).rejects.toBeInstanceOf(ValidationError);
    expect(await c.count({})).toBe(1);
    expect((await c.findOne({ _id: 'ok' }))?.status).toBe('a');
  });

  it('enforces unique indexes, honouring the partial filter', async () => {
    const c = store.collection(items);
    await c.insertOne({ _id: '1', group: 'g', n: 1, tags: [], status: 'a' });
    await expect(c.insertOne({ _id: '2', group: 'g', n: 1, tags: [], status: 'a' })).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(c.insertOne({ _id: '1', group: 'h', n: 5, tags: [], status: 'a' })).rejects.toBeInstanceOf(DuplicateKeyError);
    // Outside the partial filter the same key is allowed.
    await c.insertOne({ _id: '3', group: 'g', n: 1, tags: [], status: 'b' });
    // Leaving the filter frees the key.
    await c.updateOne({ _id: '1' }, { $set: { status: 'b' } });
    await c.insertOne({ _id: '4', group: 'g', n: 1, tags: [], status: 'a' });
    expect(await c.count({ group: 'g', n: 1 })).toBe(3);
  });

  it('lets exactly one of many concurrent inserts with the same unique key succeed', async () => {
    const c = store.collection(items);
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => c.insertOne({ _id: `c${i}`, group: 'race', n: 1, tags: [], status: 'a' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof DuplicateKeyError)).toHaveLength(49);
    expect(await c.count({ group: 'race' })).toBe(1);
  });

  it('hands out distinct values to concurrent $inc callers', async () => {
    const c = store.collection(items);
    await c.insertOne({ _id: 'counter', group: 'k', n: 0, tags: [], status: 'b' });
    const values = await Promise.all(Array.from({ length: 30 }, () => c.findOneAndUpdate({ _id: 'counter' }, { $inc: { n: 1 } })));
    expect(new Set(values.map((v) => v?.n)).size).toBe(30);
  });

  it('finds by a list of ids, ignoring missing ones', async () => {
    const c = store.collection(items);
    for (let i = 0; i < 4; i++) await c.insertOne({ _id: `k${i}`, group: 'ids', n: i, tags: [], status: 'b' });
    const found = await c.find({ _id: { $in: ['k3', 'k1', 'missing'] } }, { sort: { n: 1 } });
    expect(found.map((d) => d._id)).toEqual(['k1', 'k3']);
    expect(await c.find({ _id: { $in: [] } })).toEqual([]);
  });

  it('deletes one and many', async () => {
    const c = store.collection(items);
    for (let i = 0; i < 3; i++) await c.insertOne({ _id: `d${i}`, group: 'del', n: i, tags: [], status: 'b' });
    expect(await c.deleteOne({ group: 'del' })).toBe(1);
    expect(await c.deleteMany({ group: 'del' })).toBe(2);
    expect(await c.count({})).toBe(0);
  });

  if (engine.name === 'memory') {
    // MongoDB's TTL monitor runs once a minute, so expiry is only observable promptly in memory;
    // on MongoDB the index itself is checked below.
    it('expires documents past their TTL field', async () => {
      const c = store.collection(items);
      await c.insertOne({ _id: 'old', group: 'ttl', n: 1, tags: [], status: 'b', expiresAt: new Date('2026-01-01T01:00:00Z') });
      await c.insertOne({ _id: 'keep', group: 'ttl', n: 2, tags: [], status: 'b' });
      expect(await c.count({ group: 'ttl' })).toBe(2);
      clock = new Date('2026-01-01T02:00:00Z');
      expect(await c.count({ group: 'ttl' })).toBe(1);
      expect(await c.findOne({ _id: 'old' })).toBeNull();
    });
  }
});
