// The engines the contract suite runs against: always the in-memory one; MongoDB when
// MONGODB_URI is set (or a mongod that mongodb-memory-server can find via MONGOMS_SYSTEM_BINARY).
import { randomUUID } from 'node:crypto';
import type { Store } from '../../src/store/collection';
import { MemoryStore } from '../../src/store/memory-engine';
import { MongoStore } from '../../src/store/mongo-engine';

export interface EngineFactory {
  name: string;
  create(now?: () => Date): Promise<Store>;
}

export const memoryEngine: EngineFactory = { name: 'memory', create: (now) => Promise.resolve(new MemoryStore(now)) };

export function mongoEngine(): EngineFactory | undefined {
  const base = process.env.MONGODB_URI;
  if (!base) return undefined;
  return {
    name: 'mongodb',
    // A database per test file run, so runs never see each other's documents.
    create: () => MongoStore.connect(base.replace(/\/?(\?|$)/, `/triage_test_${randomUUID().slice(0, 8)}$1`)),
  };
}

export function engines(): EngineFactory[] {
  const mongo = mongoEngine();
  if (!mongo) {
    process.stdout.write('[store contract] MongoDB run SKIPPED: MONGODB_URI is not set (memory engine only)\n');
    return [memoryEngine];
  }
  return [memoryEngine, mongo];
}
