// The whole environment, parsed once at start. Nothing here runs on import:
// `loadConfig(env)` is called by main.ts (and by tests with their own env).
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const base64Key = z
  .string()
  .trim()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes encoded in base64');

/**
 * A key made by hand (32 zero bytes, a repeated or counting pattern, a password's text) instead of
 * drawn at random. 32 random bytes hold fewer than 16 distinct values, or only printable ASCII,
 * with a probability below 1e-13, so no real key is ever refused.
 */
export function keyLacksEntropy(key: Buffer): boolean {
  const distinct = new Set(key).size;
  const printable = key.every((b) => b >= 0x20 && b <= 0x7e);
  const step = (key[1] ?? 0) - (key[0] ?? 0);
  const counting = key.every((b, i) => i === 0 || b - key[i - 1]! === step);
  return distinct < 16 || printable || counting;
}

const randomKey = base64Key.refine((v) => !keyLacksEntropy(Buffer.from(v, 'base64')), 'has no entropy (a made-up pattern or text, not random bytes): generate one with `openssl rand -base64 32`');

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address or subnet as Express's `trust proxy` (proxy-addr) reads it: "10.0.0.1", "10.0.0.0/8", "fd00::/8". */
function isProxyAddress(item: string): boolean {
  if (PROXY_NAMES.has(item)) return true;
  const [address = '', prefix, extra] = item.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return isIP(prefix) === 4 && family === 4; // a netmask: 10.0.0.0/255.0.0.0
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Which peers may tell the client's address with X-Forwarded-For, in Express's `trust proxy` syntax:
 * `true`/`false`, a hop count, or a comma-separated list of addresses, subnets and the names
 * loopback, linklocal, uniquelocal.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): boolean | number | string => {
    if (v === 'true' || v === 'false') return v === 'true';
    if (/^\d{1,2}$/.test(v)) return Number(v);
    const items = v.split(',').map((i) => i.trim());
    const wrong = items.filter((i) => !isProxyAddress(i));
    if (wrong.length) ctx.addIssue({ code: 'custom', message: `not an address, subnet, hop count or one of loopback, linklocal, uniquelocal: ${wrong.join(', ')}` });
    return items.join(', ');
  });

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MONGODB_URI: optionalString.pipe(z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional()),
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
    OPENAI_MODEL: optionalString,
    LLM_TIMEOUT_MS: z.coerce.number().int().positive().max(120000).default(8000),
    /** The longest one patient turn may take, LLM waits included; an SMS webhook is answered within it. */
    TURN_BUDGET_MS: z.coerce.number().int().min(1000).max(12000, 'must be at most 12000: Twilio gives up on a webhook after 15 s').default(5000),
    TWILIO_ACCOUNT_SID: optionalString,
    TWILIO_AUTH_TOKEN: optionalString,
    TWILIO_FROM_NUMBER: optionalString,
    TWILIO_MESSAGING_SERVICE_SID: optionalString,
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppTenantId: optionalString,
    MicrosoftAppType: optionalString.pipe(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional()),
    PUBLIC_URL: optionalString.pipe(z.url().optional()),
    TRUST_PROXY: trustProxy.default('loopback'),
    DATA_KEY: optionalString.pipe(randomKey.optional()),
    /** Comma-separated older keys, still accepted for decryption during a key rotation. */
    DATA_KEY_PREVIOUS: optionalString,
    STAFF_ADMIN_EMAIL: optionalString.pipe(z.email().optional()),
    STAFF_ADMIN_PASSWORD: optionalString.pipe(z.string().min(12, 'must be at least 12 characters').optional()),
    CLINIC_CONFIG: optionalString,
    /** Comma-separated origins allowed to embed the widget (CORS). */
    WIDGET_ALLOWED_ORIGINS: optionalString,
    /** How long an idle conversation is kept, in days. */
    CONVERSATION_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
    /** Seconds an embedded mongod (only tried when a binary is on the machine) may take before the in-memory engine is used instead. */
    EMBEDDED_MONGO_TIMEOUT_S: z.coerce.number().positive().default(4),
    /** `memory` asks for the in-memory store explicitly (production refuses to start without MONGODB_URI otherwise). */
    STORE: optionalString.pipe(z.enum(['memory'], 'the only value is memory (for MongoDB, set MONGODB_URI)').optional()),
  });

