// The admin console: plain ES modules served by the service, no build step. Signed out, the sign-in
// screens (signin.js); signed in, the screens of the location's hash: #/admins, #/drift,
// #/admins/{id}/audit. Any refused token (401) ends the session and comes back to sign-in.

import {SIGNED_OUT} from './api.js';
import * as session from './session.js';
import * as signin from './signin.js';
import * as admins from './admins.js';
import * as drift from './drift.js';
import * as audit from './audit.js';
import {byId, clearMessages, showScreen} from './ui.js';

const AUDIT_ROUTE = /^#\/admins\/([0-9a-fA-F-]{36})\/audit$/;

function signedInChrome(email) {
  byId('nav').hidden = !email;
  byId('whoami').hidden = !email;
  byId('whoami-email').textContent = email || '';
}

function markNav(name) {
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === name) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

/** Shows the screen the hash names; the admin list for anything else. */
async function route({keepMessages = false} = {}) {
  const signedInAs = session.current();
  if (!signedInAs) {
    signedInChrome(null);
    signin.start();
    return;
  }
  signedInChrome(signedInAs.email);
  if (!keepMessages) {
    clearMessages();
  }
  const hash = location.hash;
  const auditOf = AUDIT_ROUTE.exec(hash);
  if (hash === '#/drift') {
    markNav('drift');
    document.title = 'Drift report · Admin console';
    showScreen('drift');
    await drift.load();
  } else if (auditOf) {
    markNav(null);
    document.title = 'Audit trail · Admin console';
    showScreen('audit');
    await audit.load(auditOf[1]);
  } else {
    markNav('admins');
    document.title = 'Admins · Admin console';
    showScreen('admins');
    await admins.load();
  }
}

/** After signing in: the screen the hash names, so a person sent back to sign-in returns where they were. */
function onSignedIn() {
  route({keepMessages: true});
}

document.addEventListener(SIGNED_OUT, (event) => {
  signedInChrome(null);
  signin.start(event.detail);
});

byId('sign-out').addEventListener('click', () => {
  session.end();
  signedInChrome(null);
  signin.start();
});

// The skip link moves focus without touching the hash, which names the screen.
byId('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  byId('main').focus();
});

signin.setUp(onSignedIn);
admins.setUp();
drift.setUp();
audit.setUp();
window.addEventListener('hashchange', () => route());
route();
