// Console start-up: language, session check, sign-in, and wiring the queue to the case view.
import { ApiError, api, setCsrfToken, whenSessionEnds } from './api.js';
import { renderAdmin } from './admin.js';
import { createCaseView } from './case.js';
import { notice } from './dom.js';
import { loadLanguage, preferredLanguage, t } from './i18n.js';
import { createQueue } from './queue.js';

let me = null;
const $ = (id) => document.getElementById(id);

const caseView = createCaseView({ me: () => me, onChanged: () => void queue.refresh(true) });
const queue = createQueue({
  onOpen: (id) => void openCase(id),
  onCaseEvent: (c) => void caseView.reloadIfOpen(c.id).catch(() => {}),
  onActivity: (id) => void caseView.reloadIfOpen(id).catch(() => {}),
  onStreamClosed: () => void checkSession(),
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

function showLogin(message) {
  me = null;
  setCsrfToken(null);
  queue.disconnect();
  queue.reset();
  caseView.close();
  $('work-view').hidden = true;
  $('admin-view').hidden = true;
  $('logout').hidden = true;
  $('who').hidden = true;
  $('login-view').hidden = false;
  $('login-error').textContent = message || '';
  $('login-email').focus();
}

async function showWork(session) {
  me = session.user;
  setCsrfToken(session.csrfToken);
  $('login-view').hidden = true;
  $('work-view').hidden = false;
  $('logout').hidden = false;
  $('who').hidden = false;
  $('who').textContent = t('signedInAs', { email: me.email, role: t(`roles.${me.role}`) });
  if (me.role === 'admin') renderAdmin(); else $('admin-view').hidden = true;
  await queue.refresh(false);
  queue.connect();
}

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
    $('login-error').textContent = err.code === 'account_locked' ? t('login.locked') : err.status === 429 ? t('login.throttled') : err.status === 401 ? t('login.invalid') : t('errors.generic');
  }
});

$('logout').addEventListener('click', async () => {
  await api('/logout', { method: 'POST' }).catch(() => {});
  showLogin('');
});

$('lang').addEventListener('change', async (e) => {
  await loadLanguage(e.target.value);
  if (me) {
    $('who').textContent = t('signedInAs', { email: me.email, role: t(`roles.${me.role}`) });
    if (me.role === 'admin') renderAdmin();
  }
  queue.rerender();
  caseView.rerender();
});

async function start() {
  const lang = preferredLanguage();
  $('lang').value = lang;
  await loadLanguage(lang);
  await checkSession();
}

void start();
