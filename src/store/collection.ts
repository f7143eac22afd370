// The narrow persistence interface every repository uses. Two engines implement it:
// mongoose on a real MongoDB, and an in-memory engine (mingo) with the same schemas and indexes.
import type { Schema } from 'mongoose';

export type Filter = Record<string, unknown>;
/** A MongoDB update document ($set, $inc, $push, $setOnInsert, ...). */
export type Update = Record<string, unknown>;
export type Sort = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: Sort;
  limit?: number;
  skip?: number;
}

export interface UpdateResult {
  matched: number;
  modified: number;
  upserted: boolean;
}

export interface FindOneAndUpdateOptions {
  upsert?: boolean;
  sort?: Sort;
  /** Default 'after'. */
  returnDocument?: 'before' | 'after';
}

export interface Collection<T extends { _id: string }> {
  readonly name: string;
  /** Throws DuplicateKeyError when a unique index is violated. */
  insertOne(doc: T): Promise<T>;
  findOne(filter: Filter, options?: { sort?: Sort }): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  count(filter: Filter): Promise<number>;
  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<UpdateResult>;
  updateMany(filter: Filter, update: Update): Promise<UpdateResult>;
  findOneAndUpdate(filter: Filter, update: Update, options?: FindOneAndUpdateOptions): Promise<T | null>;
  deleteOne(filter: Filter): Promise<number>;
  deleteMany(filter: Filter): Promise<number>;
}

/** A collection's name and mongoose schema (fields, validation, indexes incl. unique and TTL). */
export interface CollectionDef<T extends { _id: string }> {
  name: string;
  schema: Schema;
  /** Phantom field: carries the document type. */
  readonly __type?: T;
}

export function defineCollection<T extends { _id: string }>(name: string, schema: Schema): CollectionDef<T> {
  return { name, schema };
}

export interface Store {
  readonly engine: 'mongodb' | 'memory';
  collection<T extends { _id: string }>(def: CollectionDef<T>): Collection<T>;
  /** Creates indexes (MongoDB) / registers them (memory). Idempotent. */
  init(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: string,
    readonly index: string,
  ) {
    super(`duplicate key in ${collection} (${index})`);
    this.name = 'DuplicateKeyError';
  }
}

export class ValidationError extends Error {
  constructor(
    readonly collection: string,
    readonly fields: string[],
  ) {
    super(`invalid ${collection} document: ${fields.join(', ')}`);
    this.name = 'ValidationError';
  }
}
