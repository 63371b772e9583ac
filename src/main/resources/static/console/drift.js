// The drift report (GET /admins/reconciliation) and its repairs (POST /admins/reconciliation/repair),
// each asked for with a confirmation naming the entry; and one reconciler pass on demand.

import {call} from './api.js';
import {announce, byId, confirm, h, showProblem, when} from './ui.js';

/** What each drift reason means, and the repairs the service accepts for it (drift.RecordDrift). */
const REASONS = {
  'cognito-user-missing': {
    text: 'No Cognito user: nobody can sign in as this admin.',
    repairs: ['disable-records'],
  },
  'admin-info-missing': {
    text: 'The record has no AdminInfo row.',
    repairs: ['disable-records'],
  },
  'cognito-user-disabled': {
    text: 'Active here, but the Cognito user is disabled.',
    repairs: ['enable-cognito-user', 'disable-records'],
  },
  'not-in-admin-group': {
    text: 'Active here, but the Cognito user is not in the admin group.',
    repairs: ['add-to-admin-group', 'disable-records'],
  },
  'can-still-sign-in': {
    text: 'Disabled here, but the Cognito user can still sign in.',
    repairs: ['disable-cognito-user'],
  },
};

const ACTIONS = {
  'delete-cognito-user': {label: 'Delete the Cognito user', danger: true,
    explain: 'The Cognito user is deleted; nobody can sign in with it again.'},
  'create-records': {label: 'Create the records', danger: false,
    explain: 'The User and AdminInfo rows are written, adopting the Cognito user as an admin.'},
  'disable-records': {label: 'Disable the record', danger: true,
    explain: 'The record is disabled here: it keeps its history but can no longer act.'},
  'enable-cognito-user': {label: 'Enable the Cognito user', danger: false,
    explain: 'The Cognito user is enabled again, as the record says it should be.'},
  'add-to-admin-group': {label: 'Add to the admin group', danger: false,
    explain: 'The Cognito user is put back into the admin group.'},
  'disable-cognito-user': {label: 'Disable the Cognito user', danger: true,
    explain: 'The Cognito user is disabled, as the record says it should be.'},
  'retry': {label: 'Retry now', danger: false,
    explain: 'The reconciler drives the operation to a final state now, even if it had given up.'},
};

export function setUp() {
  byId('drift-refresh').addEventListener('click', () => load());
  byId('drift-run').addEventListener('click', runReconciler);
}

export async function load() {
  const screen = document.querySelector('[data-screen="drift"]');
  screen.setAttribute('aria-busy', 'true');
  try {
    const {body} = await call('GET', 'admins/reconciliation');
    render(body);
  } catch (problem) {
    showProblem(problem);
  } finally {
    screen.removeAttribute('aria-busy');
  }
}

function render(report) {
  const total = report.ghostCognitoUsers.length + report.orphanRecords.length + report.stuckRequests.length;
  byId('drift-generated').replaceChildren('Checked ', when(report.generatedAt));
  byId('drift-summary').textContent = total === 0
      ? 'No drift: Cognito and the database agree, and no operation is stuck.'
      : `${total} ${total === 1 ? 'entry needs' : 'entries need'} a decision.`
        + (report.truncated ? ' The report stopped early at its limit; repair these and check again.' : '');
  byId('ghosts').replaceChildren(table('Cognito users in the admin group with no live record',
      ['Cognito username', 'Email', 'Cognito status', 'Enabled', 'Created', 'Repair'],
      report.ghostCognitoUsers.map((ghost) => [ghost.username, ghost.email || '—', ghost.status,
        ghost.enabled ? 'yes' : 'no', when(ghost.createdAt),
        repairButtons('ghost-cognito-user', ghost.username, ghost.email || ghost.username,
            ['delete-cognito-user', 'create-records'])])));
  byId('orphans').replaceChildren(table('Records whose Cognito user disagrees',
      ['Email', 'Status here', 'What is wrong', 'Repair'],
      report.orphanRecords.map((orphan) => {
        const reason = REASONS[orphan.reason] || {text: orphan.reason, repairs: ['disable-records']};
        return [orphan.email, orphan.status, reason.text,
          repairButtons('orphan-record', orphan.userId, orphan.email, reason.repairs)];
      })));
  byId('stuck').replaceChildren(table('Unfinished operations',
      ['Operation', 'Email', 'State', 'Attempts', 'Last error', 'Since', 'Repair'],
      report.stuckRequests.map((stuck) => [stuck.operation, stuck.email, stuck.state, stuck.attempts,
        stuck.lastError || '—', when(stuck.createdAt),
        repairButtons('stuck-request', stuck.requestId, `${stuck.operation} of ${stuck.email}`, ['retry'])])));
}

function table(caption, headings, rows) {
  if (rows.length === 0) {
    return h('p', {class: 'none'}, 'None.');
  }
  return h('table', {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headings.map((heading) => h('th', {scope: 'col'}, heading)))),
      h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell, i) => i === 0
          ? h('th', {scope: 'row'}, cell)
          : h('td', {class: i === cells.length - 1 ? 'actions' : null}, cell))))));
}

function repairButtons(entry, id, name, actions) {
  return actions.map((action) => h('button', {
    type: 'button', class: `small ${ACTIONS[action].danger ? 'danger' : 'secondary'}`,
    'data-repair': action, 'data-entry': entry, 'data-name': name,
    onclick: () => repair(entry, id, name, action),
  }, ACTIONS[action].label, h('span', {class: 'visually-hidden'}, ` for ${name}`)));
}

async function repair(entry, id, name, action) {
  const confirmed = await confirm({
    title: `${ACTIONS[action].label} for ${name}?`,
    message: ACTIONS[action].explain,
    confirmLabel: ACTIONS[action].label,
    danger: ACTIONS[action].danger,
  });
  if (!confirmed) {
    return;
  }
  try {
    const {body} = await call('POST', 'admins/reconciliation/repair', {body: {entry, id, action}});
    announce(`${name}: ${body.outcome.toLowerCase().replaceAll('_', ' ')}.${body.detail ? ` ${body.detail}` : ''}`);
    await load();
  } catch (problem) {
    showProblem(problem);
  }
  byId('drift-title').focus();
}

async function runReconciler() {
  try {
    const {body} = await call('POST', 'admins/reconciliation/run');
    announce(`Reconciler pass: ${body.claimed} claimed, ${body.completed} completed, ${body.failed} failed, `
        + `${body.rolledBack} rolled back, ${body.retryLater} to retry later, ${body.needsAttention} need attention.`);
    await load();
  } catch (problem) {
    showProblem(problem);
  }
}
