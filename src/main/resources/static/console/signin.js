// Signing in, as Cognito's challenges lead (docs/api.md, "Sign-in flows"): the password, then, when the
// pool asks, a new password (first login with the temporary one), the setup of an authenticator app
// (MFA_SETUP, with a QR code of otpauthUri) or the app's code (SOFTWARE_TOKEN_MFA). Challenges are
// answers, not errors; a 401 on these screens is shown in place, except an expired session, which
// starts over.

import {call} from './api.js';
import * as session from './session.js';
import {byId, busy, clearMessages, showProblem, showScreen} from './ui.js';
import {rulesOf, unmet} from './password-rules.js';
import {qrSvg} from './qr.js';

/** What the current sign-in needs to answer the pool's next challenge; memory only, gone on reload. */
let pending = null;
let onSignedIn = () => {};
let passwordRules = null;

/** Wires the sign-in screens; signedIn(email) runs once tokens are in the session. */
export function setUp(signedIn) {
  onSignedIn = signedIn;
  byId('sign-in-form').addEventListener('submit', signIn);
  byId('new-password-form').addEventListener('submit', chooseNewPassword);
  byId('new-password').addEventListener('input', checkRules);
  byId('new-password-again').addEventListener('input', checkRules);
  byId('mfa-setup-form').addEventListener('submit', completeMfaSetup);
  byId('mfa-form').addEventListener('submit', answerMfa);
  for (const back of document.querySelectorAll('[data-back-to-sign-in]')) {
    back.addEventListener('click', () => start());
  }
}

/** The sign-in screen, with a problem to show when the person was sent back here. */
export function start(problem) {
  pending = null;
  for (const form of document.querySelectorAll('[data-screen] form')) {
    if (form.closest('[data-screen]').dataset.screen !== 'admins') {
      form.reset();
    }
  }
  clearMessages();
  showScreen('sign-in');
  if (problem) {
    showProblem(problem);
  }
  byId('sign-in-email').focus();
}

async function signIn(event) {
  event.preventDefault();
  const username = byId('sign-in-email').value.trim();
  const password = byId('sign-in-password').value;
  if (!username || !password) {
    showProblem({detail: 'Enter your email and your password.'});
    (username ? byId('sign-in-password') : byId('sign-in-email')).focus();
    return;
  }
  await busy(event.target, async () => {
    try {
      const {body} = await call('POST', 'auth/login', {body: {username, password}, signedIn: false});
      await next(username, body, password);
    } catch (problem) {
      showProblem(problem);
    }
  });
}

/** Where a sign-in answer leads: tokens, or the screen of the challenge the pool asks for. */
async function next(username, answer, password) {
  byId('sign-in-password').value = '';
  if (answer.accessToken) {
    pending = null;
    session.start(username, answer);
    clearMessages();
    onSignedIn(username);
    return;
  }
  clearMessages();
  switch (answer.challenge) {
    case 'NEW_PASSWORD_REQUIRED':
      pending = {username, temporaryPassword: password};
      await showNewPassword(username);
      break;
    case 'MFA_SETUP':
      pending = {username, session: answer.session};
      showMfaSetup(answer);
      break;
    case 'SOFTWARE_TOKEN_MFA':
      pending = {username, session: answer.session};
      byId('mfa-email').textContent = username;
      byId('mfa-form').reset();
      showScreen('mfa');
      break;
    default:
      showProblem({detail: `The pool asked for ${answer.challenge}, which this console cannot answer.`});
  }
}

async function showNewPassword(username) {
  byId('new-password-email').textContent = username;
  byId('new-password-form').reset();
  showScreen('new-password');
  try {
    if (!passwordRules) {
      const {body} = await call('GET', 'auth/password-policy', {signedIn: false});
      passwordRules = rulesOf(body);
    }
  } catch (problem) {
    showProblem(problem);
    passwordRules = null;
  }
  renderRules();
}

