// Bearer-token checks for the Direct Line routes. No token → 401; a token that is malformed,
// forged or expired → 403 (as Direct Line answers); a token used on another conversation → 403.
import type { RequestHandler, Response } from 'express';
import { forbidden, unauthorized } from '../../http/errors';
import type { TokenClaims, TokenService } from './tokens';

interface DirectLineLocals {
  directLine?: TokenClaims;
}

/** The verified claims of the request's token; only valid after `requireToken`. */
export function tokenClaims(res: Response): TokenClaims {
  const claims = (res.locals as DirectLineLocals).directLine;
  if (!claims) throw unauthorized();
  return claims;
}

export function requireToken(tokens: TokenService): RequestHandler {
  return (req, res, next) => {
    const header = req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return next(unauthorized('A Direct Line token is required.'));
    const result = tokens.verify(match[1]!);
    if (!result.ok) {
      return next(forbidden(result.reason === 'expired' ? 'The token has expired.' : 'The token is not valid.'));
    }
    (res.locals as DirectLineLocals).directLine = result.claims;
    next();
  };
}

/** The conversation in the path must be the one the token was issued for. */
export const requireOwnConversation: RequestHandler<{ conversationId: string }> = (req, res, next) => {
  if (req.params.conversationId !== tokenClaims(res).conversationId) {
    return next(forbidden('The token does not open this conversation.'));
  }
  next();
};
