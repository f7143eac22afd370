// The case view: what the patient reported, the disposition and its reasons, the handover note,
// the transcript, and the actions (claim, reply, change disposition, resolve, hand back). Every
// open of a case is a read the server writes to the audit log.
import { api } from './api.js';
import { announce, h } from './dom.js';
import { formatTime, t } from './i18n.js';
import { ageBandLabel, complaintLabel, findingLabel } from './labels.js';

const DISPOSITIONS = ['emergency', 'urgent', 'routine', 'self_care'];

export function createCaseView({ me, onChanged }) {
  const panel = document.getElementById('case-panel');
  let data = null;
  // The last action's outcome, shown next to the control that caused it (a re-render keeps it).
  let status = { area: null, text: '' };
  // What the nurse is in the middle of (an open "Resolve" section, a half-typed note): a re-render for
  // a new patient message must not close it or wipe the text. Dropped after an action succeeds.
  let keepDrafts = false;

  async function open(id) {
    if (!data || data.case.id !== id) {
      status = { area: null, text: '' };
      keepDrafts = false;
    }
    data = await api(`/cases/${encodeURIComponent(id)}`);
    render();
    panel.hidden = false;
  }

  async function reloadIfOpen(id) {
    if (data && data.case.id === id && !panel.hidden) await open(id);
  }

  function close() {
    data = null;
    keepDrafts = false;
    panel.hidden = true;
    panel.replaceChildren();
  }

  function say(area, text) {
    status = { area, text };
    if (text) announce(text);
    const el = panel.querySelector(`.status-line[data-area="${area}"]`);
    if (el) el.textContent = text;
  }

  async function act(action, body, successText, area = 'actions', errorArea = area) {
    try {
      const res = await api(`/cases/${encodeURIComponent(data.case.id)}/${action}`, { method: 'POST', body: body || {} });
      status = { area, text: res && res.delivered === false ? t('actions.notDelivered', { reason: res.reason }) : successText || '' };
      keepDrafts = false;
      await open(data.case.id);
      if (status.text) announce(status.text);
      onChanged();
      return true;
    } catch (err) {
      say(errorArea, errorText(err));
      return false;
    }
  }

  function statusLine(area) {
    return h('p', { class: 'status-line', role: 'status', 'data-area': area }, status.area === area ? status.text : '');
  }

  function render() {
    const c = data.case;
    const kept = keepDrafts ? captureDrafts(panel) : null;
    const mine = c.claimedBy && c.claimedBy.email === me().email;
    const admin = me().role === 'admin';
    const active = c.status !== 'resolved';
    const mayAct = active && (mine || !c.claimedBy || admin);
    // Parts that are not shown are null and left out by compact(): replaceChildren() would write them as "null".
    const conversation = compact([
      section('case.transcript', transcript(data.transcript)),
      mayAct ? replyForm() : null,
    ]);
    const facts = compact([
      patient(data),
      section('case.reasons', list(c.reasons, (r) => r.text || r.code)),
      section('case.findings', findingList(c.findings.filter((f) => f.present), c.language)),
      c.findings.some((f) => !f.present) ? section('case.denied', findingList(c.findings.filter((f) => !f.present), c.language)) : null,
      sbar(c),
      data.handoverNote ? h('details', {}, h('summary', {}, t('case.storedNote')), h('pre', { class: 'note' }, data.handoverNote),
        c.handoverSource ? h('p', { class: 'meta' }, t('case.handoverSource', { source: t(`case.sources.${c.handoverSource}`) })) : null) : null,
      section('case.appointment', data.appointment
        ? h('p', {}, t('case.appointmentLine', { start: formatTime(data.appointment.start), reference: data.appointment.reference, status: data.appointment.status }))
        : h('p', { class: 'muted' }, t('case.none'))),
      data.resolutionNote ? section('case.resolution', h('pre', { class: 'note' }, data.resolutionNote)) : null,
      c.updates.length ? section('case.updates', list(c.updates, (u) => `${formatTime(u.at)} ${t(`case.update.${u.kind}`, { from: u.from ? t(`disposition.${u.from}`) : '', to: u.to ? t(`disposition.${u.to}`) : '' })}`)) : null,
      section('case.overrides', list(c.overrides, (o) => t('case.override', { from: t(`disposition.${o.from}`), to: t(`disposition.${o.to}`), by: o.byEmail || o.by, reason: o.reason }))),
      section('case.guardEvents', list(c.guardEvents, (g) => `${formatTime(g.at)} ${g.guard}: ${g.action}${g.reason ? ` (${g.reason})` : ''}`)),
      mayAct ? overrideForm(c) : null,
      mayAct ? resolveForm() : null,
    ]);
    panel.replaceChildren(...compact([
      h('button', { type: 'button', class: 'secondary', onclick: close }, t('case.back')),
      h('h2', { id: 'case-title' }, h('span', { class: `badge ${c.disposition}` }, t(`disposition.${c.disposition}`)), t(`status.${c.status}`)),
      h('p', { class: 'complaint' }, compact([complaintLabel(c.protocol), ageBandLabel(c.ageBand)]).join(' · ')),
      h('p', { class: 'meta' }, `${t('case.created')}: ${formatTime(c.createdAt)} · ${channelName(c.channel)} · ${c.language.toUpperCase()}`),
      mine && active ? h('p', { class: 'holding' }, t('case.holding')) : null,
      c.claimedBy && !mine ? h('p', { class: 'meta' }, t('case.heldByOther', { email: c.claimedBy.email || '?' })) : null,
      active ? actionButtons(c, mine, admin) : null,
      statusLine('actions'),
      h('div', { class: 'case-body' }, h('div', { class: 'case-conversation' }, conversation), h('div', { class: 'case-facts' }, facts)),
    ]));
    if (kept) restoreDrafts(panel, kept);
    keepDrafts = true;
    const log = panel.querySelector('.transcript');
    if (log) log.scrollTop = log.scrollHeight;
  }

  function actionButtons(c, mine, admin) {
    const buttons = [];
    if (!c.claimedBy) buttons.push(h('button', { type: 'button', onclick: () => act('claim', {}, t('actions.claimed')) }, t('actions.claim')));
    else if (!mine && admin) buttons.push(h('button', { type: 'button', onclick: () => act('claim') }, t('actions.takeOver')));
    if (c.claimedBy && (mine || admin)) buttons.push(h('button', { type: 'button', class: 'secondary', onclick: () => act('handback', {}, t('actions.handedBack')) }, t('actions.handback')));
    return h('div', { class: 'actions' }, buttons);
  }

  function replyForm() {
    const text = h('textarea', { id: 'reply-text', rows: '3', maxlength: '1600', required: true });
    return h('form', { class: 'reply', onsubmit: async (e) => {
      e.preventDefault();
      if (!text.value.trim()) return;
      if (await act('reply', { text: text.value.trim() }, t('actions.sent'), 'reply')) text.value = '';
    } },
    h('label', { for: 'reply-text' }, t('actions.reply')), text,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('actions.send'))),
    statusLine('reply'));
  }

  function overrideForm(c) {
    const select = h('select', { id: 'override-to' }, DISPOSITIONS.filter((d) => d !== c.disposition).map((d) => h('option', { value: d }, t(`disposition.${d}`))));
    const reason = h('input', { id: 'override-reason', type: 'text', minlength: '3', maxlength: '1000', required: true });
    return h('details', {}, h('summary', {}, t('actions.override')),
      h('form', { onsubmit: (e) => { e.preventDefault(); void act('override', { disposition: select.value, reason: reason.value.trim() }, t('actions.overridden'), 'override'); } },
        h('label', { for: 'override-to' }, t('actions.newDisposition')), select,
        h('label', { for: 'override-reason' }, t('actions.reason')), reason,
        h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('actions.saveOverride'))),
        statusLine('override')));
  }

  function resolveForm() {
    const note = h('textarea', { id: 'resolve-note', rows: '3', maxlength: '4000', required: true });
    return h('details', {}, h('summary', {}, t('actions.resolve')),
      h('form', { onsubmit: (e) => { e.preventDefault(); void act('resolve', { note: note.value.trim() }, t('actions.resolved'), 'actions', 'resolve'); } },
        h('label', { for: 'resolve-note' }, t('actions.note')), note,
        h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('actions.saveResolve'))),
        statusLine('resolve')));
  }

  return { open, close, reloadIfOpen, rerender: () => { if (data) render(); } };
}

