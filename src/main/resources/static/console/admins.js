// The admin list (GET /admins: paged, status filter, email prefix) with each admin's actions, and
// Create New Admin. Every change asks the service and then shows what it answered; disable, enable and
// offboard first ask for a confirmation naming the admin.

import {call} from './api.js';
import * as session from './session.js';
import {announce, busy, byId, clearMessages, confirm, h, showProblem, statusBadge, when} from './ui.js';

const PAGE_SIZE = 20;
const state = {page: 0, status: '', q: ''};

export function setUp() {
  byId('create-form').addEventListener('submit', create);
  byId('filter-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.status = byId('filter-status').value;
    state.q = byId('filter-q').value.trim();
    state.page = 0;
    clearMessages();
    load();
  });
  byId('admins-previous').addEventListener('click', () => { state.page -= 1; clearMessages(); load(); });
  byId('admins-next').addEventListener('click', () => { state.page += 1; clearMessages(); load(); });
}

/** Fetches and shows the current page; resolves once the table is drawn (or the failure shown). */
export async function load() {
  const query = new URLSearchParams({page: state.page, size: PAGE_SIZE, sort: 'createdAt,desc'});
  if (state.status) {
    query.append('status', state.status);
  }
  if (state.q) {
    query.append('q', state.q);
  }
  const table = byId('admins-table');
  table.setAttribute('aria-busy', 'true');
  try {
    const {body} = await call('GET', `admins?${query}`);
    render(body);
  } catch (problem) {
    showProblem(problem);
  } finally {
    table.removeAttribute('aria-busy');
  }
}

function render(page) {
  const {number, totalPages, totalElements} = page.page;
  const filter = [state.status ? state.status.toLowerCase() : null, state.q ? `email starting with “${state.q}”` : null]
      .filter(Boolean).join(', ');
  const pages = Math.max(totalPages, 1);
  byId('admins-caption').textContent = `Admins${filter ? ` (${filter})` : ''}: ${totalElements} in all, `
      + `page ${number + 1} of ${pages}`;
  byId('admins-page').textContent = `Page ${number + 1} of ${pages}`;
  byId('admins-previous').disabled = number <= 0;
  byId('admins-next').disabled = number + 1 >= totalPages;
  const rows = page.content.map(row);
  if (rows.length === 0) {
    rows.push(h('tr', {}, h('td', {colspan: 7, class: 'empty'}, 'No admin matches.')));
  }
  byId('admins-rows').replaceChildren(...rows);
}

function row(admin) {
  const expires = admin.status === 'INVITED'
      ? [when(admin.inviteExpiresAt), admin.inviteExpired ? h('span', {class: 'badge badge-expired'}, 'Expired') : null]
      : h('span', {'aria-label': 'not applicable'}, '—');
  return h('tr', {'data-email': admin.email, 'data-status': admin.status},
      h('th', {scope: 'row', tabindex: -1}, admin.email),
      h('td', {}, statusBadge(admin.status)),
      h('td', {}, admin.invitedBy || h('span', {class: 'hint'}, 'nobody (bootstrap)')),
      h('td', {}, when(admin.createdAt)),
      h('td', {}, expires),
      h('td', {}, when(admin.activatedAt)),
      h('td', {class: 'actions'}, actions(admin)));
}

