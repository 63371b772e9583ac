// The service's HTTP API, same origin. Every failure becomes a Problem carrying the RFC 9457 body; a 401
// on an admin call ends the session and sends the person back to sign-in with the problem's detail.

import * as session from './session.js';

const PROBLEM_TYPE = 'https://adminprovisioning.org/problems/';

/** A failed call: the problem's status, type slug, title and detail. */
export class Problem extends Error {
  constructor(status, body = {}) {
    super(body.detail || body.title || `The service answered ${status}.`);
    this.status = status;
    this.type = body.type || null;
    this.slug = body.type && body.type.startsWith(PROBLEM_TYPE) ? body.type.slice(PROBLEM_TYPE.length) : null;
    this.title = body.title || null;
    this.detail = body.detail || this.message;
  }
}

/** Sent when an admin call is refused for want of a valid token; app.js shows the sign-in screen. */
export const SIGNED_OUT = 'console:signed-out';

function idempotencyKey() {
  if (crypto.randomUUID) {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Calls the API. Paths are relative to the page, so the console works under any context path.
 *
 * @param {string} method
 * @param {string} path e.g. 'admins?page=0'
 * @param {{body?: object, signedIn?: boolean, idempotent?: boolean}} options signedIn (default true)
 *        sends the access token; idempotent sends a fresh Idempotency-Key (one per click)
 * @returns {Promise<{status: number, body: any}>}
 */
export async function call(method, path, {body, signedIn = true, idempotent = false} = {}) {
  const headers = {Accept: 'application/json, application/problem+json'};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const signedInAs = session.current();
  if (signedIn && signedInAs) {
    headers.Authorization = `Bearer ${signedInAs.accessToken}`;
  }
  if (idempotent) {
    headers['Idempotency-Key'] = idempotencyKey();
  }
  let response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit', cache: 'no-store',
    });
  } catch {
    throw new Problem(0, {detail: 'The service could not be reached. Check your connection and try again.'});
  }
  const text = await response.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (response.ok) {
    return {status: response.status, body: parsed};
  }
  const problem = new Problem(response.status, parsed || {});
  if (response.status === 401 && signedIn) {
    session.end();
    document.dispatchEvent(new CustomEvent(SIGNED_OUT, {detail: problem}));
  }
  throw problem;
}
