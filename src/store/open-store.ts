// Picks the storage engine at start: MongoDB when asked for (and never a silent fallback when
// it cannot be reached), else an embedded mongod when one can be had, else the in-memory engine.
// Static import: a dynamic import() under NodeNext stays native and fails inside jest.
import { MongoMemoryServer } from 'mongodb-memory-server-core';
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

export async function openStore(opts: { mongodbUri?: string; embeddedTimeoutMs: number; logger: Logger }): Promise<OpenedStore> {
  if (opts.mongodbUri) {
    try {
      return { store: await MongoStore.connect(opts.mongodbUri) };
    } catch (err) {
      throw new StoreUnavailableError(`MONGODB_URI is set but MongoDB cannot be reached (${(err as Error).name}). Check the URI and that the server is running.`);
    }
  }
  const embedded = await tryEmbeddedMongo(opts.embeddedTimeoutMs);
  if (embedded) {
    opts.logger.warn('MONGODB_URI is not set: using an embedded MongoDB; data will not survive a restart');
    return embedded;
  }
  opts.logger.warn('MONGODB_URI is not set and no embedded MongoDB is available: using the in-memory store; data will not survive a restart');
  return { store: new MemoryStore() };
}

async function tryEmbeddedMongo(timeoutMs: number): Promise<OpenedStore | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const starting = MongoMemoryServer.create();
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
