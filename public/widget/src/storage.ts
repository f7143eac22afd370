// What the widget remembers across reloads: the token of its conversation, the messages not yet
// confirmed by the service and the language the patient chose. Storage can be unavailable (private browsing, blocked third-party
// storage): then the widget still works, for the life of the page.
export interface Session {
  token: string;
  conversationId: string;
  expiresAt: number;
}

export interface Outgoing {
  clientActivityID: string;
  type: 'message' | 'event';
  /** What the patient's bubble shows: what they typed, or the title of the button they chose. */
  text?: string;
  /** A chosen button's value, which the bot reads in preference to the text; an event's argument. */
  value?: string;
  name?: string;
  locale?: string;
}

export interface Saved {
  userId: string;
  session?: Session;
  outbox: Outgoing[];
  /** The language the patient chose in the widget's menu; it outlives a conversation. */
  lang?: string;
}

const memory = new Map<string, string>();

function keyFor(domain: string): string {
  return `clinic-chat:${domain}`;
}

export function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function load(domain: string): Saved {
  let raw: string | null | undefined;
  try {
    raw = localStorage.getItem(keyFor(domain));
  } catch {
    raw = memory.get(keyFor(domain));
  }
  try {
    const parsed = raw ? (JSON.parse(raw) as Partial<Saved>) : {};
    return {
      userId: typeof parsed.userId === 'string' ? parsed.userId : `u_${randomId()}`,
      session: parsed.session,
      outbox: Array.isArray(parsed.outbox) ? parsed.outbox : [],
      lang: typeof parsed.lang === 'string' ? parsed.lang : undefined,
    };
  } catch {
    return { userId: `u_${randomId()}`, outbox: [] };
  }
}

export function save(domain: string, saved: Saved): void {
  const raw = JSON.stringify(saved);
  try {
    localStorage.setItem(keyFor(domain), raw);
  } catch {
    memory.set(keyFor(domain), raw);
  }
}
