// The widget: a launcher button and a chat panel (a non-modal dialog) in a shadow root. Focus moves
// into the panel when it opens and back to the launcher when it closes; Escape closes; the log is
// an aria-live region so screen readers read new messages; every control has a name.
import { DirectLineClient, type DlActivity } from './directline';
import { ICONS, h, icon } from './dom';
import { buildHeader, type Header } from './header';
import { supportedLanguage, translator } from './i18n';
import { Labels } from './labels';
import { PrintView } from './print-view';
import { actionsGroup, botElement, translatorFor, userBubble, type RenderHooks } from './render';
import { CSS } from './styles';
import type { WidgetConfig } from './config';
import type { Outgoing } from './storage';

const OPEN_KEY = 'clinic-chat-open';

export class ChatWidget {
  private readonly L: Labels;
  private readonly client: DirectLineClient;
  private readonly header: Header;
  private readonly root: HTMLElement;
  private readonly printView: PrintView;
  private readonly hooks: RenderHooks;
  private lang: string;
  private readonly launcher: HTMLButtonElement;
  private readonly panel: HTMLElement;
  private readonly log: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly typing: HTMLElement;
  private readonly status: HTMLElement;
  private readonly ended: HTMLElement;
  private readonly rendered = new Set<string>();
  private readonly pending = new Map<string, HTMLElement>();
  private actions?: HTMLElement;
  private started = false;

  constructor(private readonly cfg: WidgetConfig) {
    const vars = { clinic: cfg.clinicName };
    this.client = new DirectLineClient(cfg.domain, { start: cfg.forcedLocale ?? cfg.lang, messages: cfg.forcedLocale }, {
      activities: (list) => this.show(list),
      state: (s) => {
        this.typing.hidden = !s.busy;
        this.status.hidden = !s.offline;
      },
      rejected: (item) => this.markFailed(item),
      expired: () => this.showEnded(),
    });
    // The patient's own choice (remembered across reloads) beats the page's language.
    this.lang = this.client.chosenLanguage ?? cfg.lang;
    const L = (this.L = new Labels(translator(this.lang)));
    this.root = h('div', { class: 'root', lang: this.lang, dir: cfg.dir });
    this.printView = new PrintView(this.root, cfg.clinicName);
    this.hooks = { printSummary: (summary, date, from) => this.printView.open(summary, date, from) };

    this.launcher = L.attr(h('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'clinic-chat-panel' }), 'aria-label', 'open', vars);
    this.launcher.append(icon(ICONS.chat));
    this.launcher.addEventListener('click', () => (this.panel.hidden ? this.open() : this.close()));

    this.header = buildHeader(L, vars, supportedLanguage(this.lang) ?? 'en', {
      chooseLanguage: (lang) => this.chooseLanguage(lang),
      startOver: () => void this.restart(),
      close: () => this.close(),
    });
    this.log = L.attr(h('div', { class: 'log', role: 'log', 'aria-live': 'polite', tabindex: '0' }), 'aria-label', 'log');
    this.typing = h('div', { class: 'typing', role: 'status', hidden: true }, h('span', { class: 'dots', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')), L.text(h('span', { class: 'sr' }), 'typing'));
    const retry = L.text(h('button', { type: 'button' }), 'retryNow');
    retry.addEventListener('click', () => this.client.retryNow());
    this.status = h('div', { class: 'status', role: 'status', hidden: true }, L.text(h('p'), 'offline'), retry);
    const restart = L.text(h('button', { type: 'button' }), 'newChat');
    restart.addEventListener('click', () => void this.restart());
    this.ended = h('div', { class: 'status ended', hidden: true }, L.text(h('p'), 'expired'), restart);

    this.input = L.attr(h('textarea', { id: 'clinic-chat-input', rows: '1', autocomplete: 'off', maxlength: '4000' }), 'placeholder', 'placeholder');
    const send = L.attr(h('button', { type: 'submit' }), 'aria-label', 'send');
    send.append(icon(ICONS.send));
    const form = h('form', { class: 'composer' }, L.text(h('label', { class: 'sr', for: 'clinic-chat-input' }), 'inputLabel'), this.input, send);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit(this.input.value);
    });
    this.input.addEventListener('keydown', (e) => {
      // Enter sends, Shift+Enter makes a new line (and composing IME text is never sent early).
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submit(this.input.value);
      }
    });

    this.panel = h(
      'section',
      { class: 'panel', id: 'clinic-chat-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'clinic-chat-title', 'aria-describedby': 'clinic-chat-sub', hidden: true },
      this.header.element,
      this.header.confirm,
      this.log,
      this.typing,
      this.status,
      this.ended,
      form,
    );
    this.panel.addEventListener('keydown', (e) => {
      // Escape first takes back a pending "Start over", then closes the panel.
      if (e.key === 'Escape' && !this.header.cancelConfirm()) this.close();
    });
  }

  mount(): void {
    const host = h('div', { id: 'clinic-chat-widget' });
    const shadow = host.attachShadow({ mode: 'open' });
    const root = this.root;
    // Set through the CSSOM, not a style attribute, which a host page's CSP may forbid.
    root.style.setProperty('--c', this.cfg.color);
    root.style.setProperty('--on', this.cfg.onColor);
    if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      // A constructed stylesheet is not inline CSS, so a host page's strict style-src CSP allows it.
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      shadow.adoptedStyleSheets = [sheet];
    } else {
      shadow.append(h('style', {}, CSS));
    }
    root.append(this.launcher, this.panel);
    shadow.append(root);
    document.body.append(host);
    for (const item of this.client.pending) this.addPending(item);
    if (this.cfg.open || sessionStorageGet(OPEN_KEY) === '1') this.open(false);
  }

  open(focus = true): void {
    this.panel.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'true');
    sessionStorageSet(OPEN_KEY, '1');
    if (focus) this.input.focus();
    if (!this.started) {
      this.started = true;
      void this.client.start();
    }
    this.client.setActive(true);
  }

  close(): void {
    this.panel.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'false');
    sessionStorageSet(OPEN_KEY, '0');
    this.client.setActive(false);
    this.launcher.focus();
  }

