// Who is signed in. The access token lives in this tab's sessionStorage only (gone when the tab
// closes, never shared with other tabs, never in a cookie or a log); the refresh token is not kept at
// all: when the access token is refused, the person signs in again.

const KEY = 'adminprovisioning.console.session';

export function current() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY));
    return stored && stored.accessToken && stored.email ? stored : null;
  } catch {
    return null;
  }
}

export function start(email, tokens) {
  sessionStorage.setItem(KEY, JSON.stringify({email, accessToken: tokens.accessToken}));
}

export function end() {
  sessionStorage.removeItem(KEY);
}
