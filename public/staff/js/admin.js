// Admin tools: add staff users, see who is locked out after failed sign-ins and unlock them, read
// the audit log. Only shown to admins; the server enforces it.
import { api } from './api.js';
import { errorText } from './case.js';
import { h, notice } from './dom.js';
import { formatTime, t } from './i18n.js';

export function renderAdmin() {
  const root = document.getElementById('admin-view');
  const email = h('input', { id: 'new-email', type: 'email', required: true, autocomplete: 'off' });
  const password = h('input', { id: 'new-password', type: 'password', minlength: '12', required: true, autocomplete: 'new-password' });
  const displayName = h('input', { id: 'new-display-name', type: 'text', maxlength: '80' });
  const role = h('select', { id: 'new-role' }, h('option', { value: 'nurse' }, t('roles.nurse')), h('option', { value: 'admin' }, t('roles.admin')));
  const auditBody = h('tbody');
  const usersBody = h('tbody');

  async function loadUsers() {
    try {
      const { users } = await api('/users');
      usersBody.replaceChildren(...users.map((u) => h('tr', {},
        h('td', {}, u.email), h('td', {}, t(`roles.${u.role}`)),
        h('td', {}, u.locked ? t('admin.lockedState') : t('admin.canSignIn')),
        h('td', {}, u.locked ? h('button', { type: 'button', class: 'secondary', onclick: () => unlock(u) }, t('admin.unlock')) : null))));
    } catch (err) {
      notice(errorText(err));
    }
  }

  async function unlock(user) {
    try {
      await api(`/users/${encodeURIComponent(user.id)}/unlock`, { method: 'POST', body: {} });
      notice(t('admin.unlocked', { email: user.email }));
      await loadUsers();
    } catch (err) {
      notice(errorText(err));
    }
  }

  async function createUser(e) {
    e.preventDefault();
    try {
      const body = { email: email.value.trim(), password: password.value, role: role.value };
      if (displayName.value.trim()) body.displayName = displayName.value.trim();
      const { user } = await api('/users', { method: 'POST', body });
      notice(t('admin.created', { email: user.email }));
      email.value = ''; password.value = ''; displayName.value = '';
    } catch (err) {
      notice(errorText(err));
    }
  }

  async function loadAudit() {
    try {
      const { entries } = await api('/audit?limit=100');
      auditBody.replaceChildren(...entries.map((r) => h('tr', {},
        h('td', {}, formatTime(r.at)), h('td', {}, r.actorEmail), h('td', {}, r.action), h('td', {}, r.caseId || ''))));
    } catch (err) {
      notice(errorText(err));
    }
  }

  root.replaceChildren(
    h('h2', { id: 'admin-title' }, t('admin.title')),
    h('details', {}, h('summary', {}, t('admin.newUser')),
      h('form', { onsubmit: createUser },
        h('label', { for: 'new-email' }, t('login.email')), email,
        h('label', { for: 'new-password' }, t('login.password')), password,
        h('label', { for: 'new-display-name' }, t('admin.displayName')), displayName,
        h('label', { for: 'new-role' }, t('admin.role')), role,
        h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('admin.create'))))),
    h('details', {}, h('summary', {}, t('admin.users')),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: loadUsers }, t('admin.usersLoad'))),
      h('div', { class: 'table-wrap' }, h('table', { id: 'staff-users' },
        h('thead', {}, h('tr', {}, h('th', {}, t('login.email')), h('th', {}, t('admin.role')), h('th', {}, t('admin.state')), h('th', {}, ''))),
        usersBody))),
    h('details', {}, h('summary', {}, t('admin.audit')),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: loadAudit }, t('admin.auditLoad'))),
      h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, t('admin.when')), h('th', {}, t('admin.who')), h('th', {}, t('admin.action')), h('th', {}, t('admin.caseId')))),
        auditBody))),
  );
  root.hidden = false;
}
