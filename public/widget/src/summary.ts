// The patient's summary after an outcome (channelData.summary from the bot): a card in the log
// with a "Print or save" button that opens the printable view (print-view.ts).
import { h } from './dom';
import type { Translate } from './i18n';
import { linkified } from './linkify';

export interface Summary {
  title: string;
  sections: Array<{ heading: string; items: string[] }>;
  lang: string;
}

const isText = (v: unknown): v is string => typeof v === 'string';

/** The summary in channelData when it has the expected shape; anything else is not drawn as one. */
export function readSummary(v: unknown): Summary | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const s = v as Record<string, unknown>;
  if (!isText(s.title) || !isText(s.lang) || !Array.isArray(s.sections)) return undefined;
  const sections: Summary['sections'] = [];
  for (const raw of s.sections as unknown[]) {
    const section = raw as { heading?: unknown; items?: unknown } | null;
    if (!section || !isText(section.heading) || !Array.isArray(section.items) || !section.items.every(isText)) return undefined;
    sections.push({ heading: section.heading, items: section.items });
  }
  return { title: s.title, sections, lang: s.lang };
}

/** The summary's title, then each section's heading and items: the card and the printed page share it. */
export function summaryBody(summary: Summary, level: { title: 'h1' | 'h3'; heading: 'h2' | 'h4' }, titleId?: string): HTMLElement[] {
  return [
    h(level.title, { id: titleId }, summary.title),
    ...summary.sections.flatMap((section) => [
      h(level.heading, {}, section.heading),
      h('ul', {}, ...section.items.map((item) => h('li', {}, ...linkified(item)))),
    ]),
  ];
}

export function summaryCard(summary: Summary, t: Translate, print: (returnFocus: HTMLElement) => void): HTMLElement {
  const button = h('button', { type: 'button', class: 'print-btn' }, t('print'));
  button.addEventListener('click', () => print(button));
  return h('section', { class: 'card card-summary', lang: summary.lang }, ...summaryBody(summary, { title: 'h3', heading: 'h4' }), button);
}
