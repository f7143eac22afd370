// Direct Line tokens: stateless, HMAC-signed claims bound to one conversation, with an expiry.
// Refreshing gives a new expiry but never past the conversation's absolute lifetime (24 h after its
// first token): a token that leaks cannot be kept alive forever by refreshing it.
// The signing key is derived (HKDF) from DATA_KEY, so every instance sharing DATA_KEY accepts the
// tokens of every other, and nothing about a token needs to be stored. Older DATA_KEYs kept for
// rotation still verify, so a key rotation does not end the patients' open conversations.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export const DEFAULT_TOKEN_TTL_SECONDS = 30 * 60;
/** No token of a conversation is valid past this long after the conversation's first token. */
export const CONVERSATION_TOKEN_LIFETIME_SECONDS = 24 * 3600;
const TOKEN_VERSION = 1;

export interface TokenClaims {
  /** The Direct Line conversation id (without the "webchat:" channel prefix). */
  conversationId: string;
  /** Issued at / expires at, seconds since the epoch. */
  iat: number;
  exp: number;
  /** When the conversation's first token was issued: refreshed tokens carry it on. */
  born: number;
}

export interface IssuedToken {
  conversationId: string;
  token: string;
  expires_in: number;
}

export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

/** Conversation ids are random and unguessable; the token is the only key to one. */
export function newConversationId(): string {
  return randomBytes(18).toString('base64url');
}

export const CONVERSATION_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export class TokenService {
  private readonly keys: Buffer[];

  constructor(
    dataKeys: Buffer[],
    private readonly now: () => Date = () => new Date(),
    readonly ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS,
  ) {
    if (dataKeys.length === 0) throw new Error('at least one data key is required');
    this.keys = dataKeys.map((k) => Buffer.from(hkdfSync('sha256', k, Buffer.alloc(0), 'directline-token-v1', 32)));
  }

  /** A token for a new conversation, or (with `born` from the caller's token) a refreshed one. */
  issue(conversationId: string, born?: number): IssuedToken {
    const iat = Math.floor(this.now().getTime() / 1000);
    const b = born ?? iat;
    const exp = Math.min(iat + this.ttlSeconds, b + CONVERSATION_TOKEN_LIFETIME_SECONDS);
    const payload = Buffer.from(JSON.stringify({ v: TOKEN_VERSION, c: conversationId, iat, exp, b })).toString('base64url');
    return { conversationId, token: `${payload}.${sign(this.keys[0]!, payload)}`, expires_in: Math.max(0, exp - iat) };
  }

  /** A new token for the conversation the verified claims name, within its absolute lifetime. */
  refresh(claims: TokenClaims): IssuedToken {
    return this.issue(claims.conversationId, claims.born);
  }

  verify(token: string): VerifyResult {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined || payload.length > 512) return { ok: false, reason: 'malformed' };
    const given = Buffer.from(signature, 'base64url');
    const valid = this.keys.some((key) => {
      const expected = Buffer.from(sign(key, payload), 'base64url');
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    if (!valid) return { ok: false, reason: 'signature' };
    const claims = parseClaims(payload);
    if (!claims) return { ok: false, reason: 'malformed' };
    const now = this.now().getTime() / 1000;
    if (claims.exp <= now || claims.born + CONVERSATION_TOKEN_LIFETIME_SECONDS <= now) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }
}

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

function parseClaims(payload: string): TokenClaims | undefined {
  try {
    const raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { v, c, iat, exp, b } = raw;
    if (v !== TOKEN_VERSION || typeof c !== 'string' || !CONVERSATION_ID_PATTERN.test(c)) return undefined;
    if (typeof iat !== 'number' || typeof exp !== 'number' || (b !== undefined && typeof b !== 'number')) return undefined;
    // Tokens issued before the absolute lifetime existed count from their own issue time.
    return { conversationId: c, iat, exp, born: typeof b === 'number' ? b : iat };
  } catch {
    return undefined;
  }
}
