// A small Direct Line 3.0 client (polling, no WebSocket) for the widget. It keeps the token in
// localStorage so a reload resumes the same conversation, refreshes it before it expires, and
// sends messages through a persisted outbox: each message carries a client activity id that stays
// the same across retries (and reloads), and the service processes an id only once, so a message
// is never delivered twice however often the network fails.
import { load, save, randomId, type Outgoing, type Saved, type Session } from './storage';

export interface CardAction {
  type: string;
  title: string;
  value?: unknown;
}

export interface DlActivity {
  id: string;
  type: string;
  timestamp?: string;
  from: { id: string; name?: string; role?: string };
  text?: string;
  value?: unknown;
  locale?: string;
  suggestedActions?: { actions?: CardAction[] };
  channelData?: Record<string, unknown>;
}

export interface ClientEvents {
  activities(list: DlActivity[]): void;
  /** busy: a message is on its way (typing indicator); offline: retrying, with the delay. */
  state(s: { busy: boolean; offline: boolean }): void;
  rejected(item: Outgoing): void;
  expired(): void;
}

class HttpStatus extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

const REQUEST_TIMEOUT_MS = 25_000;
const POLL_OPEN_MS = 3_000;
const MAX_BACKOFF_MS = 15_000;
const REFRESH_RETRY_MS = 30_000;

export class DirectLineClient {
  private saved: Saved;
  private watermark = '';
  private pumping = false;
  private offline = false;
  private failures = 0;
  private retryTimer?: number;
  private pollTimer?: number;
  private refreshTimer?: number;
  private polling?: Promise<void>;
  private pollAgain = false;
  private active = false;
  private locale: { start: string; messages?: string };

  constructor(
    private readonly domain: string,
    locale: { start: string; messages?: string },
    private readonly events: ClientEvents,
  ) {
    this.saved = load(domain);
    // A language the patient chose earlier beats the page's: it is sent with every message.
    this.locale = this.saved.lang ? { start: this.saved.lang, messages: this.saved.lang } : locale;
  }

  /** The language the patient chose in the widget, if any (remembered across reloads). */
  get chosenLanguage(): string | undefined {
    return this.saved.lang;
  }

  /** Messages typed before a reload that are still waiting to be sent. */
  get pending(): Outgoing[] {
    return this.saved.outbox.filter((o) => o.type === 'message');
  }

  get hasSession(): boolean {
    return Boolean(this.saved.session);
  }

  /** Opens (or resumes) the conversation; safe to call again after a failure. */
  async start(): Promise<void> {
    try {
      await this.ensureSession();
    } catch (err) {
      this.connectionFailed(err, () => void this.start());
      return;
    }
    this.connected();
    this.scheduleRefresh();
    void this.pump();
    void this.poll();
  }

  /**
   * Queues a message. `text` is what the patient sees as their bubble (and staff in the transcript);
   * `value` is a chosen button's value, which the bot reads in preference to the text.
   */
  send(text: string, value?: string): Outgoing {
    return this.enqueue({ clientActivityID: randomId(), type: 'message', text, value, locale: this.locale.messages });
  }

  /**
   * The patient picked a language: every later message carries it as its locale, and the bot is told
   * at once so it can confirm and ask its pending question again in that language.
   */
  setLanguage(lang: string): void {
    this.saved.lang = lang;
    this.locale = { start: lang, messages: lang };
    this.enqueue({ clientActivityID: randomId(), type: 'event', name: 'setLanguage', value: lang, locale: lang });
  }

  private enqueue(item: Outgoing): Outgoing {
    this.saved.outbox.push(item);
    save(this.domain, this.saved);
    void this.pump();
    return item;
  }

  retryNow(): void {
    window.clearTimeout(this.retryTimer);
    void this.start();
  }

  /** Poll while the panel is open; a closed widget makes no requests. */
  setActive(active: boolean): void {
    this.active = active;
    window.clearTimeout(this.pollTimer);
    if (active && this.saved.session) void this.poll();
  }

  /**
   * Forgets the conversation (ended, or the patient chose to start over) and starts a new one. The
   * old conversation stays on the service, so its case and transcript remain with the clinic's staff.
   */
  async restart(): Promise<void> {
    window.clearTimeout(this.retryTimer);
    window.clearTimeout(this.pollTimer);
    window.clearTimeout(this.refreshTimer);
    this.saved = { userId: this.saved.userId, outbox: [], lang: this.saved.lang };
    this.watermark = '';
    save(this.domain, this.saved);
    await this.start();
  }

  private async ensureSession(): Promise<void> {
    const s = this.saved.session;
    if (s && s.expiresAt - Date.now() > 10_000) {
      try {
        this.setSession(await this.request('POST', '/tokens/refresh', undefined, s.token));
      } catch (err) {
        if (!(err instanceof HttpStatus) || (err.status !== 401 && err.status !== 403)) throw err;
        this.saved.session = undefined; // expired or from another key: start afresh
      }
    } else {
      this.saved.session = undefined;
    }
    if (!this.saved.session) this.setSession(await this.request('POST', '/tokens/generate'));
    const started = await this.requestWithStatus('POST', '/conversations', undefined, this.saved.session!.token);
    this.setSession(started.body);
    const startQueued = this.saved.outbox.some((o) => o.name === 'startConversation');
    if (started.status === 201 && !startQueued) {
      // A new conversation: ask the bot for its disclosure and consent question, in the page's (or the
      // chosen) language. That language is in the opening event, so a queued change of language
      // would only repeat the consent question.
      this.saved.outbox = this.saved.outbox.filter((o) => o.name !== 'setLanguage');
      this.saved.outbox.unshift({ clientActivityID: randomId(), type: 'event', name: 'startConversation', locale: this.locale.start });
    }
    save(this.domain, this.saved);
  }