function renderRules() {
  const list = byId('password-rules');
  list.replaceChildren();
  for (const rule of passwordRules || []) {
    const item = document.createElement('li');
    item.dataset.rule = rule.id;
    item.dataset.met = 'false';
    item.append(rule.text, Object.assign(document.createElement('span'), {className: 'visually-hidden'}));
    list.append(item);
  }
  const match = document.createElement('li');
  match.dataset.rule = 'match';
  match.dataset.met = 'false';
  match.append('the same password in both fields',
      Object.assign(document.createElement('span'), {className: 'visually-hidden'}));
  list.append(match);
  checkRules();
}

/** Marks each rule met or not as the person types; the state is in the text too, for screen readers. */
function checkRules() {
  const password = byId('new-password').value;
  const again = byId('new-password-again').value;
  for (const item of byId('password-rules').children) {
    const rule = (passwordRules || []).find((r) => r.id === item.dataset.rule);
    const met = rule ? rule.test(password) : password.length > 0 && password === again;
    item.dataset.met = String(met);
    item.querySelector('.visually-hidden').textContent = met ? ' (met)' : ' (not met yet)';
  }
}

async function chooseNewPassword(event) {
  event.preventDefault();
  const newPassword = byId('new-password').value;
  const missing = unmet(passwordRules || [], newPassword);
  if (missing.length > 0) {
    showProblem({detail: `Your new password still needs ${missing.join(', ')}.`});
    byId('new-password').setAttribute('aria-invalid', 'true');
    byId('new-password').focus();
    return;
  }
  byId('new-password').removeAttribute('aria-invalid');
  if (newPassword !== byId('new-password-again').value) {
    showProblem({detail: 'The two passwords are not the same.'});
    byId('new-password-again').setAttribute('aria-invalid', 'true');
    byId('new-password-again').focus();
    return;
  }
  byId('new-password-again').removeAttribute('aria-invalid');
  await busy(event.target, async () => {
    try {
      const {username, temporaryPassword} = pending;
      const {body} = await call('POST', 'auth/new-password-challenge',
          {body: {username, temporaryPassword, newPassword}, signedIn: false});
      await next(username, body, null);
    } catch (problem) {
      afterAuthFailure(problem);
    }
  });
}

function showMfaSetup(answer) {
  byId('mfa-qr').replaceChildren(qrSvg(answer.otpauthUri,
      'QR code of your authenticator app\'s key; the same key is written out in the next step'));
  // Groups of four, as authenticator apps show keys; the app ignores the spaces.
  byId('mfa-secret').textContent = answer.secretCode.replace(/(.{4})/g, '$1 ').trim();
  byId('mfa-secret').dataset.secret = answer.secretCode;
  byId('mfa-setup-form').reset();
  showScreen('mfa-setup');
}

async function completeMfaSetup(event) {
  await sendCode(event, 'auth/mfa-setup', byId('mfa-setup-code'));
}

async function answerMfa(event) {
  await sendCode(event, 'auth/mfa', byId('mfa-code'));
}

async function sendCode(event, path, input) {
  event.preventDefault();
  const code = input.value.replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) {
    showProblem({detail: 'Enter the 6 digits your authenticator app shows.'});
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return;
  }
  input.removeAttribute('aria-invalid');
  await busy(event.target, async () => {
    try {
      const {username, session: challengeSession} = pending;
      const {body} = await call('POST', path, {body: {username, session: challengeSession, code}, signedIn: false});
      await next(username, body, null);
    } catch (problem) {
      afterAuthFailure(problem);
      if (problem.slug === 'invalid-mfa-code') {
        input.value = '';
        input.focus();
      }
    }
  });
}

/** A wrong code or a refused password keeps the screen; a session that is over starts again. */
function afterAuthFailure(problem) {
  if (problem.slug === 'session-expired' || problem.slug === 'invalid-credentials'
      || problem.slug === 'invite-expired') {
    start(problem);
    return;
  }
  showProblem(problem);
}
