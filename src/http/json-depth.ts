// Rejects JSON nested deeper than any request of ours needs, before it is parsed: a 10 KB body
// nested 5000 levels deep parses, but every later JSON.stringify of it (size checks, encryption,
// the transcript) overflows the stack. Counting brackets on the raw bytes is cheap and cannot
// overflow.
import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors';

/** Bot Framework activities, Adaptive Card values and the staff API stay far below this. */
export const MAX_JSON_DEPTH = 64;

/** True when the JSON text nests objects/arrays deeper than `limit` (brackets in strings do not count). */
export function jsonDeeperThan(raw: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const byte of raw) {
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === 0x5c) escaped = true;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > limit) return true;
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
  return false;
}

/** express.json's `verify` hook: a too-deep body ends as a 400 through the error handler. */
export function refuseDeepJson(_req: IncomingMessage, _res: unknown, raw: Buffer): void {
  if (jsonDeeperThan(raw, MAX_JSON_DEPTH)) throw new HttpError(400, 'too_deep', `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
}