  private setSession(body: unknown): void {
    const b = body as { conversationId?: string; token?: string; expires_in?: number };
    if (!b?.token || !b.conversationId) throw new HttpStatus(502);
    this.saved.session = { token: b.token, conversationId: b.conversationId, expiresAt: Date.now() + (b.expires_in ?? 1800) * 1000 };
    save(this.domain, this.saved);
  }

  private scheduleRefresh(): void {
    window.clearTimeout(this.refreshTimer);
    const s = this.saved.session;
    if (!s) return;
    const inMs = Math.max(5_000, (s.expiresAt - Date.now()) / 2);
    this.refreshTimer = window.setTimeout(() => {
      const current = this.saved.session;
      if (!current) return;
      this.request('POST', '/tokens/refresh', undefined, current.token)
        .then((body) => {
          this.setSession(body);
          this.scheduleRefresh();
        })
        .catch((err: unknown) => {
          if (err instanceof HttpStatus && err.status === 403) return this.sessionEnded();
          this.refreshTimer = window.setTimeout(() => this.scheduleRefresh(), REFRESH_RETRY_MS);
        });
    }, inMs);
  }

  private async pump(): Promise<void> {
    if (this.pumping || !this.saved.session) return;
    this.pumping = true;
    this.emitState();
    try {
      let item: Outgoing | undefined;
      while ((item = this.saved.outbox[0]) && this.saved.session) {
        const { conversationId, token }: Session = this.saved.session;
        const body = { type: item.type, name: item.name, text: item.text, value: item.value, locale: item.locale, from: { id: this.saved.userId }, channelData: { clientActivityID: item.clientActivityID } };
        try {
          await this.request('POST', `/conversations/${encodeURIComponent(conversationId)}/activities`, body, token);
        } catch (err) {
          // The patient started over while this was out: the new conversation's outbox goes on.
          if (this.saved.session?.conversationId !== conversationId) continue;
          if (err instanceof HttpStatus && (err.status === 400 || err.status === 413)) {
            this.saved.outbox.shift(); // the service will never accept it: say so, keep the rest going
            this.events.rejected(item);
          } else if (err instanceof HttpStatus && (err.status === 401 || err.status === 403)) {
            this.sessionEnded();
            return;
          } else {
            this.connectionFailed(err, () => void this.pump());
            return;
          }
        }
        if (this.saved.outbox[0] === item) this.saved.outbox.shift();
        save(this.domain, this.saved);
        this.connected();
        await this.poll();
      }
    } finally {
      this.pumping = false;
      this.emitState();
    }
  }

  private poll(): Promise<void> {
    if (this.polling) {
      this.pollAgain = true;
      return this.polling;
    }
    window.clearTimeout(this.pollTimer);
    this.polling = this.fetchActivities().finally(() => {
      this.polling = undefined;
      if (this.pollAgain) {
        this.pollAgain = false;
        void this.poll();
      } else if (this.active && !this.offline) {
        this.pollTimer = window.setTimeout(() => void this.poll(), POLL_OPEN_MS);
      }
    });
    return this.polling;
  }

  private async fetchActivities(): Promise<void> {
    const s = this.saved.session;
    if (!s) return;
    try {
      const body = (await this.request('GET', `/conversations/${encodeURIComponent(s.conversationId)}/activities?watermark=${encodeURIComponent(this.watermark)}`, undefined, s.token)) as {
        activities?: DlActivity[];
        watermark?: string;
      };
      // The patient started over while this request was out: its answer belongs to the old conversation.
      if (this.saved.session?.conversationId !== s.conversationId) return;
      if (body.watermark) this.watermark = body.watermark;
      if (body.activities?.length) this.events.activities(body.activities);
      this.connected();
    } catch (err) {
      if (this.saved.session?.conversationId !== s.conversationId) return;
      if (err instanceof HttpStatus && (err.status === 401 || err.status === 403)) return this.sessionEnded();
      this.connectionFailed(err, () => void this.poll());
    }
  }

  private sessionEnded(): void {
    window.clearTimeout(this.refreshTimer);
    window.clearTimeout(this.pollTimer);
    this.saved = { userId: this.saved.userId, outbox: [], lang: this.saved.lang };
    save(this.domain, this.saved);
    this.events.expired();
  }

  private connected(): void {
    this.failures = 0;
    if (!this.offline) return;
    this.offline = false;
    this.emitState();
    // Any answer means the service is reachable again: send what is waiting now, not at the next backoff.
    if (!this.pumping && this.saved.outbox.length) {
      window.clearTimeout(this.retryTimer);
      void this.pump();
    }
  }

  private connectionFailed(_err: unknown, retry: () => void): void {
    this.failures++;
    this.offline = true;
    this.emitState();
    window.clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(retry, Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.failures - 1)));
  }

  private emitState(): void {
    this.events.state({ busy: this.pumping && this.saved.outbox.length > 0, offline: this.offline });
  }

  private async request(method: string, path: string, body?: unknown, token?: string): Promise<unknown> {
    return (await this.requestWithStatus(method, path, body, token)).body;
  }

  private async requestWithStatus(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: unknown }> {
    const controller = new AbortController();
    const timer = window.setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    try {
      const headers: Record<string, string> = {};
      if (token) headers.Authorization = `Bearer ${token}`;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const res = await fetch(this.domain + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: controller.signal, credentials: 'omit' });
      if (!res.ok) throw new HttpStatus(res.status);
      return { status: res.status, body: (await res.json()) as unknown };
    } finally {
      window.clearTimeout(timer);
    }
  }
}
