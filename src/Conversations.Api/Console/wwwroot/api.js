// The operator API over fetch: bearer token from the session, JSON in and out, ProblemDetails turned into ApiError.
import { noteServerDate } from './time.js';

const SESSION_KEY = 'conversations.console.session';

/** The signed-in operator, kept in sessionStorage (one browser tab, gone when it closes). */
export const session = {
  /** { accessToken, expiresAt, operator, tenant } or null. */
  load() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
      return saved && Date.parse(saved.expiresAt) > Date.now() ? saved : null;
    } catch {
      sessionStorage.removeItem(SESSION_KEY);
      return null;
    }
  },
  save(value) {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
  },
  clear() {
    sessionStorage.removeItem(SESSION_KEY);
  },
  get token() {
    return this.load()?.accessToken ?? null;
  },
};

/** A failed API call: the HTTP status and the ProblemDetails body (title, detail) when there is one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || (status ? `The server answered ${status}.` : 'The server cannot be reached.'));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

let onUnauthorized = () => {};

/** What to do when the token is refused (401): the console goes back to the sign-in form. */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/**
 * Calls the API. `body` is sent as JSON (a string as it is with `raw`: a document the admin typed); `anonymous` skips
 * the token and the 401 handling (signing in). Returns the parsed JSON (null for 204); throws ApiError.
 */
export async function api(path, { method = 'GET', body, anonymous = false, raw = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = anonymous ? null : session.token;
  if (token) headers.Authorization = `Bearer ${token}`;

  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined || raw ? body : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, null);
  }
  noteServerDate(response.headers.get('Date'));

  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, json);
    if (response.status === 401 && !anonymous) onUnauthorized(error);
    throw error;
  }
  return json;
}

/** Builds a query string, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
