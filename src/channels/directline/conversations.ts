// Tokens and conversations: generate (a new conversation), refresh (same conversation, new
// expiry within the conversation's absolute lifetime), start or resume (the conversation a token opens).
import type { RequestHandler } from 'express';
import { conversationKey } from '../../bot/conversation-key';
import type { ConversationRepository } from '../../repositories/conversations';
import { tokenClaims } from './auth';
import { newConversationId, type TokenService } from './tokens';

export const WEBCHAT_CHANNEL = 'webchat';

export function webchatKey(conversationId: string): string {
  return conversationKey({ channelId: WEBCHAT_CHANNEL, conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' } });
}

export function generateToken(tokens: TokenService): RequestHandler {
  // Nothing is stored: the conversation comes into being with its first activity.
  return (_req, res) => {
    res.json(tokens.issue(newConversationId()));
  };
}

export function refreshToken(tokens: TokenService): RequestHandler {
  return (_req, res) => {
    res.json(tokens.refresh(tokenClaims(res)));
  };
}

/** 201 for a conversation that has no activity yet, 200 when resuming one (a reloaded page). */
export function startConversation(tokens: TokenService, conversations: ConversationRepository): RequestHandler {
  return async (_req, res) => {
    const claims = tokenClaims(res);
    const existing = await conversations.get(webchatKey(claims.conversationId));
    res.status(existing && existing.seq > 0 ? 200 : 201).json(tokens.refresh(claims));
  };
}

/** Direct Line's reconnect (botframework-directlinejs calls it when given a conversationId). */
export function reconnectConversation(tokens: TokenService): RequestHandler<{ conversationId: string }> {
  return (_req, res) => {
    res.json(tokens.refresh(tokenClaims(res)));
  };
}
