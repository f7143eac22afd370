// JSON logs on stdout. PHI never appears: known PHI fields are redacted by path, and the
// code never logs message text in the first place (redaction is the second line of defence).
import pino, { type DestinationStream, type Logger } from 'pino';
import { currentContext } from './context';

export type { Logger } from 'pino';

/** Field names that may hold PHI anywhere in a logged object. */
const PHI_KEYS = ['text', 'body', 'Body', 'From', 'To', 'phone', 'name', 'email', 'password', 'dob', 'dateOfBirth', 'note', 'transcript', 'token', 'authorization', 'cookie', 'value', 'address'];

export const REDACT_PATHS = [
  ...PHI_KEYS,
  ...PHI_KEYS.map((k) => `*.${k}`),
  ...PHI_KEYS.map((k) => `*.*.${k}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-twilio-signature"]',
  'req.headers["x-csrf-token"]',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      mixin: () => ({ ...currentContext() }),
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
