// The panel's header: the clinic's name, what the assistant is, a language menu, "Start over"
// (with a one-tap confirmation, since it leaves the conversation) and the close button.
import { ICONS, h, icon } from './dom';
import { LANGUAGES } from './i18n';
import type { Labels } from './labels';

export interface HeaderActions {
  chooseLanguage(lang: string): void;
  startOver(): void;
  close(): void;
}

export interface Header {
  element: HTMLElement;
  /** The confirmation bar, shown under the header while "Start over" waits for a yes. */
  confirm: HTMLElement;
  setLanguage(lang: string): void;
  /** Hides the confirmation; returns whether it was showing (Escape closes it before the panel). */
  cancelConfirm(): boolean;
}

export function buildHeader(L: Labels, vars: { clinic: string }, lang: string, actions: HeaderActions): Header {
  const close = L.attr(h('button', { type: 'button', class: 'icon-btn' }), 'aria-label', 'close');
  close.append(icon(ICONS.close));
  close.addEventListener('click', () => actions.close());

  const select = h('select', { id: 'clinic-chat-lang' });
  for (const { code, name } of LANGUAGES) select.append(h('option', { value: code, lang: code }, name));
  select.value = lang;
  select.addEventListener('change', () => actions.chooseLanguage(select.value));
  const menu = h('div', { class: 'lang' }, L.text(h('label', { for: 'clinic-chat-lang', class: 'sr' }), 'language'), select);

  const startOver = L.text(h('button', { type: 'button', class: 'tool', 'aria-expanded': 'false', 'aria-controls': 'clinic-chat-confirm' }), 'startOver');
  const yes = L.text(h('button', { type: 'button', class: 'primary' }), 'startOverYes');
  const no = L.text(h('button', { type: 'button' }), 'cancel');
  const confirm = h(
    'div',
    { class: 'status confirm', id: 'clinic-chat-confirm', role: 'group', 'aria-labelledby': 'clinic-chat-confirm-q', hidden: true },
    L.text(h('p', { id: 'clinic-chat-confirm-q' }), 'startOverAsk'),
    h('div', { class: 'row' }, yes, no),
  );
  const showConfirm = (shown: boolean): void => {
    confirm.hidden = !shown;
    startOver.setAttribute('aria-expanded', String(shown));
  };
  startOver.addEventListener('click', () => {
    showConfirm(true);
    yes.focus();
  });
  no.addEventListener('click', () => {
    showConfirm(false);
    startOver.focus();
  });
  yes.addEventListener('click', () => {
    showConfirm(false);
    actions.startOver();
  });

  const element = h(
    'div',
    { class: 'head' },
    h(
      'div',
      { class: 'top' },
      h('div', { class: 'titles' }, L.text(h('h2', { id: 'clinic-chat-title' }), 'title', vars), L.text(h('p', { id: 'clinic-chat-sub' }), 'subtitle')),
      close,
    ),
    h('div', { class: 'tools' }, menu, startOver),
  );
  return {
    element,
    confirm,
    setLanguage: (code) => {
      select.value = code;
    },
    cancelConfirm: () => {
      if (confirm.hidden) return false;
      showConfirm(false);
      startOver.focus();
      return true;
    },
  };
}