/** The open sections (by the fields inside them) and the typed values of the case's form fields. */
function captureDrafts(panel) {
  return {
    // an open section is known by the fields in it: its summary changes with the console's language
    open: [...panel.querySelectorAll('details[open] [id]')].map((el) => el.id),
    values: [...panel.querySelectorAll('textarea[id], input[id], select[id]')].map((el) => [el.id, el.value]),
    focus: document.activeElement && panel.contains(document.activeElement) ? document.activeElement.id : '',
  };
}

function restoreDrafts(panel, kept) {
  for (const id of kept.open) {
    const details = panel.querySelector(`#${CSS.escape(id)}`)?.closest('details');
    if (details) details.open = true;
  }
  for (const [id, value] of kept.values) {
    const el = panel.querySelector(`#${CSS.escape(id)}`);
    if (el && value) el.value = value;
  }
  if (kept.focus) panel.querySelector(`#${CSS.escape(kept.focus)}`)?.focus();
}

function section(titleKey, ...content) {
  return h('section', {}, h('h3', {}, t(titleKey)), ...content);
}

/** Who the patient said they are and the number to call back, one tap to call; left out when unknown. */
function patient(d) {
  const id = d.identity || {};
  if (!id.name && !id.dateOfBirth && !d.callBack) return null;
  const rows = compact([
    id.name ? [t('case.patientName'), id.name] : null,
    id.dateOfBirth ? [t('case.dateOfBirth'), id.dateOfBirth] : null,
    d.callBack ? [t('case.callBack'), h('a', { class: 'button-link call', href: `tel:${d.callBack.phone.replace(/[^\d+]/g, '')}` }, t('case.call', { phone: d.callBack.phone })),
      d.callBack.from === 'channel' ? h('span', { class: 'meta' }, ` ${t('case.fromSms')}`) : null] : null,
  ]);
  return section('case.patient', h('dl', { class: 'identity' }, rows.flatMap(([k, ...v]) => [h('dt', {}, k), h('dd', {}, ...v)])));
}

