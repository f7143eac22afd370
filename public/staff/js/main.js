// Console start-up: language, session check, sign-in (and the new password an admin's reset asks
// for), the pages (cases, metrics, administration) chosen by the URL's #fragment, and wiring the queue to
// the case view.
import { ApiError, api, setCsrfToken, whenSessionEnds } from './api.js';
import { renderAdmin } from './admin.js';
import { renderMetrics } from './metrics.js';
import { createCaseView } from './case.js';
import { notice } from './dom.js';
import { loadLanguage, preferredLanguage, t } from './i18n.js';
import { createAlerts } from './alerts.js';
import { createQueue } from './queue.js';

let me = null;
const $ = (id) => document.getElementById(id);
const PAGES = { cases: 'work-view', metrics: 'metrics-view', admin: 'admin-view' };

const alerts = createAlerts({ onOpen: (id) => { location.hash = '#cases'; void openCase(id); } });
const caseView = createCaseView({ me: () => me, onChanged: () => void queue.refresh(true) });
const queue = createQueue({
  onOpen: (id) => void openCase(id),
  onCaseEvent: (c) => void caseView.reloadIfOpen(c.id).catch(() => {}),
  onActivity: (id) => void caseView.reloadIfOpen(id).catch(() => {}),
  onStreamClosed: () => void checkSession(),
  alerts,
});

async function openCase(id) {
  queue.select(id);
  try {
    await caseView.open(id);
    $('case-panel').focus();
  } catch (err) {
    notice(t('errors.generic'));
  }
}

function hideAll() {
  for (const id of ['login-view', 'password-view', ...Object.values(PAGES)]) $(id).hidden = true;
}

function showLogin(message) {
  me = null;
  setCsrfToken(null);
  queue.disconnect();
  queue.reset();
  caseView.close();
  // Nothing of the last user's pages stays in the document for the next one.
  $('admin-view').replaceChildren();
  $('metrics-view').replaceChildren();
  hideAll();
  $('nav').hidden = true;
  $('logout').hidden = true;
  $('who').hidden = true;
  $('login-view').hidden = false;
  $('login-error').textContent = message || '';
  $('login-email').focus();
}

function currentPage() {
  const page = location.hash.replace(/^#/, '');
  if (page === 'admin' && me && me.role === 'admin') return 'admin';
  if (page === 'metrics') return 'metrics';
  return 'cases';
}

function showPage() {
  if (!me || me.mustChangePassword) return;
  const page = currentPage();
  hideAll();
  $(PAGES[page]).hidden = false;
  for (const link of $('nav').querySelectorAll('a')) link.setAttribute('aria-current', link.dataset.page === page ? 'page' : 'false');
  if (page === 'admin') renderAdmin(me);
  if (page === 'metrics') renderMetrics();
}

async function showWork(session) {
  me = session.user;
  setCsrfToken(session.csrfToken);
  $('logout').hidden = false;
  $('who').hidden = false;
  $('who').textContent = t('signedInAs', { email: me.email, role: t(`roles.${me.role}`) });
  if (me.mustChangePassword) {
    hideAll();
    $('password-view').hidden = false;
    $('password-current').focus();
    return;
  }
  $('nav').hidden = false;
  $('nav').querySelector('[data-page="admin"]').hidden = me.role !== 'admin';
  showPage();
  setUpAlerts();
  const settings = await api('/settings');
  queue.setTargets(settings.waitTargetsMinutes);
  await queue.refresh(false);
  queue.connect();
}

function setUpAlerts() {
  $('sound-on').checked = alerts.soundOn();
  const canAsk = 'Notification' in window && Notification.permission === 'default';
  $('allow-notifications').hidden = !canAsk;
}

$('sound-on').addEventListener('change', (e) => alerts.setSound(e.target.checked));
$('allow-notifications').addEventListener('click', async () => {
  await Notification.requestPermission();
  setUpAlerts();
});

async function checkSession() {
  try {
    await showWork(await api('/session'));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return; // whenSessionEnds shows the sign-in form
    notice(t('errors.generic'));
  }
}

whenSessionEnds(() => showLogin(me ? t('login.expired') : ''));

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('login-error').textContent = '';
  try {
    const session = await api('/login', { method: 'POST', body: { email: $('login-email').value.trim(), password: $('login-password').value } });
    $('login-password').value = '';
    await showWork(session);
  } catch (err) {
    $('login-error').textContent = err.code === 'account_locked' ? t('login.locked') : err.code === 'account_inactive' ? t('errors.account_inactive')
      : err.status === 429 ? t('login.throttled') : err.status === 401 ? t('login.invalid') : t('errors.generic');
  }
});

$('password-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('password-error').textContent = '';
  try {
    const session = await api('/password', { method: 'POST', body: { currentPassword: $('password-current').value, newPassword: $('password-new').value } });
    $('password-current').value = '';
    $('password-new').value = '';
    await showWork(session);
  } catch (err) {
    $('password-error').textContent = err.code && t(`errors.${err.code}`) !== `errors.${err.code}` ? t(`errors.${err.code}`) : t('errors.generic');
  }
});

$('logout').addEventListener('click', async () => {
  await api('/logout', { method: 'POST' }).catch(() => {});
  showLogin('');
});

window.addEventListener('hashchange', showPage);

$('lang').addEventListener('change', async (e) => {
  await loadLanguage(e.target.value);
  if (me) {
    $('who').textContent = t('signedInAs', { email: me.email, role: t(`roles.${me.role}`) });
    if (currentPage() === 'admin') renderAdmin(me);
    if (currentPage() === 'metrics') renderMetrics();
  }
  queue.rerender();
  caseView.rerender();
  alerts.refreshTitle();
});

async function start() {
  const lang = preferredLanguage();
  $('lang').value = lang;
  await loadLanguage(lang);
  await checkSession();
}

void start();