/** The buttons that fit the admin's status; each names the admin for screen readers. */
function actions(admin) {
  const buttons = [];
  const me = session.current()?.email === admin.email;
  const button = (action, label, onclick, kind = 'secondary') => h('button', {
    type: 'button', class: `small ${kind}`, 'data-action': action, 'data-email': admin.email, onclick,
  }, label, h('span', {class: 'visually-hidden'}, ` ${admin.email}`));
  if (admin.status === 'INVITED') {
    buttons.push(button('resend', 'Resend invitation', () => resend(admin)));
  }
  if ((admin.status === 'ACTIVE' || admin.status === 'INVITED') && !me) {
    buttons.push(button('disable', 'Disable', () => disable(admin)));
  }
  if (admin.status === 'DISABLED') {
    buttons.push(button('enable', 'Enable', () => enable(admin)));
  }
  if (admin.status !== 'OFFBOARDED' && !me) {
    buttons.push(button('offboard', 'Offboard', () => offboard(admin)));
  }
  buttons.push(h('a', {href: `#/admins/${admin.id}/audit`, 'data-action': 'audit', 'data-email': admin.email},
      'Audit trail', h('span', {class: 'visually-hidden'}, ` of ${admin.email}`)));
  return buttons;
}

async function create(event) {
  event.preventDefault();
  const input = byId('create-email');
  const email = input.value.trim();
  if (!email) {
    showProblem({detail: 'Enter the email of the new admin.'});
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return;
  }
  await busy(event.target, async () => {
    try {
      const {body} = await call('POST', 'admins', {body: {email}, idempotent: true});
      input.removeAttribute('aria-invalid');
      input.value = '';
      announce(`${body.email} is invited: Cognito emailed a temporary password, valid until `
          + `${when(body.inviteExpiresAt).textContent}.`);
      await load();
    } catch (problem) {
      input.setAttribute('aria-invalid', 'true');
      showProblem(problem);
    }
  });
}

async function resend(admin) {
  await act(admin, () => call('POST', 'admins/resend-invite', {body: {email: admin.email}}),
      () => `A new invitation with a new temporary password is on its way to ${admin.email}.`);
}

async function disable(admin) {
  const confirmed = await confirm({
    title: `Disable ${admin.email}?`,
    message: `${admin.email} is signed out everywhere and can no longer sign in or act as an admin, `
        + 'until an admin enables them again.',
    confirmLabel: `Disable ${admin.email}`,
  });
  if (confirmed) {
    await act(admin, () => call('POST', `admins/${admin.id}/disable`, {idempotent: true}), ({status}) => status === 202
        ? `${admin.email} is disabled here; Cognito follows within minutes.`
        : `${admin.email} is disabled.`);
  }
}

async function enable(admin) {
  const confirmed = await confirm({
    title: `Enable ${admin.email}?`,
    message: `${admin.email} can sign in and act as an admin again.`,
    confirmLabel: `Enable ${admin.email}`,
    danger: false,
  });
  if (confirmed) {
    await act(admin, () => call('POST', `admins/${admin.id}/enable`, {idempotent: true}), ({status, body}) => status === 202
        ? `Enabling ${admin.email}: Cognito answered late, the service finishes it within minutes.`
        : `${admin.email} is enabled (${body.status.toLowerCase()}).`);
  }
}

async function offboard(admin) {
  const confirmed = await confirm({
    title: `Offboard ${admin.email}?`,
    message: `${admin.email} is removed from Cognito for good and can never sign in with this account again. `
        + 'The record and its audit trail stay; the email can be invited again later.',
    confirmLabel: `Offboard ${admin.email}`,
  });
  if (confirmed) {
    await act(admin, () => call('DELETE', `admins/${admin.id}`, {idempotent: true}), ({status}) => status === 202
        ? `${admin.email} is offboarded here; Cognito's delete follows within minutes.`
        : `${admin.email} is offboarded.`);
  }
}

/**
 * Runs a change, then says what happened and redraws the list. The redraw replaces the button that had
 * focus, so focus goes to the admin's row (or the list's heading when the filter hides it now).
 */
async function act(admin, change, message) {
  try {
    const answer = await change();
    announce(message(answer));
    await load();
  } catch (problem) {
    showProblem(problem);
  }
  if (!document.activeElement || document.activeElement === document.body) {
    const rowHeader = [...byId('admins-rows').querySelectorAll('th')].find((th) => th.textContent === admin.email);
    (rowHeader || byId('list-title')).focus();
  }
}
