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

/** A flat schema (only top-level simple paths), as the collections on every turn have. */
interface Flat {
  _id: string;
  kind: 'x' | 'y';
  count: number;
  at?: Date;
  note?: string | null;
  code?: string;
  done: boolean;
}
const flatSchema = new Schema<Flat>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true, enum: ['x', 'y'] },
    count: { type: Number, required: true, default: 0, min: 0 },
    at: Date,
    note: { type: String, default: null },
    code: { type: String, match: /^[a-z]{3}$/, maxlength: 3 },
    done: { type: Boolean, default: false },
  },
  { versionKey: false },
);
const flats = defineCollection<Flat>('contract_flats', flatSchema);

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

  it('casts, defaults and validates flat documents on insert and on update, path by path', async () => {
    const c = store.collection(flats);
    // Defaults fill what is missing, values are cast to the schema's types, unknown fields are dropped.
    const made = await c.insertOne({ _id: 'f1', kind: 'x', at: '2026-01-02T03:04:05Z', extra: 'dropped' } as unknown as Flat);
    expect(made).toEqual({ _id: 'f1', kind: 'x', count: 0, at: new Date('2026-01-02T03:04:05Z'), note: null, done: false });
    await c.insertOne({ _id: 'f2', kind: 'y', count: '3' as unknown as number, done: 'true' as unknown as boolean });
    expect(await c.findOne({ _id: 'f2' })).toMatchObject({ count: 3, done: true });
    for (const bad of [{ _id: 'b1' }, { _id: 'b2', kind: 'z' }, { _id: 'b3', kind: 'x', count: -1 }, { _id: 'b4', kind: 'x', count: 'many' }, { _id: 'b5', kind: 'x', at: 'not a date' }, { _id: 'b6', kind: 'x', code: 'ABC' }, { _id: 'b7', kind: 'x', code: 'abcd' }]) {
      await expect(c.insertOne(bad as unknown as Flat)).rejects.toBeInstanceOf(ValidationError);
    }
    // The store keeps its own copy: changing the caller's Date afterwards changes nothing stored.
    const given = new Date('2026-03-01T00:00:00Z');
    await c.insertOne({ _id: 'f4', kind: 'x', count: 0, done: false, at: given });
    given.setTime(0);
    expect((await c.findOne({ _id: 'f4' }))?.at).toEqual(new Date('2026-03-01T00:00:00Z'));
    await c.deleteOne({ _id: 'f4' });
    // Updates cast and validate the paths they touch.
    await c.updateOne({ _id: 'f1' }, { $set: { count: '7', at: '2026-02-01T00:00:00Z' } });
    expect(await c.findOne({ _id: 'f1' })).toMatchObject({ count: 7, at: new Date('2026-02-01T00:00:00Z') });
    await expect(c.updateOne({ _id: 'f1' }, { $set: { kind: 'z' } })).rejects.toBeInstanceOf(ValidationError);
    await expect(c.updateOne({ _id: 'f1' }, { $set: { kind: null } })).rejects.toBeInstanceOf(ValidationError);
    await expect(c.updateOne({ _id: 'f1' }, { $inc: { count: -10 } })).rejects.toBeInstanceOf(ValidationError);
    await expect(c.findOneAndUpdate({ _id: 'f1' }, { $set: { count: 'lots' } })).rejects.toBeInstanceOf(ValidationError);
    await expect(c.updateOne({ _id: 'f1' }, { $set: { code: 'a1b' } })).rejects.toBeInstanceOf(ValidationError);
    await c.updateOne({ _id: 'f1' }, { $set: { code: 'abc' } });
    await c.updateOne({ _id: 'f1' }, { $set: { note: 'kept', unknown: 1 } });
    expect(await c.findOne({ _id: 'f1' })).toEqual({ _id: 'f1', kind: 'x', count: 7, at: new Date('2026-02-01T00:00:00Z'), note: 'kept', code: 'abc', done: false });
    // An upsert builds the new document from the filter and the update, with defaults.
    await c.updateOne({ _id: 'f3' }, { $set: { kind: 'y' }, $inc: { count: 2 } }, { upsert: true });
    expect(await c.findOne({ _id: 'f3' })).toEqual({ _id: 'f3', kind: 'y', count: 2, note: null, done: false });
    expect(await c.count({})).toBe(3);
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

  // The memory engine tests plain equalities, $in and ranges itself and leaves the rest to mingo:
  // these pin the MongoDB semantics at the edges of that split (arrays, missing fields, Dates).
  it('matches equality, $in and ranges as MongoDB does, arrays and missing fields included', async () => {
    const c = store.collection(items);
    await c.insertOne({ _id: 'a', group: 'm', n: 1, tags: ['red', 'blue'], status: 'a', at: new Date('2026-01-02T00:00:00Z') });
    await c.insertOne({ _id: 'b', group: 'm', n: 2, tags: [], status: 'b' });
    const ids = async (f: Record<string, unknown>): Promise<string[]> => (await c.find(f, { sort: { n: 1 } })).map((d) => d._id);
    expect(await ids({ tags: 'red' })).toEqual(['a']);
    expect(await ids({ tags: { $in: ['blue', 'green'] } })).toEqual(['a']);
    expect(await ids({ group: 'm', n: { $gt: 1 } })).toEqual(['b']);
    expect(await ids({ n: { $lte: 2 }, status: 'a' })).toEqual(['a']);
    expect(await ids({ at: { $lt: new Date('2026-01-03T00:00:00Z') } })).toEqual(['a']);
    expect(await ids({ at: { $gte: new Date('2026-01-03T00:00:00Z') } })).toEqual([]);
    expect(await ids({ missing: 'x' })).toEqual([]);
    expect(await ids({ n: '1' })).toEqual([]);
  });

  it('reports an unchanged document as not modified and increments a missing field from zero', async () => {
    const c = store.collection(items);
    const at = new Date('2026-01-02T00:00:00Z');
    await c.insertOne({ _id: 'u', group: 'g', n: 1, tags: [], status: 'a', at });
    expect(await c.updateOne({ _id: 'u' }, { $set: { at: new Date(at.getTime()), status: 'a' } })).toMatchObject({ matched: 1, modified: 0 });
    expect(await c.updateOne({ _id: 'u' }, { $set: { status: 'b' }, $inc: { n: 0 } })).toMatchObject({ matched: 1, modified: 1 });
    const r = await c.findOneAndUpdate({ _id: 'v' }, { $inc: { n: 3 }, $setOnInsert: { group: 'g', status: 'b', tags: [] } }, { upsert: true });
    expect(r?.n).toBe(3);
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