/** Every variable the service reads: the README's configuration table and docker-compose name them all (a test checks). */
export const ENV_VARIABLES = Object.keys(EnvSchema.shape);

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  logLevel: string;
  mongodbUri?: string;
  /** STORE=memory: the in-memory store was asked for explicitly. */
  inMemoryStore: boolean;
  embeddedMongoTimeoutMs: number;
  llm?: { apiKey: string; baseUrl?: string; model: string; timeoutMs: number };
  /** Total time of one patient turn (web chat POST, SMS webhook, Teams), LLM waits included. */
  turnBudgetMs: number;
  twilio?: { accountSid: string; authToken: string; fromNumber?: string; messagingServiceSid?: string };
  microsoftApp: { appId?: string; appPassword?: string; tenantId?: string; appType?: string };
  publicUrl: string;
  /** Express's `trust proxy`: the peers whose X-Forwarded-For names the client. */
  trustProxy: boolean | number | string;
  /** Current key first, then the keys kept for decryption during rotation. */
  dataKeys: Buffer[];
  dataKeyGenerated: boolean;
  staffAdmin?: { email: string; password: string };
  clinicConfigPath?: string;
  widgetAllowedOrigins: string[];
  conversationRetentionDays: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Rules between variables; they read the raw strings so they report even when a field is malformed. */
function crossChecks(env: NodeJS.ProcessEnv): string[] {
  const set = (name: string): boolean => Boolean(env[name]?.trim());
  const problems: string[] = [];
  if (env.NODE_ENV === 'production' && !set('DATA_KEY')) problems.push('DATA_KEY: is required when NODE_ENV=production');
  if (env.NODE_ENV === 'production' && !set('MONGODB_URI') && env.STORE?.trim() !== 'memory') {
    problems.push('MONGODB_URI: is required when NODE_ENV=production (patient data would be lost on restart); set STORE=memory to ask for the in-memory store anyway');
  }
  if (set('MONGODB_URI') && env.STORE?.trim() === 'memory') problems.push('STORE: STORE=memory and MONGODB_URI exclude each other');
  if (set('STAFF_ADMIN_EMAIL') !== set('STAFF_ADMIN_PASSWORD')) problems.push('STAFF_ADMIN_PASSWORD: STAFF_ADMIN_EMAIL and STAFF_ADMIN_PASSWORD go together');
  if (set('TWILIO_ACCOUNT_SID') !== set('TWILIO_AUTH_TOKEN')) problems.push('TWILIO_AUTH_TOKEN: TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN go together');
  if (set('TWILIO_ACCOUNT_SID') && set('TWILIO_AUTH_TOKEN') && !set('TWILIO_FROM_NUMBER') && !set('TWILIO_MESSAGING_SERVICE_SID')) {
    problems.push('TWILIO_FROM_NUMBER: set TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID');
  }
  if (set('MicrosoftAppId') && !set('MicrosoftAppPassword') && env.MicrosoftAppType !== 'UserAssignedMSI') problems.push('MicrosoftAppPassword: is required with MicrosoftAppId');
  (env.DATA_KEY_PREVIOUS ?? '').split(',').map((k) => k.trim()).filter(Boolean).forEach((key, i) => {
    if (Buffer.from(key, 'base64').length !== 32) problems.push(`DATA_KEY_PREVIOUS.${i}: must be 32 bytes encoded in base64`);
  });
  return problems;
}

/** Parses the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  const problems = [...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`)), ...crossChecks(env)];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  const generated = !e.DATA_KEY;
  const previous = (e.DATA_KEY_PREVIOUS ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    mongodbUri: e.MONGODB_URI,
    inMemoryStore: e.STORE === 'memory',
    embeddedMongoTimeoutMs: e.EMBEDDED_MONGO_TIMEOUT_S * 1000,
    llm: e.OPENAI_API_KEY || e.OPENAI_BASE_URL
      ? { apiKey: e.OPENAI_API_KEY ?? 'not-needed', baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL ?? 'gpt-4o-mini', timeoutMs: e.LLM_TIMEOUT_MS }
      : undefined,
    turnBudgetMs: e.TURN_BUDGET_MS,
    twilio: e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN
      ? { accountSid: e.TWILIO_ACCOUNT_SID, authToken: e.TWILIO_AUTH_TOKEN, fromNumber: e.TWILIO_FROM_NUMBER, messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID }
      : undefined,
    microsoftApp: { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, tenantId: e.MicrosoftAppTenantId, appType: e.MicrosoftAppType },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    trustProxy: e.TRUST_PROXY,
    dataKeys: [e.DATA_KEY ? Buffer.from(e.DATA_KEY, 'base64') : randomBytes(32), ...previous.map((k) => Buffer.from(k, 'base64'))],
    dataKeyGenerated: generated,
    staffAdmin: e.STAFF_ADMIN_EMAIL && e.STAFF_ADMIN_PASSWORD ? { email: e.STAFF_ADMIN_EMAIL, password: e.STAFF_ADMIN_PASSWORD } : undefined,
    clinicConfigPath: e.CLINIC_CONFIG,
    widgetAllowedOrigins: (e.WIDGET_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    conversationRetentionDays: e.CONVERSATION_RETENTION_DAYS,
  };
}