/** Each finding in the staff's words, with the patient's words that support it. */
function findingList(findings, patientLanguage) {
  if (findings.length === 0) return h('p', { class: 'muted' }, t('case.none'));
  return h('ul', { class: 'findings' }, findings.map((f) => h('li', { 'data-finding': f.id },
    h('span', { class: 'finding' }, findingLabel(f.id)),
    h('q', { class: 'evidence', lang: patientLanguage }, f.evidence),
    h('span', { class: 'meta' }, ` · ${t(`case.findingSources.${f.source}`)}`))));
}

/** The SBAR handover built from the same data as the lists above, in the staff's language. */
function sbar(c) {
  const reported = c.findings.filter((f) => f.present).map((f) => `${findingLabel(f.id)} (“${f.evidence}”)`);
  const situation = compact([t(`disposition.${c.disposition}`), complaintLabel(c.protocol), ageBandLabel(c.ageBand),
    `${channelName(c.channel)} (${c.language.toUpperCase()})`, c.askedForPerson ? t('queue.askedForPerson') : null]).join(' · ');
  const rows = [
    ['S', situation],
    ['B', reported.length ? reported.join('; ') : t('case.nothingReported')],
    ['A', c.reasons.map((r) => r.text || r.code).join('; ')],
    ['R', t(`sbar.${c.disposition}`)],
  ];
  return section('case.handover', h('dl', { class: 'sbar' }, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
}

function compact(parts) {
  return parts.filter((part) => part !== null && part !== false && part !== undefined);
}

export function channelName(channel) {
  const label = t(`channels.${channel}`);
  return label === `channels.${channel}` ? channel : label;
}

function list(items, line) {
  if (!items || items.length === 0) return h('p', { class: 'muted' }, t('case.none'));
  return h('ul', {}, items.map((x) => h('li', {}, line(x))));
}

function transcript(lines) {
  // tabindex: a scrollable region must be reachable with the keyboard (axe scrollable-region-focusable).
  return h('ol', { class: 'transcript', tabindex: '0', 'aria-label': t('case.transcript') }, lines.map((l) => h('li', { class: l.role },
    h('span', { class: 'who' }, `${l.name || t(`roleNames.${l.role}`)} · ${formatTime(l.at)}`),
    l.text,
    l.choices ? h('span', { class: 'meta' }, ` [${l.choices.join(' | ')}]`) : null)));
}

export function errorText(err) {
  if (err && err.code && t(`errors.${err.code}`) !== `errors.${err.code}`) return t(`errors.${err.code}`);
  if (err && err.status === 403) return t('errors.forbidden');
  if (err && err.status === 400) return t('errors.invalid');
  return t('errors.generic');
}
