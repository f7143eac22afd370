// Tokens are stateless and signed: bound to one conversation, expiring, verifiable by any instance
// sharing DATA_KEY (including one that rotated it), useless to anyone without the key.
import { randomBytes } from 'node:crypto';
import { CONVERSATION_TOKEN_LIFETIME_SECONDS, TokenService, newConversationId } from '../../src/channels/directline/tokens';

describe('TokenService', () => {
  const key = randomBytes(32);
  let now = new Date('2026-01-01T10:00:00Z');
  const clock = (): Date => now;

  it('issues a token that verifies to its conversation', () => {
    const tokens = new TokenService([key], clock);
    const id = newConversationId();
    const issued = tokens.issue(id);
    expect(issued).toEqual({ conversationId: id, token: expect.any(String), expires_in: 1800 });
    const result = tokens.verify(issued.token);
    expect(result).toEqual({ ok: true, claims: { conversationId: id, iat: expect.any(Number), exp: expect.any(Number), born: expect.any(Number) } });
  });

  it('expires after its lifetime', () => {
    const tokens = new TokenService([key], clock, 60);
    const { token } = tokens.issue(newConversationId());
    now = new Date(now.getTime() + 59_000);
    expect(tokens.verify(token).ok).toBe(true);
    now = new Date(now.getTime() + 1_000);
    expect(tokens.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a changed payload, another key and garbage', () => {
    const tokens = new TokenService([key], clock);
    const { token } = tokens.issue(newConversationId());
    const [, sig] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ v: 1, c: newConversationId(), iat: 1, exp: 9e9 })).toString('base64url');
    expect(tokens.verify(`${otherPayload}.${sig}`)).toEqual({ ok: false, reason: 'signature' });
    expect(new TokenService([randomBytes(32)], clock).verify(token)).toEqual({ ok: false, reason: 'signature' });
    for (const junk of ['', '.', 'a.b.c', 'no-dot', `${'a'.repeat(600)}.b`]) expect(tokens.verify(junk).ok).toBe(false);
  });

  it('refuses a validly signed payload that is not a token', () => {
    // Guards against a future change signing other things with the same key.
    const tokens = new TokenService([key], clock);
    const issued = tokens.issue('abcdefgh');
    expect(tokens.verify(issued.token).ok).toBe(true);
    expect(() => tokens.issue('x')).not.toThrow();
    expect(tokens.verify(tokens.issue('x').token)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('keeps accepting tokens signed with the previous DATA_KEY during a rotation', () => {
    const old = new TokenService([key], clock);
    const rotated = new TokenService([randomBytes(32), key], clock);
    expect(rotated.verify(old.issue(newConversationId()).token).ok).toBe(true);
    expect(old.verify(rotated.issue(newConversationId()).token).ok).toBe(false);
  });

  it('never lets refreshing carry a conversation past 24 hours from its first token', () => {
    const tokens = new TokenService([key], clock);
    const started = now.getTime();
    let issued = tokens.issue(newConversationId());
    // The widget refreshes well before each token expires, for a whole day.
    while (now.getTime() + 20 * 60_000 < started + CONVERSATION_TOKEN_LIFETIME_SECONDS * 1000) {
      now = new Date(now.getTime() + 20 * 60_000);
      const verified = tokens.verify(issued.token);
      if (!verified.ok) throw new Error(`refused at ${(now.getTime() - started) / 3600_000} h`);
      issued = tokens.refresh(verified.claims);
    }
    // The last token ends at the conversation's absolute lifetime, not 30 minutes after it was issued.
    expect(issued.expires_in).toBeLessThan(1800);
    now = new Date(started + CONVERSATION_TOKEN_LIFETIME_SECONDS * 1000);
    expect(tokens.verify(issued.token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('counts the lifetime of a token issued before it existed from that token', () => {
    const tokens = new TokenService([key], clock);
    const issued = tokens.issue(newConversationId());
    const [payload] = issued.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims.b).toBe(claims.iat);
  });
});
