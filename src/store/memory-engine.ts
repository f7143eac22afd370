// The in-memory engine: the same Mongo filters and updates (mingo), the same mongoose schemas
// (validation, casting, defaults), the same unique and TTL indexes. Each operation runs
// under a per-collection write lock, so check-then-write is atomic exactly as a MongoDB
// single-document operation is; reads never wait.
import { randomUUID } from 'node:crypto';
import { Query } from 'mingo';
import { updateOne as mingoUpdate } from 'mingo/updater';
import mongoose, { type Connection, type Model } from 'mongoose';
import {
  DuplicateKeyError,
  ValidationError,
  type Collection,
  type CollectionDef,
  type Filter,
  type FindOneAndUpdateOptions,
  type FindOptions,
  type Sort,
  type Store,
  type Update,
  type UpdateResult,
} from './collection';
import { getPath, indexRules, keyPart, type IndexRule } from './schema-rules';

type Doc = Record<string, unknown> & { _id: string };

class MemoryCollection<T extends { _id: string }> implements Collection<T> {
  private readonly docs = new Map<string, Doc>();
  private readonly rules: IndexRule[];
  private readonly unique = new Map<string, Map<string, string>>();
  private readonly ttl?: IndexRule;
  /** Equality look-up on the first field of each declared index, to avoid scanning every document. */
  private readonly byField = new Map<string, Map<string, Set<string>>>();
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly model: Model<unknown>,
    private readonly now: () => Date,
  ) {
    this.rules = indexRules(model.schema);
    for (const r of this.rules) {
      if (r.unique) this.unique.set(r.name, new Map());
      if (r.expireAfterSeconds !== undefined) this.ttl = r;
      if (r.fields[0] && r.fields[0] !== '_id') this.byField.set(r.fields[0], new Map());
    }
  }

  insertOne(doc: T): Promise<T> {
    return this.exclusive(async () => {
      const candidate = await this.cast({ ...(doc as unknown as Doc) });
      if (this.liveDoc(candidate._id)) throw new DuplicateKeyError(this.name, '_id_');
      this.commit(undefined, candidate);
      return clone(candidate) as unknown as T;
    });
  }

  findOne(filter: Filter, options?: { sort?: Sort }): Promise<T | null> {
    return Promise.resolve().then(() => {
      const [first] = this.select(filter, { sort: options?.sort, limit: 1 });
      return first ? (clone(first) as unknown as T) : null;
    });
  }

  find(filter: Filter, options?: FindOptions): Promise<T[]> {
    return Promise.resolve().then(() => this.select(filter, options).map((d) => clone(d) as unknown as T));
  }

  count(filter: Filter): Promise<number> {
    return Promise.resolve().then(() => this.select(filter).length);
  }

  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<UpdateResult> {
    return this.exclusive(async () => {
      const [target] = this.select(filter, { limit: 1 });
      if (target) {
        const modified = await this.apply(target, update, false);
        return { matched: 1, modified: modified ? 1 : 0, upserted: false };
      }
      if (!options?.upsert) return { matched: 0, modified: 0, upserted: false };
      await this.upsert(filter, update);
      return { matched: 0, modified: 0, upserted: true };
    });
  }

  updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    return this.exclusive(async () => {
      const targets = this.select(filter);
      // Validate every change first so a failing document leaves the whole batch unapplied.
      const next = await Promise.all(targets.map((t) => this.nextVersion(t, update, false)));
      let modified = 0;
      next.forEach((n, i) => {
        if (n) {
          this.commit(targets[i], n);
          modified++;
        }
      });
      return { matched: targets.length, modified, upserted: false };
    });
  }

  findOneAndUpdate(filter: Filter, update: Update, options?: FindOneAndUpdateOptions): Promise<T | null> {
    return this.exclusive(async () => {
      const [target] = this.select(filter, { sort: options?.sort, limit: 1 });
      if (target) {
        const before = clone(target);
        await this.apply(target, update, false);
        const after = this.docs.get(target._id)!;
        return (options?.returnDocument === 'before' ? before : clone(after)) as unknown as T;
      }
      if (!options?.upsert) return null;
      const created = await this.upsert(filter, update);
      return options.returnDocument === 'before' ? null : (clone(created) as unknown as T);
    });
  }

  deleteOne(filter: Filter): Promise<number> {
    return this.exclusive(() => {
      const [target] = this.select(filter, { limit: 1 });
      if (!target) return 0;
      this.remove(target);
      return 1;
    });
  }

  deleteMany(filter: Filter): Promise<number> {
    return this.exclusive(() => {
      const targets = this.select(filter);
      targets.forEach((t) => this.remove(t));
      return targets.length;
    });
  }

  /** Number of stored documents, expired ones swept first (for memory benchmarks). */
  size(): number {
    this.select({});
    return this.docs.size;
  }

  private select(filter: Filter, options?: FindOptions): Doc[] {
    const query = new Query(filter);
    const out: Doc[] = [];
    const wantsEarlyStop = options?.limit !== undefined && !options.sort && !options.skip;
    for (const doc of this.candidates(filter)) {
      if (this.expired(doc)) {
        this.remove(doc);
        continue;
      }
      if (query.test(doc)) {
        out.push(doc);
        if (wantsEarlyStop && out.length >= options.limit!) break;
      }
    }
    if (options?.sort) out.sort(comparator(options.sort));
    const skip = options?.skip ?? 0;
    return out.slice(skip, options?.limit !== undefined ? skip + options.limit : undefined);
  }

  private candidates(filter: Filter): Doc[] {
    const id = filter._id;
    if (typeof id === 'string') {
      const doc = this.docs.get(id);
      return doc ? [doc] : [];
    }
    // Bot state is read by `_id: {$in: keys}` on every turn: look the keys up instead of scanning.
    const ids = (id as { $in?: unknown } | undefined)?.$in;
    if (Array.isArray(ids) && ids.every((i) => typeof i === 'string') && Object.keys(id as object).length === 1) {
      return ids.map((i: string) => this.docs.get(i)).filter((d): d is Doc => d !== undefined);
    }
    for (const [field, index] of this.byField) {
      const v = filter[field];
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        const ids = index.get(keyPart(v));
        return ids ? [...ids].map((i) => this.docs.get(i)!).filter(Boolean) : [];
      }
    }
    return [...this.docs.values()];
  }

  private liveDoc(id: string): Doc | undefined {
    const doc = this.docs.get(id);
    if (doc && this.expired(doc)) {
      this.remove(doc);
      return undefined;
    }
    return doc;
  }

  private expired(doc: Doc): boolean {
    if (!this.ttl) return false;
    const at = getPath(doc, this.ttl.fields[0]!);
    return at instanceof Date && at.getTime() + this.ttl.expireAfterSeconds! * 1000 <= this.now().getTime();
  }

  /** Runs writes one after another; a failed write does not block the next. */
  private exclusive<R>(fn: () => R | Promise<R>): Promise<R> {
    const run = this.tail.then(fn);
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async upsert(filter: Filter, update: Update): Promise<Doc> {
    // Like MongoDB: the new document starts from the filter's plain equality fields.
    const seed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(filter)) {
      if (!k.startsWith('$') && (v === null || typeof v !== 'object' || v instanceof Date)) seed[k] = v;
    }
    if (typeof seed._id !== 'string') seed._id = randomUUID();
    const next = await this.nextVersion(seed as Doc, update, true);
    const doc = next ?? (await this.cast(seed as Doc));
    if (this.liveDoc(doc._id)) throw new DuplicateKeyError(this.name, '_id_');
    this.commit(undefined, doc);
    return doc;
  }

  /** Returns true when the document changed. */
  private async apply(target: Doc, update: Update, inserting: boolean): Promise<boolean> {
    const next = await this.nextVersion(target, update, inserting);
    if (!next) return false;
    this.commit(target, next);
    return true;
  }

  private async nextVersion(target: Doc, update: Update, inserting: boolean): Promise<Doc | null> {
    const working = clone(target);
    const modifier: Update = { ...update };
    if (inserting && modifier.$setOnInsert) {
      modifier.$set = { ...(modifier.$set as object), ...modifier.$setOnInsert };
    }
    delete modifier.$setOnInsert;
    const changed = Object.keys(modifier).length === 0 ? 0 : mingoUpdate([working], {}, modifier as never, { cloneMode: 'deep' }).modifiedCount;
    if (!changed && !inserting) return null;
    return this.cast(working);
  }

  private async cast(doc: Doc): Promise<Doc> {
    const instance = new this.model(doc);
    try {
      await instance.validate();
    } catch (err) {
      throw new ValidationError(this.name, Object.keys((err as { errors?: object }).errors ?? {}));
    }
    const obj = instance.toObject({ depopulate: true, versionKey: false }) as unknown as Doc;
    return obj;
  }

  private commit(previous: Doc | undefined, next: Doc): void {
    for (const rule of this.rules) {
      if (!rule.unique) continue;
      const key = this.uniqueKey(rule, next);
      const owner = key === undefined ? undefined : this.unique.get(rule.name)!.get(key);
      if (owner !== undefined && owner !== next._id) {
        const other = this.docs.get(owner);
        if (other && !this.expired(other)) throw new DuplicateKeyError(this.name, rule.name);
      }
    }
    if (previous) this.unindex(previous);
    this.docs.set(next._id, next);
    this.index(next);
  }

  private remove(doc: Doc): void {
    this.unindex(doc);
    this.docs.delete(doc._id);
  }

  private index(doc: Doc): void {
    for (const rule of this.rules) {
      const key = rule.unique ? this.uniqueKey(rule, doc) : undefined;
      if (key !== undefined) this.unique.get(rule.name)!.set(key, doc._id);
    }
    for (const [field, index] of this.byField) {
      const k = keyPart(getPath(doc, field));
      let ids = index.get(k);
      if (!ids) index.set(k, (ids = new Set()));
      ids.add(doc._id);
    }
  }

  private unindex(doc: Doc): void {
    for (const rule of this.rules) {
      const key = rule.unique ? this.uniqueKey(rule, doc) : undefined;
      const map = this.unique.get(rule.name);
      if (key !== undefined && map?.get(key) === doc._id) map.delete(key);
    }
    for (const [field, index] of this.byField) {
      const k = keyPart(getPath(doc, field));
      const ids = index.get(k);
      ids?.delete(doc._id);
      if (ids?.size === 0) index.delete(k);
    }
  }

  private uniqueKey(rule: IndexRule, doc: Doc): string | undefined {
    if (rule.partialFilter && !new Query(rule.partialFilter).test(doc)) return undefined;
    return rule.fields.map((f) => keyPart(getPath(doc, f))).join('|');
  }
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function comparator(sort: Sort): (a: Doc, b: Doc) => number {
  const entries = Object.entries(sort);
  return (a, b) => {
    for (const [field, dir] of entries) {
      const c = compareValues(getPath(a, field), getPath(b, field));
      if (c !== 0) return c * dir;
    }
    return 0;
  };
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  const av = a instanceof Date ? a.getTime() : a;
  const bv = b instanceof Date ? b.getTime() : b;
  return (av as number | string) < (bv as number | string) ? -1 : (av as number | string) > (bv as number | string) ? 1 : 0;
}

export class MemoryStore implements Store {
  readonly engine = 'memory' as const;
  private readonly connection: Connection = mongoose.createConnection();
  private readonly collections = new Map<string, MemoryCollection<{ _id: string }>>();
  private closed = false;

  constructor(private readonly now: () => Date = () => new Date()) {}

  collection<T extends { _id: string }>(def: CollectionDef<T>): Collection<T> {
    let c = this.collections.get(def.name);
    if (!c) {
      const model = this.connection.models[def.name] ?? this.connection.model(def.name, def.schema, def.name);
      c = new MemoryCollection(def.name, model as Model<unknown>, this.now);
      this.collections.set(def.name, c);
    }
    return c as unknown as Collection<T>;
  }

  /** Documents held in one collection (benchmarks report memory per conversation with it). */
  size(name: string): number {
    return this.collections.get(name)?.size() ?? 0;
  }

  init(): Promise<void> {
    return Promise.resolve();
  }

  ping(): Promise<boolean> {
    return Promise.resolve(!this.closed);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connection.close();
  }
}
