// The MongoDB engine: the same Collection interface over mongoose models, so validation, casting
// and indexes come from the one schema both engines share.
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

type Lean = Record<string, unknown>;

function translate(name: string, err: unknown): never {
  const e = err as { code?: number; name?: string; errors?: Record<string, unknown>; keyPattern?: Record<string, unknown> };
  if (e?.code === 11000) throw new DuplicateKeyError(name, Object.keys(e.keyPattern ?? {}).join('_') || 'unique');
  if (e?.name === 'ValidationError') throw new ValidationError(name, Object.keys(e.errors ?? {}));
  throw err;
}

class MongoCollection<T extends { _id: string }> implements Collection<T> {
  constructor(
    readonly name: string,
    private readonly model: Model<unknown>,
  ) {}

  async insertOne(doc: T): Promise<T> {
    try {
      const created = await this.model.create(doc);
      return created.toObject({ versionKey: false }) as T;
    } catch (err) {
      translate(this.name, err);
    }
  }

  async findOne(filter: Filter, options?: { sort?: Sort }): Promise<T | null> {
    const q = this.model.findOne(filter);
    if (options?.sort) q.sort(options.sort);
    return (await q.lean<Lean>().exec()) as T | null;
  }

  async find(filter: Filter, options?: FindOptions): Promise<T[]> {
    const q = this.model.find(filter);
    if (options?.sort) q.sort(options.sort);
    if (options?.skip) q.skip(options.skip);
    if (options?.limit !== undefined) q.limit(options.limit);
    return (await q.lean<Lean[]>().exec()) as unknown as T[];
  }

  count(filter: Filter): Promise<number> {
    return this.model.countDocuments(filter).exec();
  }

  async updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<UpdateResult> {
    try {
      const r = await this.model.updateOne(filter, update, { upsert: options?.upsert ?? false, runValidators: true }).exec();
      return { matched: r.matchedCount, modified: r.modifiedCount, upserted: r.upsertedCount > 0 };
    } catch (err) {
      translate(this.name, err);
    }
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    try {
      const r = await this.model.updateMany(filter, update, { runValidators: true }).exec();
      return { matched: r.matchedCount, modified: r.modifiedCount, upserted: false };
    } catch (err) {
      translate(this.name, err);
    }
  }

  async findOneAndUpdate(filter: Filter, update: Update, options?: FindOneAndUpdateOptions): Promise<T | null> {
    try {
      const q = this.model.findOneAndUpdate(filter, update, {
        upsert: options?.upsert ?? false,
        sort: options?.sort,
        returnDocument: options?.returnDocument ?? 'after',
        runValidators: true,
        setDefaultsOnInsert: true,
      });
      return (await q.lean<Lean>().exec()) as T | null;
    } catch (err) {
      translate(this.name, err);
    }
  }

  async deleteOne(filter: Filter): Promise<number> {
    return (await this.model.deleteOne(filter).exec()).deletedCount;
  }

  async deleteMany(filter: Filter): Promise<number> {
    return (await this.model.deleteMany(filter).exec()).deletedCount;
  }
}

export class MongoStore implements Store {
  readonly engine = 'mongodb' as const;
  private readonly models = new Map<string, Model<unknown>>();

  private constructor(private readonly connection: Connection) {}

  /** Connects, failing within `timeoutMs` when the server cannot be reached. */
  static async connect(uri: string, timeoutMs = 5000): Promise<MongoStore> {
    const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: timeoutMs, autoIndex: false });
    await connection.asPromise();
    return new MongoStore(connection);
  }

  collection<T extends { _id: string }>(def: CollectionDef<T>): Collection<T> {
    let model = this.models.get(def.name);
    if (!model) {
      model = (this.connection.models[def.name] ?? this.connection.model(def.name, def.schema, def.name)) as Model<unknown>;
      this.models.set(def.name, model);
    }
    return new MongoCollection<T>(def.name, model);
  }

  async init(): Promise<void> {
    for (const model of this.models.values()) await model.createIndexes();
  }

  async ping(): Promise<boolean> {
    try {
      await this.connection.db?.admin().ping();
      return this.connection.readyState === mongoose.ConnectionStates.connected;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
