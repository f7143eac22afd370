// Turning Direct Line activities into the log's elements: message bubbles, the triage outcome
// card, and suggested actions as buttons.
import type { CardAction, DlActivity } from './directline';
import { h } from './dom';
import type { Translate } from './i18n';

const DISPOSITIONS = ['emergency', 'urgent', 'routine', 'self_care'] as const;
type Disposition = (typeof DISPOSITIONS)[number];

function isDisposition(v: unknown): v is Disposition {
  return typeof v === 'string' && (DISPOSITIONS as readonly string[]).includes(v);
}

export function activityText(a: { text?: string; value?: unknown }): string {
  return a.text ?? (typeof a.value === 'string' ? a.value : '');
}

/** A number a phone can dial; anything else is not turned into a link. */
function telHref(number: unknown): string | undefined {
  if (typeof number !== 'string' || !/^[0-9+*#() .-]{2,24}$/.test(number)) return undefined;
  return `tel:${number.replace(/[^0-9+*#]/g, '')}`;
}

export function userBubble(text: string, t: Translate, note?: string): HTMLElement {
  return h('div', { class: 'msg user' }, h('span', { class: 'sr' }, `${t('you')}: `), text, note ? h('span', { class: 'note' }, note) : null);
}

export function botElement(a: DlActivity, t: Translate): HTMLElement {
  const text = activityText(a);
  const cd = a.channelData ?? {};
  const triage = cd.triage as { disposition?: unknown } | undefined;
  const lang = a.locale;
  if (triage && isDisposition(triage.disposition)) return outcomeCard(triage.disposition, text, cd.emergencyNumber, t, lang);
  const staff = cd.clinicStaff === true;
  return h(
    'div',
    { class: 'msg bot', lang },
    staff ? h('span', { class: 'who' }, a.from.name || t('staff')) : h('span', { class: 'sr' }, `${t('assistant')}: `),
    text,
  );
}

function outcomeCard(disposition: Disposition, text: string, emergencyNumber: unknown, t: Translate, lang?: string): HTMLElement {
  const href = disposition === 'emergency' ? telHref(emergencyNumber) : undefined;
  return h(
    'section',
    // An emergency interrupts the screen reader; other outcomes are read in the log's turn.
    { class: `card card-${disposition}`, role: disposition === 'emergency' ? 'alert' : undefined, 'data-disposition': disposition, lang },
    h('h3', {}, t(disposition)),
    h('p', {}, text),
    href ? h('a', { class: 'call', href }, t('call', { number: String(emergencyNumber) })) : null,
  );
}

export function actionsGroup(actions: CardAction[], t: Translate, choose: (value: string) => void): HTMLElement {
  const group = h('div', { class: 'actions', role: 'group', 'aria-label': t('choices') });
  for (const action of actions) {
    const value = typeof action.value === 'string' ? action.value : action.title;
    const button = h('button', { type: 'button' }, action.title || value);
    button.addEventListener('click', () => choose(value));
    group.append(button);
  }
  return group;
}
