/** An RFC 9457 problem as the server sends it; `title` is already translated. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  requestId?: string;
  [extra: string]: unknown;
}

/** A failed API call. `code` is stable (match on it); `title` is for people. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly problem: Problem | null;

  constructor(status: number, code: string, title: string, problem: Problem | null = null) {
    super(`${status} ${code}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.title = title;
    this.problem = problem;
  }
}

/** Code of the error raised when the server cannot be reached at all. */
export const NETWORK_ERROR = 'network_error';

const state: {
  csrf: string | null;
  language: string;
  onUnauthenticated: (() => void) | null;
  onRestricted: (() => void) | null;
} = { csrf: null, language: 'en', onUnauthenticated: null, onRestricted: null };

/** The CSRF token of the current session; changes on each sign-in and second factor. */
export function setCsrfToken(token: string | null): void {
  state.csrf = token;
}

/** Sent as Accept-Language so signed-out errors come back in the interface language. */
export function setRequestLanguage(language: string): void {
  state.language = language;
}

/** Called when the server says the session is gone or restricted. */
export function setSessionHandlers(handlers: {
  onUnauthenticated: () => void;
  onRestricted: () => void;
}): void {
  state.onUnauthenticated = handlers.onUnauthenticated;
  state.onRestricted = handlers.onRestricted;
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).code === 'string' &&
    typeof (value as Problem).title === 'string'
  );
}

/** Query string from the set (non-empty) values only. */
export function query(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Calls the JSON API under /api/v1; throws ApiError on any failure. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...requestHeaders(method),
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, '');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;
  throw failure(response.status, payload);
}

/** The headers every call sends: language, and the CSRF token on writes. */
export function requestHeaders(method: string): Record<string, string> {
  const headers: Record<string, string> = { 'accept-language': state.language };
  if (method !== 'GET' && state.csrf) headers['x-csrf-token'] = state.csrf;
  return headers;
}

/** The ApiError for a failed response's status and parsed body; tells the session when it is gone. */
export function failure(status: number, payload: unknown): ApiError {
  const problem = isProblem(payload) ? payload : null;
  const error = new ApiError(
    status,
    problem?.code ?? `http_${status}`,
    problem?.title ?? '',
    problem,
  );
  if (error.code === 'unauthenticated') state.onUnauthenticated?.();
  if (error.code === 'restricted_session') state.onRestricted?.();
  return error;
}
