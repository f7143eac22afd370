// The staff API from the browser: JSON in and out, the CSRF token on every state change, and one
// place that notices an ended session.
let csrfToken = null;
// Counts sign-ins and sign-outs. A 401 answering a request sent under an earlier session (the old
// session's stream closing while the next user signs in) must not sign the new user out.
let sessionEpoch = 0;
let onSessionEnded = () => {};

export function setCsrfToken(token) { csrfToken = token; sessionEpoch++; }
export function whenSessionEnds(fn) { onSessionEnded = fn; }

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || String(status));
    this.status = status;
    this.code = code;
  }
}

/** `background: true` for requests the console makes by itself, so they do not reset the idle timer. */
export async function api(path, { method = 'GET', body, background = false } = {}) {
  const epoch = sessionEpoch;
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (background) headers['X-Staff-Background'] = '1';
  const res = await fetch(`/api/staff${path}`, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return null;
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = new ApiError(res.status, data.error && data.error.code, data.error && data.error.message);
    if (res.status === 401 && path !== '/login' && epoch === sessionEpoch) onSessionEnded();
    throw err;
  }
  return data;
}
