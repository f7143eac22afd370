// The case queue: filters (kept in the URL, so a reload or a shared link shows the same list), the
// list (most urgent first, then oldest, as the server sorts it), and live updates from
// /api/staff/events. Events only say "something changed"; the list is then reloaded from the
// server, so filters and order stay the server's. Open emergencies are also fetched apart from the
// filters, for the alerts.
import { api } from './api.js';
import { channelName } from './case.js';
import { announce, h } from './dom.js';
import { formatTime, t } from './i18n.js';
import { ageBandLabel, complaintLabel } from './labels.js';

const FILTERS = ['status', 'disposition', 'language', 'channel'];
const ACTIVE = new Set(['open', 'claimed']);

export function createQueue({ onOpen, onCaseEvent, onActivity, onStreamClosed, alerts }) {
  const list = document.getElementById('case-list');
  const empty = document.getElementById('queue-empty');
  const form = document.getElementById('filters');
  const feedState = document.getElementById('feed-state');
  let known = new Set();
  let loaded = false;
  let selected = null;
  let source = null;
  let refreshTimer = null;
  let clockTimer = null;
  let lastCases = [];
  let targets = {};

  readFiltersFromUrl();
  // A filter change shows other cases, not new ones: nothing to announce.
  form.addEventListener('change', () => { writeFiltersToUrl(); loaded = false; void refresh(false); });

  function readFiltersFromUrl() {
    const params = new URLSearchParams(location.search);
    for (const name of FILTERS) {
      const select = form.elements.namedItem(name);
      const value = params.get(name);
      if (select && value !== null && [...select.options].some((o) => o.value === value)) select.value = value;
    }
  }

  function writeFiltersToUrl() {
    const url = new URL(location.href);
    url.search = query();
    history.replaceState(null, '', url);
  }

  function query() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (value) params.set(name, value);
    return params.toString();
  }

  function setTargets(waitTargetsMinutes) { targets = waitTargetsMinutes || {}; }

  async function refresh(background = true) {
    const [{ cases }, emergencies] = await Promise.all([
      api(`/cases?${query()}`, { background }),
      api('/cases?status=open&disposition=emergency', { background: true }),
    ]);
    const fresh = loaded ? cases.filter((c) => !known.has(c.id)) : [];
    loaded = true;
    known = new Set(cases.map((c) => c.id));
    lastCases = cases;
    render(new Set(fresh.map((c) => c.id)));
    alerts.update(emergencies.cases);
    // Announced here rather than on the event: whichever path brought the case in, it is said once.
    const newest = fresh.find((c) => c.status === 'open');
    if (newest) announce(t('queue.newCase', { disposition: t(`disposition.${newest.disposition}`) }));
  }

  function render(fresh = new Set()) {
    list.replaceChildren(...lastCases.map((c) => h('li', {}, item(c, fresh.has(c.id)))));
    empty.hidden = lastCases.length > 0;
  }

  function item(c, isFresh) {
    return h('button', {
      type: 'button', class: `case-item${isFresh ? ' fresh' : ''}`, 'data-id': c.id, 'data-disposition': c.disposition,
      'aria-current': selected === c.id ? 'true' : 'false', onclick: () => onOpen(c.id),
    },
    h('span', { class: 'row-head' },
      h('span', { class: `badge ${c.disposition}` }, t(`disposition.${c.disposition}`)),
      h('span', { class: 'complaint' }, complaintLabel(c.protocol)),
      c.askedForPerson ? h('span', { class: 'badge person' }, t('queue.askedForPerson')) : null),
    h('span', { class: 'meta' }, [ageBandLabel(c.ageBand), channelName(c.channel), c.language.toUpperCase(), t(`status.${c.status}`)].filter(Boolean).join(' · ')),
    waiting(c),
    h('span', { class: 'meta' }, c.claimedBy ? t('queue.heldBy', { email: c.claimedBy.email || '?' }) : t('queue.unclaimed')));
  }

  /** Time since the case was made; past the clinic's target for its disposition it turns red and says so. */
  function waiting(c) {
    if (!ACTIVE.has(c.status)) return h('span', { class: 'meta' }, t('queue.createdAt', { time: formatTime(c.createdAt) }));
    const minutes = Math.max(0, Math.floor((Date.now() - new Date(c.createdAt).getTime()) / 60000));
    const target = targets[c.disposition];
    const overdue = c.status === 'open' && typeof target === 'number' && minutes > target;
    const text = t('queue.waitingFor', { time: duration(minutes) });
    return h('span', { class: overdue ? 'wait overdue' : 'wait', 'data-overdue': overdue ? 'true' : 'false' },
      overdue ? `${text} · ${t('queue.overdue', { target: duration(target) })}` : text);
  }

  function duration(minutes) {
    return minutes < 60 ? t('queue.minutes', { count: minutes }) : t('queue.hours', { count: Math.floor(minutes / 60), minutes: minutes % 60 });
  }

  function scheduleRefresh() {
    // Several events arrive together after one poll; one reload covers them.
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void refresh(true).catch(() => {}), 150);
  }

  function connect() {
    disconnect();
    source = new EventSource('/api/staff/events');
    source.addEventListener('ready', () => { setFeedState('live'); scheduleRefresh(); });
    source.addEventListener('case', (e) => {
      scheduleRefresh();
      onCaseEvent(JSON.parse(e.data));
    });
    source.addEventListener('activity', (e) => onActivity(JSON.parse(e.data).caseId));
    source.addEventListener('session-ended', () => { disconnect(); onStreamClosed(); });
    source.onerror = () => {
      setFeedState('offline');
      // EventSource retries by itself, except after an HTTP error (e.g. 401), when it closes.
      if (source && source.readyState === EventSource.CLOSED) { disconnect(); onStreamClosed(); }
    };
    // Waiting times move on without any event: redrawn every half minute.
    clockTimer = setInterval(() => render(), 30_000);
  }

  function disconnect() {
    if (source) source.close();
    source = null;
    clearInterval(clockTimer);
    setFeedState('offline');
  }

  function setFeedState(state) {
    feedState.dataset.state = state;
    feedState.textContent = t(state === 'live' ? 'queue.live' : 'queue.offline');
  }

  function select(id) {
    selected = id;
    render();
  }

  function reset() {
    loaded = false;
    known = new Set();
    lastCases = [];
    selected = null;
    alerts.reset();
    render();
  }

  return { refresh, connect, disconnect, select, reset, setTargets, rerender: () => { render(); setFeedState(feedState.dataset.state); } };
}
