// The case queue: filters, the list (most urgent first, then oldest, as the server sorts it), and
// live updates from /api/staff/events. Events only say "something changed"; the list is then
// reloaded from the server, so filters and order stay the server's.
import { api } from './api.js';
import { announce, h } from './dom.js';
import { formatTime, t } from './i18n.js';

export function createQueue({ onOpen, onCaseEvent, onActivity, onStreamClosed }) {
  const list = document.getElementById('case-list');
  const empty = document.getElementById('queue-empty');
  const form = document.getElementById('filters');
  const feedState = document.getElementById('feed-state');
  let known = new Set();
  let loaded = false;
  let selected = null;
  let source = null;
  let refreshTimer = null;
  let lastCases = [];

  // A filter change shows other cases, not new ones: nothing to announce.
  form.addEventListener('change', () => { loaded = false; void refresh(false); });

  function query() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (value) params.set(name, value);
    return params.toString();
  }

  async function refresh(background = true) {
    const { cases } = await api(`/cases?${query()}`, { background });
    const fresh = loaded ? cases.filter((c) => !known.has(c.id)) : [];
    loaded = true;
    known = new Set(cases.map((c) => c.id));
    lastCases = cases;
    render(new Set(fresh.map((c) => c.id)));
    // Announced here rather than on the event: whichever path brought the case in, it is said once.
    const newest = fresh.find((c) => c.status === 'open');
    if (newest) announce(t('queue.newCase', { disposition: t(`disposition.${newest.disposition}`) }));
  }

  function render(fresh = new Set()) {
    list.replaceChildren(...lastCases.map((c) => h('li', {}, item(c, fresh.has(c.id)))));
    empty.hidden = lastCases.length > 0;
  }

  function item(c, isFresh) {
    const minutes = Math.max(0, Math.round((Date.now() - new Date(c.createdAt).getTime()) / 60000));
    return h('button', {
      type: 'button', class: `case-item${isFresh ? ' fresh' : ''}`, 'data-id': c.id, 'data-disposition': c.disposition,
      'aria-current': selected === c.id ? 'true' : 'false', onclick: () => onOpen(c.id),
    },
    h('span', {}, h('span', { class: `badge ${c.disposition}` }, t(`disposition.${c.disposition}`)), t(`status.${c.status}`)),
    h('span', { class: 'meta' }, `${t(`channels.${c.channel}`) === `channels.${c.channel}` ? c.channel : t(`channels.${c.channel}`)} · ${c.language.toUpperCase()} · ${formatTime(c.createdAt)} · ${t('queue.waiting', { minutes })}`),
    h('span', { class: 'meta' }, c.claimedBy ? t('queue.heldBy', { email: c.claimedBy.email || '?' }) : t('queue.unclaimed')));
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
  }

  function disconnect() {
    if (source) source.close();
    source = null;
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
    render();
  }

  return { refresh, connect, disconnect, select, reset, rerender: () => { render(); setFeedState(feedState.dataset.state); } };
}