  private submit(raw: string): void {
    const text = raw.trim();
    if (!text) return;
    this.input.value = '';
    this.clearActions();
    this.addPending(this.client.send(text));
  }

  /** A suggested action: the bubble shows its title; its value goes along for the bot to read. */
  private choose(title: string, value: string | undefined): void {
    this.clearActions();
    this.addPending(this.client.send(title, value));
    this.input.focus(); // the buttons are gone: keep focus in the panel
  }

  /** The widget speaks the chosen language at once; the bot is told, and every later message says it. */
  private chooseLanguage(lang: string): void {
    if (!supportedLanguage(lang) || lang === this.lang) return;
    this.lang = lang;
    this.root.setAttribute('lang', lang);
    this.L.use(translator(lang));
    this.header.setLanguage(lang);
    this.client.setLanguage(lang);
  }

  private addPending(item: Outgoing): void {
    if (item.type !== 'message' || !item.text) return;
    const t = this.L.t;
    const bubble = userBubble(item.text, t, t('sending'));
    this.pending.set(item.clientActivityID, bubble);
    this.append(bubble);
  }

  private markFailed(item: Outgoing): void {
    const bubble = this.pending.get(item.clientActivityID);
    if (!bubble) return;
    bubble.classList.add('failed');
    const note = bubble.querySelector('.note');
    if (note) note.textContent = this.L.t('failed');
    this.pending.delete(item.clientActivityID);
  }

  private show(list: DlActivity[]): void {
    let lastMessage: DlActivity | undefined;
    for (const a of list) {
      if (this.rendered.has(a.id)) continue;
      this.rendered.add(a.id);
      if (a.type !== 'message') continue;
      lastMessage = a;
      const clientId = a.channelData?.clientActivityID;
      const mine = typeof clientId === 'string' ? this.pending.get(clientId) : undefined;
      if (mine) {
        // Our own message came back from the service: it is delivered.
        mine.querySelector('.note')?.remove();
        this.pending.delete(clientId as string);
        continue;
      }
      const text = a.text ?? (typeof a.value === 'string' ? a.value : '');
      this.append(a.from.role === 'user' ? userBubble(text, this.L.t) : botElement(a, this.L.t, this.hooks));
    }
    // Messages still on their way (kept across a reload) stay below the history that came in meanwhile.
    for (const bubble of this.pending.values()) this.append(bubble);
    if (!lastMessage) return;
    this.clearActions();
    const actions = lastMessage.from.role !== 'user' ? lastMessage.suggestedActions?.actions : undefined;
    if (actions?.length) {
      this.actions = actionsGroup(actions, translatorFor(lastMessage, this.L.t), (title, value) => this.choose(title, value), lastMessage.locale);
      this.append(this.actions);
    }
  }

  private clearActions(): void {
    this.actions?.remove();
    this.actions = undefined;
  }

  private append(el: HTMLElement): void {
    this.log.append(el);
    this.log.scrollTop = this.log.scrollHeight;
  }

  private showEnded(): void {
    this.ended.hidden = false;
    this.typing.hidden = true;
  }

  /** A new conversation, from the expired-chat button or from "Start over": the old one stays with staff. */
  private async restart(): Promise<void> {
    this.ended.hidden = true;
    this.printView.close();
    this.log.replaceChildren();
    this.rendered.clear();
    this.pending.clear();
    this.clearActions();
    this.input.focus();
    await this.client.restart();
  }
}

function sessionStorageGet(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function sessionStorageSet(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // Storage blocked: the panel simply starts closed after a reload.
  }
}
