// Turning Direct Line activities into the log's elements: message bubbles, the triage outcome
// card, the patient's summary card, and suggested actions as buttons. What the widget writes on a
// bot message (a card's heading, a button group's name) is in that message's language (its
// locale), which is also the element's lang, so a screen reader reads it with the right voice.
import type { CardAction, DlActivity } from './directline';
import { sayOnce } from './card-text';
import { h } from './dom';
import { translator, supportedLanguage, type Translate } from './i18n';
import { linkified, telHref } from './linkify';
import { readSummary, summaryCard, type Summary } from './summary';

const DISPOSITIONS = ['emergency', 'urgent', 'routine', 'self_care'] as const;
type Disposition = (typeof DISPOSITIONS)[number];

function isDisposition(v: unknown): v is Disposition {
  return typeof v === 'string' && (DISPOSITIONS as readonly string[]).includes(v);
}

export interface RenderHooks {
  /** Opens the printable view of a summary; focus returns to `from` when it closes. */
  printSummary(summary: Summary, date: Date, from: HTMLElement): void;
}

export function activityText(a: { text?: string; value?: unknown }): string {
  return a.text ?? (typeof a.value === 'string' ? a.value : '');
}

/** A number a phone can dial; anything else is not turned into a call button. */
function dialable(number: unknown): number is string {
  return typeof number === 'string' && /^[0-9+*#() .-]{2,24}$/.test(number);
}

/** The widget's words for a bot message: in the message's language when the widget has it. */
export function translatorFor(a: { locale?: string }, fallback: Translate): Translate {
  return supportedLanguage(a.locale) ? translator(a.locale) : fallback;
}

export function userBubble(text: string, t: Translate, note?: string): HTMLElement {
  return h('div', { class: 'msg user' }, h('span', { class: 'sr' }, `${t('you')}: `), text, note ? h('span', { class: 'note' }, note) : null);
}

export function botElement(a: DlActivity, widgetT: Translate, hooks: RenderHooks): HTMLElement {
  const t = translatorFor(a, widgetT);
  const text = activityText(a);
  const cd = a.channelData ?? {};
  const lang = a.locale;
  const triage = cd.triage as { disposition?: unknown } | undefined;
  if (triage && isDisposition(triage.disposition)) return outcomeCard(triage.disposition, text, cd.emergencyNumber, t, lang);
  const summary = readSummary(cd.summary);
  if (summary) {
    // The card shows the summary; the message's text is the same summary for text-only channels.
    const when = a.timestamp && !Number.isNaN(Date.parse(a.timestamp)) ? new Date(a.timestamp) : new Date();
    return summaryCard(summary, translator(summary.lang), (from) => hooks.printSummary(summary, when, from));
  }
  const staff = cd.clinicStaff === true;
  return h(
    'div',
    { class: 'msg bot', lang },
    staff ? h('span', { class: 'who' }, a.from.name || t('staff')) : h('span', { class: 'sr' }, `${t('assistant')}: `),
    ...linkified(text),
  );
}

function outcomeCard(disposition: Disposition, text: string, emergencyNumber: unknown, t: Translate, lang?: string): HTMLElement {
  const call = disposition === 'emergency' && dialable(emergencyNumber) ? emergencyNumber : undefined;
  return h(
    'section',
    // An emergency interrupts the screen reader; other outcomes are read in the log's turn.
    { class: `card card-${disposition}`, role: disposition === 'emergency' ? 'alert' : undefined, 'data-disposition': disposition, lang },
    h('h3', {}, t(disposition)),
    // The call button is the one place to call the emergency number: the text does not repeat it.
    h('p', {}, ...linkified(sayOnce(text, call), call ? [call] : [])),
    call ? h('a', { class: 'call', href: telHref(call) }, t('call', { number: call })) : null,
  );
}

/**
 * The suggested actions as buttons, named in the language of the message they belong to. A chosen
 * button gives its title (what the patient's bubble shows) and its value (what the bot reads).
 */
export function actionsGroup(actions: CardAction[], t: Translate, choose: (title: string, value?: string) => void, lang?: string): HTMLElement {
  const group = h('div', { class: 'actions', role: 'group', 'aria-label': t('choices'), lang });
  for (const action of actions) {
    const value = typeof action.value === 'string' ? action.value : undefined;
    const title = action.title || value || '';
    if (!title) continue;
    const button = h('button', { type: 'button' }, title);
    button.addEventListener('click', () => choose(title, value));
    group.append(button);
  }
  return group;
}
