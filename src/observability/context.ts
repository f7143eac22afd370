// Request and conversation ids travel with the async call chain, so every log line carries them
// without any handler having to pass them along.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface LogContext {
  requestId?: string;
  conversationId?: string;
  channel?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

export function runWithContext<T>(ctx: LogContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...ctx }, fn);
}

/** Adds fields to the current context (e.g. the conversation id once a turn knows it). */
export function setContext(fields: LogContext): void {
  const store = storage.getStore();
  if (store) Object.assign(store, fields);
}

export function currentContext(): LogContext {
  return storage.getStore() ?? {};
}
