// The in-memory engine: the same Mongo filters and updates (mingo; the plain ones that every turn
// runs are matched and applied directly, see memory-match.ts and memory-update.ts), the same mongoose schemas
// (validation, casting, defaults), the same unique and TTL indexes. Each operation runs
// under a per-collection write lock, so check-then-write is atomic exactly as a MongoDB
// single-document operation is; reads never wait.
import { randomUUID } from 'node:crypto';
import { isDate } from 'node:util/types';
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
import { FieldError, FlatCaster } from './memory-cast';
import { MemoryIndexes } from './memory-indexes';
import { comparator, compileFilter, type Doc } from './memory-match';
import { applyModifier } from './memory-update';
import { getPath, indexRules, type IndexRule } from './schema-rules';

class MemoryCollection<T extends { _id: string }> implements Collection<T> {
  private readonly docs = new Map<string, Doc>();
  private readonly indexes: MemoryIndexes;
  private readonly ttl?: IndexRule;
  private readonly caster: FlatCaster;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly model: Model<unknown>,
    private readonly now: () => Date,
  ) {
    const rules = indexRules(model.schema);
    this.indexes = new MemoryIndexes(rules);
    this.ttl = rules.filter((r) => r.expireAfterSeconds !== undefined).at(-1);
    this.caster = new FlatCaster(model);
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

  /** Copies of the stored documents, exactly as held. */
  rawDocuments(): Doc[] {
    return [...this.docs.values()].map((d) => structuredClone(d));
  }

  /** Number of stored documents, expired ones swept first (for memory benchmarks). */
  size(): number {
    this.select({});
    return this.docs.size;
  }

  private select(filter: Filter, options?: FindOptions): Doc[] {
    const matches = compileFilter(filter);
    // One clock reading per query: every candidate is judged at the same instant.
    const nowMs = this.now().getTime();
    const out: Doc[] = [];
    const wantsEarlyStop = options?.limit !== undefined && !options.sort && !options.skip;
    for (const doc of this.candidates(filter)) {
      if (this.expired(doc, nowMs)) {
        this.remove(doc);
        continue;
      }
      if (matches(doc)) {
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
      // A key listed twice still names one document, as in MongoDB.
      return [...new Set(ids)].map((i) => this.docs.get(i)).filter((d): d is Doc => d !== undefined);
    }
    const indexed = this.indexes.lookup(filter);
    if (indexed) return [...indexed].map((i) => this.docs.get(i)).filter((d): d is Doc => d !== undefined);
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

  private expired(doc: Doc, nowMs = this.now().getTime()): boolean {
    if (!this.ttl) return false;
    const at = getPath(doc, this.ttl.fields[0]!);
    return isDate(at) && at.getTime() + this.ttl.expireAfterSeconds! * 1000 <= nowMs;
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
      if (!k.startsWith('$') && (v === null || typeof v !== 'object' || isDate(v))) seed[k] = v;
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
    const applied = applyModifier(working, modifier);
    if (!applied.changed && !inserting) return null;
    // An update of an existing document validates the fields it changed, as MongoDB's update validators do.
    if (!inserting && applied.fields && (await this.guard(() => this.caster.castFields(working, applied.fields!)))) return working;
    return this.cast(working);
  }

  /** Runs a fast cast, turning a field's failure into the engine's ValidationError. */
  private async guard<R>(fn: () => Promise<R>): Promise<R> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof FieldError) throw new ValidationError(this.name, err.paths);
      throw err;
    }
  }

  private async cast(doc: Doc): Promise<Doc> {
    const flat = await this.guard(() => this.caster.castDocument(doc));
    if (flat) return flat;
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
    const violated = this.indexes.conflict(next, (id) => {
      const other = this.docs.get(id);
      return other !== undefined && !this.expired(other);
    });
    if (violated) throw new DuplicateKeyError(this.name, violated);
    if (previous) this.indexes.remove(previous);
    this.docs.set(next._id, next);
    this.indexes.add(next);
  }

  private remove(doc: Doc): void {
    this.indexes.remove(doc);
    this.docs.delete(doc._id);
  }
}

/**
 * A private copy of a stored document. Documents of flat schemas hold only primitives and Dates, and a
 * field-by-field copy of those is several times faster than structuredClone, which every read and
 * write pays; anything nested is deep-cloned.
 */
function clone<T>(value: T): T {
  const doc = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key in doc) {
    const v = doc[key];
    if (v !== null && typeof v === 'object') {
      if (!isDate(v)) return structuredClone(value);
      copy[key] = new Date(v.getTime());
    } else {
      copy[key] = v;
    }
  }
  return copy as T;
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

  /** Every collection's documents as stored: what a dump of the database would show (tests check PHI at rest with it). */
  rawDump(): Record<string, unknown[]> {
    return Object.fromEntries([...this.collections].map(([name, c]) => [name, c.rawDocuments()]));
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
