// Small DOM helpers shared by the screens. Elements are built with the DOM API, never innerHTML, so
// nothing the service returns (an email, an audit detail) is ever parsed as markup.

/** An element: h('td', {class: 'x'}, 'text', otherNode). Attributes with null/false values are left out. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

export const byId = (id) => document.getElementById(id);

/** Shows one screen, hides the others, and moves focus to its heading so keyboard and screen-reader users start there. */
export function showScreen(name, {focus = true} = {}) {
  for (const section of document.querySelectorAll('[data-screen]')) {
    section.hidden = section.dataset.screen !== name;
  }
  const heading = document.querySelector(`[data-screen="${name}"] h1`);
  if (focus && heading) {
    heading.focus();
  }
}

/** The failure a person must read: the problem's detail (RFC 9457), as the service wrote it. */
export function showProblem(problem) {
  byId('status').textContent = '';
  const box = byId('problem');
  box.replaceChildren(problem.detail || problem.title || 'Something went wrong.');
  if (problem.slug) {
    box.append(h('span', {class: 'problem-type'}, `${problem.status} ${problem.slug}`));
  }
}

/** A confirmation of what was done, announced politely. */
export function announce(message) {
  byId('problem').replaceChildren();
  byId('status').textContent = message;
}

export function clearMessages() {
  byId('problem').replaceChildren();
  byId('status').textContent = '';
}

const dateTime = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'});

/** A <time> for an ISO-8601 instant, or a dash. */
export function when(instant) {
  if (!instant) {
    return h('span', {'aria-label': 'none'}, '—');
  }
  return h('time', {datetime: instant}, dateTime.format(new Date(instant)));
}

/** A status as a badge whose text says it (colour is never the only cue). */
export function statusBadge(status) {
  return h('span', {class: `badge badge-${status}`}, status.charAt(0) + status.slice(1).toLowerCase());
}

/**
 * Asks before an irreversible or access-changing action. A modal <dialog>: focus moves into it (to
 * Cancel, the safe choice), Escape cancels, and focus returns to what opened it.
 *
 * @returns {Promise<boolean>} whether the person confirmed
 */
export function confirm({title, message, confirmLabel, danger = true}) {
  const dialog = byId('confirm-dialog');
  const opener = document.activeElement;
  byId('confirm-title').textContent = title;
  byId('confirm-message').textContent = message;
  const ok = byId('confirm-ok');
  ok.textContent = confirmLabel;
  ok.className = danger ? 'danger' : '';
  return new Promise((resolve) => {
    const finish = (confirmed) => {
      ok.removeEventListener('click', onOk);
      byId('confirm-cancel').removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) {
        dialog.close();
      }
      if (opener && opener.isConnected) {
        opener.focus();
      }
      resolve(confirmed);
    };
    const onOk = () => finish(true);
    const onCancel = (event) => {
      event.preventDefault();
      finish(false);
    };
    ok.addEventListener('click', onOk);
    byId('confirm-cancel').addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onCancel);
    dialog.showModal();
    byId('confirm-cancel').focus();
  });
}

/** Disables a form's controls while its request runs, so a double click sends one request. */
export async function busy(form, action) {
  const controls = [...form.querySelectorAll('button, input, select')];
  const focused = document.activeElement;
  const before = controls.map((control) => control.disabled);
  controls.forEach((control) => { control.disabled = true; });
  form.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    controls.forEach((control, i) => { control.disabled = before[i]; });
    form.removeAttribute('aria-busy');
    // Disabling the focused button drops focus to <body>; give it back unless another screen took it.
    if (document.activeElement === document.body && focused && focused.isConnected && !focused.closest('[hidden]')) {
      focused.focus();
    }
  }
}
