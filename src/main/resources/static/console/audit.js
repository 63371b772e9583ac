// An admin's audit trail (GET /admins/{id}/audit), newest first, paged.

import {call} from './api.js';
import {byId, h, showProblem, when} from './ui.js';

const PAGE_SIZE = 20;
const state = {id: null, email: null, page: 0};

export function setUp() {
  byId('audit-previous').addEventListener('click', () => { state.page -= 1; loadPage(); });
  byId('audit-next').addEventListener('click', () => { state.page += 1; loadPage(); });
}

/** Shows the trail of the admin with this id, from its newest event. */
export async function load(id) {
  state.id = id;
  state.page = 0;
  byId('audit-title').textContent = 'Audit trail';
  byId('audit-summary').textContent = '';
  byId('audit-rows').replaceChildren();
  try {
    const {body: admin} = await call('GET', `admins/${encodeURIComponent(id)}`);
    state.email = admin.email;
    byId('audit-title').textContent = `Audit trail of ${admin.email}`;
    byId('audit-summary').textContent = `Everything done to ${admin.email}, by whom and with what outcome, `
        + `newest first. Status now: ${admin.status.toLowerCase()}.`;
    await loadPage();
  } catch (problem) {
    showProblem(problem);
  }
}

async function loadPage() {
  try {
    const {body} = await call('GET', `admins/${encodeURIComponent(state.id)}/audit?page=${state.page}&size=${PAGE_SIZE}`);
    const {number, totalPages, totalElements} = body.page;
    const pages = Math.max(totalPages, 1);
    byId('audit-caption').textContent = `Events about ${state.email}, newest first: ${totalElements} in all, `
        + `page ${number + 1} of ${pages}`;
    byId('audit-page').textContent = `Page ${number + 1} of ${pages}`;
    byId('audit-previous').disabled = number <= 0;
    byId('audit-next').disabled = number + 1 >= totalPages;
    const rows = body.content.map((event) => h('tr', {},
        h('th', {scope: 'row'}, when(event.at)),
        h('td', {}, event.actor),
        h('td', {}, event.action),
        h('td', {}, event.outcome),
        h('td', {}, event.detail || '—')));
    if (rows.length === 0) {
      rows.push(h('tr', {}, h('td', {colspan: 5, class: 'empty'}, 'No events yet.')));
    }
    byId('audit-rows').replaceChildren(...rows);
  } catch (problem) {
    showProblem(problem);
  }
}
