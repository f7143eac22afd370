// The lead nurse's page: cases per day by urgency, language and channel; time to a nurse's first
// action per urgency; disposition changes (up, down) per protocol; cases awaiting a person now;
// and the same per language, to see whether any language is triaged or answered differently.
// The numbers come from /api/staff/metrics; the CSV export is the same numbers for a spreadsheet.
import { api } from './api.js';
import { channelName, errorText } from './case.js';
import { announce, h } from './dom.js';
import { t } from './i18n.js';
import { complaintLabel } from './labels.js';

const DISPOSITIONS = ['emergency', 'urgent', 'routine', 'self_care'];
const LANGUAGE_NAMES = { en: 'English', es: 'Español', fr: 'Français', pt: 'Português', vi: 'Tiếng Việt', zh: '中文' };

const isoDay = (d) => d.toISOString().slice(0, 10);
const pct = (rate) => `${Math.round(rate * 1000) / 10} %`;
const mins = (v) => (v === null || v === undefined ? '—' : t('metrics.minutesValue', { count: v }));

export function renderMetrics() {
  const root = document.getElementById('metrics-view');
  const today = new Date();
  const from = h('input', { id: 'metrics-from', type: 'date', value: isoDay(new Date(today.getTime() - 6 * 86_400_000)) });
  const to = h('input', { id: 'metrics-to', type: 'date', value: isoDay(today) });
  const status = h('p', { class: 'status-line', role: 'status' });
  const results = h('div', { id: 'metrics-results' });
  const csv = h('a', { class: 'button-link', id: 'metrics-csv', download: '' }, t('metrics.csv'));

  function range() {
    return new URLSearchParams({ from: from.value, to: to.value }).toString();
  }

  async function load(e) {
    if (e) e.preventDefault();
    status.textContent = '';
    csv.setAttribute('href', `/api/staff/metrics?${range()}&format=csv`);
    try {
      const m = await api(`/metrics?${range()}`);
      results.replaceChildren(...view(m));
      announce(t('metrics.loaded', { total: m.total }));
    } catch (err) {
      status.textContent = errorText(err);
    }
  }

  root.replaceChildren(
    h('h2', { id: 'metrics-title' }, t('metrics.title')),
    h('form', { class: 'metrics-range', onsubmit: load },
      h('div', {}, h('label', { for: 'metrics-from' }, t('metrics.from')), from),
      h('div', {}, h('label', { for: 'metrics-to' }, t('metrics.to')), to),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('metrics.show')), csv)),
    status,
    results,
  );
  void load();
}

function view(m) {
  return [
    h('p', { class: 'meta' }, t('metrics.summary', { total: m.total, from: m.from, to: m.to, timezone: m.timezone })),
    m.truncated ? h('p', { class: 'error' }, t('metrics.truncated')) : null,
    card('metrics.awaitingNow', h('p', { class: 'big-number' }, t('metrics.awaitingLine', { open: m.awaitingNow.open, person: m.awaitingNow.askedForPerson })),
      table(DISPOSITIONS.map((d) => t(`disposition.${d}`)), [DISPOSITIONS.map((d) => m.awaitingNow.byDisposition[d])])),
    card('metrics.timeToClaim', table([t('metrics.urgency'), t('metrics.claimed'), t('metrics.median'), t('metrics.p90')],
      DISPOSITIONS.map((d) => [t(`disposition.${d}`), m.timeToClaim[d].count, mins(m.timeToClaim[d].medianMinutes), mins(m.timeToClaim[d].p90Minutes)]))),
    card('metrics.byLanguage', h('p', { class: 'meta' }, t('metrics.byLanguageHint')),
      table([t('queue.language'), t('metrics.cases'), ...DISPOSITIONS.map((d) => t(`disposition.${d}`)), t('metrics.median'), t('metrics.p90'), t('metrics.up'), t('metrics.down')],
        m.byLanguage.map((l) => [LANGUAGE_NAMES[l.language] || l.language, l.cases, ...DISPOSITIONS.map((d) => share(l.byDisposition[d], l.cases)),
          mins(l.timeToClaim.medianMinutes), mins(l.timeToClaim.p90Minutes), pct(l.upRate), pct(l.downRate)]))),
    card('metrics.perDay', table([t('metrics.day'), ...DISPOSITIONS.map((d) => t(`disposition.${d}`)), t('metrics.cases')],
      m.perDay.map((d) => [d.day, ...DISPOSITIONS.map((x) => d.byDisposition[x]), d.total]))),
    card('metrics.byChannel', table([t('queue.channel'), t('metrics.cases'), ...DISPOSITIONS.map((d) => t(`disposition.${d}`))],
      m.byChannel.map((c) => [channelName(c.channel), c.cases, ...DISPOSITIONS.map((d) => c.byDisposition[d])]))),
    card('metrics.overrides', table([t('metrics.complaint'), t('metrics.cases'), t('metrics.up'), t('metrics.down')],
      m.overridesByProtocol.map((p) => [complaintLabel(p.protocol), p.cases, `${p.up} (${pct(p.upRate)})`, `${p.down} (${pct(p.downRate)})`]))),
  ].filter(Boolean);
}

function share(n, total) {
  return total ? `${n} (${Math.round((n / total) * 100)} %)` : '0';
}

function card(titleKey, ...content) {
  return h('section', { class: 'metrics-card' }, h('h3', {}, t(titleKey)), ...content);
}

function table(headers, rows) {
  if (rows.length === 0) return h('p', { class: 'muted' }, t('metrics.noCases'));
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((cell) => h('td', {}, cell)))))));
}
