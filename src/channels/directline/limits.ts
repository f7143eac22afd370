// Rate limits on the Direct Line API. Counters live in each instance's memory (express-rate-limit's
// MemoryStore): an attacker spread over N instances gets at most N times the limit, which is an
// accepted trade-off for not putting a counter write in the store on every request.
import { ipKeyGenerator, rateLimit, type RateLimitRequestHandler, type ValueDeterminingMiddleware } from 'express-rate-limit';
import { HttpError } from '../../http/errors';
import { tokenClaims } from './auth';

export interface DirectLineLimits {
  /** Tokens generated per client IP per window. */
  generatePerIp: number;
  /** Activities posted per client IP per window (a clinic waiting room may share one IP). */
  postPerIp: number;
  /** Activities posted per conversation per window: far above what a person can type. */
  postPerConversation: number;
  /** Polls per client IP per window (botframework-directlinejs polls every second by default). */
  readPerIp: number;
  windowMs: number;
}

export const DEFAULT_LIMITS: DirectLineLimits = {
  generatePerIp: 60,
  postPerIp: 300,
  postPerConversation: 40,
  readPerIp: 3000,
  windowMs: 60_000,
};

const tooMany = new HttpError(429, 'rate_limited', 'Too many requests; please wait a moment and try again.');

function limiter(limit: number, windowMs: number, keyGenerator: ValueDeterminingMiddleware<string>): RateLimitRequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator,
    handler: (_req, _res, next) => next(tooMany),
  });
}

// Behind the clinic's reverse proxy req.ip is the patient's address (app.ts sets 'trust proxy');
// IPv6 clients are grouped by /56 so one household cannot rotate through its addresses.
const byIp = (req: { ip?: string }): string => ipKeyGenerator(req.ip ?? 'unknown');

export interface DirectLineLimiters {
  generate: RateLimitRequestHandler;
  postByIp: RateLimitRequestHandler;
  postByConversation: RateLimitRequestHandler;
  readByIp: RateLimitRequestHandler;
}

export function createLimiters(limits: DirectLineLimits): DirectLineLimiters {
  return {
    generate: limiter(limits.generatePerIp, limits.windowMs, byIp),
    postByIp: limiter(limits.postPerIp, limits.windowMs, byIp),
    // Runs after requireToken, so the conversation comes from the verified token, not the path.
    readByIp: limiter(limits.readPerIp, limits.windowMs, byIp),
    postByConversation: limiter(limits.postPerConversation, limits.windowMs, (_req, res) => `conversation:${tokenClaims(res).conversationId}`),
  };
}
