// Picks the storage engine at start: MongoDB when asked for (and never a silent fallback when
// it cannot be reached), the in-memory engine when asked for (STORE=memory), else an embedded
// mongod when a mongod binary is already on this machine, else the in-memory engine. Nothing is
// ever downloaded at start: that took seconds and printed a stack trace on every offline start.
// Static import: a dynamic import() under NodeNext stays native and fails inside jest.
import { DryMongoBinary, MongoMemoryServer } from 'mongodb-memory-server-core';
import type { Logger } from '../observability/logger';
import type { Store } from './collection';
import { MemoryStore } from './memory-engine';
import { MongoStore } from './mongo-engine';

export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

export interface OpenedStore {
  store: Store;
  /** Stops the embedded mongod, if one was started. */
  stopEmbedded?: () => Promise<void>;
}

export interface OpenStoreOptions {
  mongodbUri?: string;
  /** STORE=memory: the in-memory engine, without looking for a mongod. */
  inMemory?: boolean;
  embeddedTimeoutMs: number;
  logger: Logger;
}

export async function openStore(opts: OpenStoreOptions): Promise<OpenedStore> {
  if (opts.mongodbUri) {
    try {
      return { store: await MongoStore.connect(opts.mongodbUri) };
    } catch (err) {
      throw new StoreUnavailableError(`MONGODB_URI is set but MongoDB cannot be reached (${(err as Error).name}). Check the URI and that the server is running.`);
    }
  }
  if (opts.inMemory) {
    opts.logger.warn('STORE=memory: using the in-memory store; data will not survive a restart');
    return { store: new MemoryStore() };
  }
  const binary = await localMongod();
  const embedded = binary ? await tryEmbeddedMongo(binary, opts.embeddedTimeoutMs) : undefined;
  if (embedded) {
    opts.logger.warn('MONGODB_URI is not set: using an embedded MongoDB; data will not survive a restart');
    return embedded;
  }
  opts.logger.warn('MONGODB_URI is not set and no embedded MongoDB is available: using the in-memory store; data will not survive a restart');
  return { store: new MemoryStore() };
}

/** A mongod already on this machine (mongodb-memory-server's cache, or MONGOMS_SYSTEM_BINARY); never downloads. */
async function localMongod(): Promise<string | undefined> {
  try {
    return await DryMongoBinary.locateBinary(DryMongoBinary.getEnsuredOptions());
  } catch {
    return undefined;
  }
}

async function tryEmbeddedMongo(binary: string, timeoutMs: number): Promise<OpenedStore | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const starting = MongoMemoryServer.create({ binary: { systemBinary: binary } });
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    const server = await Promise.race([starting, timeout]);
    if (!server) {
      // Stop it if it comes up after all, so the process can exit.
      starting.then((s) => s.stop(), () => undefined).catch(() => undefined);
      return undefined;
    }
    const store = await MongoStore.connect(server.getUri());
    return { store, stopEmbedded: async () => void (await server.stop()) };
  } catch {
    return undefined;
  } finally {
    if (timer) clearTimeout(timer);
  }
}
