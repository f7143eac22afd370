// Administration: the staff users (add, deactivate and reactivate, reset a password, unlock after
// failed sign-ins) and the audit log. Only shown to admins; the server enforces it. Each outcome is
// written next to the control that caused it.
import { api } from './api.js';
import { errorText } from './case.js';
import { announce, h } from './dom.js';
import { formatTime, t } from './i18n.js';

export function renderAdmin(me) {
  const root = document.getElementById('admin-view');
  const email = h('input', { id: 'new-email', type: 'email', required: true, autocomplete: 'off' });
  const password = h('input', { id: 'new-password', type: 'password', minlength: '12', required: true, autocomplete: 'new-password' });
  const displayName = h('input', { id: 'new-display-name', type: 'text', maxlength: '80' });
  const role = h('select', { id: 'new-role' }, h('option', { value: 'nurse' }, t('roles.nurse')), h('option', { value: 'admin' }, t('roles.admin')));
  const createStatus = statusLine();
  const usersStatus = statusLine();
  const auditStatus = statusLine();
  const auditBody = h('tbody');
  const usersBody = h('tbody');

  function say(el, text) {
    el.textContent = text;
    if (text) announce(text);
  }

  async function loadUsers() {
    try {
      const { users } = await api('/users');
      usersBody.replaceChildren(...users.map(userRow));
    } catch (err) {
      say(usersStatus, errorText(err));
    }
  }

  function userRow(u) {
    const states = [u.active ? t('admin.activeState') : t('admin.inactiveState')];
    if (u.locked) states.push(t('admin.lockedState'));
    if (u.mustChangePassword) states.push(t('admin.resetPending'));
    const self = u.email === me.email;
    const buttons = [
      u.active && !self ? button(t('admin.deactivate'), () => change(u, 'deactivate', 'admin.deactivated')) : null,
      u.active ? null : button(t('admin.reactivate'), () => change(u, 'reactivate', 'admin.reactivated')),
      u.locked ? button(t('admin.unlock'), () => change(u, 'unlock', 'admin.unlocked')) : null,
      self ? null : resetForm(u),
    ];
    return h('tr', { 'data-email': u.email },
      h('td', {}, u.email, u.displayName ? h('span', { class: 'meta' }, ` · ${u.displayName}`) : null),
      h('td', {}, t(`roles.${u.role}`)),
      h('td', {}, states.join(' · ')),
      h('td', {}, h('div', { class: 'actions' }, buttons)));
  }

  function button(label, onclick) {
    return h('button', { type: 'button', class: 'secondary', onclick }, label);
  }

  function resetForm(u) {
    const id = `reset-${u.id}`;
    const input = h('input', { id, type: 'password', minlength: '12', required: true, autocomplete: 'new-password' });
    return h('details', { class: 'inline' }, h('summary', {}, t('admin.resetPassword')),
      h('form', { onsubmit: (e) => { e.preventDefault(); void change(u, 'reset-password', 'admin.passwordReset', { password: input.value }); } },
        h('label', { for: id }, t('admin.temporaryPassword')), input,
        h('p', { class: 'meta' }, t('admin.temporaryHint')),
        h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('admin.setTemporary')))));
  }

  async function change(user, action, doneKey, body = {}) {
    try {
      await api(`/users/${encodeURIComponent(user.id)}/${action}`, { method: 'POST', body });
      await loadUsers();
      say(usersStatus, t(doneKey, { email: user.email }));
    } catch (err) {
      say(usersStatus, errorText(err));
    }
  }

  async function createUser(e) {
    e.preventDefault();
    try {
      const body = { email: email.value.trim(), password: password.value, role: role.value };
      if (displayName.value.trim()) body.displayName = displayName.value.trim();
      const { user } = await api('/users', { method: 'POST', body });
      email.value = ''; password.value = ''; displayName.value = '';
      say(createStatus, t('admin.created', { email: user.email }));
      await loadUsers();
    } catch (err) {
      say(createStatus, errorText(err));
    }
  }

  async function loadAudit() {
    try {
      const { entries } = await api('/audit?limit=100');
      auditBody.replaceChildren(...entries.map((r) => h('tr', {},
        h('td', {}, formatTime(r.at)), h('td', {}, r.actorEmail), h('td', {}, r.action), h('td', {}, r.caseId || ''))));
    } catch (err) {
      say(auditStatus, errorText(err));
    }
  }

  root.replaceChildren(
    h('h2', { id: 'admin-title' }, t('admin.title')),
    h('section', { 'aria-labelledby': 'users-title' },
      h('h3', { id: 'users-title' }, t('admin.users')),
      usersStatus,
      h('div', { class: 'table-wrap' }, h('table', { id: 'staff-users' },
        h('thead', {}, h('tr', {}, h('th', {}, t('login.email')), h('th', {}, t('admin.role')), h('th', {}, t('admin.state')), h('th', {}, t('admin.manage')))),
        usersBody))),
    h('details', {}, h('summary', {}, t('admin.newUser')),
      h('form', { onsubmit: createUser },
        h('label', { for: 'new-email' }, t('login.email')), email,
        h('label', { for: 'new-password' }, t('login.password')), password,
        h('label', { for: 'new-display-name' }, t('admin.displayName')), displayName,
        h('label', { for: 'new-role' }, t('admin.role')), role,
        h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('admin.create'))),
        createStatus)),
    h('details', {}, h('summary', {}, t('admin.audit')),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: loadAudit }, t('admin.auditLoad'))),
      auditStatus,
      h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, t('admin.when')), h('th', {}, t('admin.who')), h('th', {}, t('admin.action')), h('th', {}, t('admin.caseId')))),
        auditBody))),
  );
  void loadUsers();
}

function statusLine() {
  return h('p', { class: 'status-line', role: 'status' });
}
