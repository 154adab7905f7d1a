// How the device reaches the API (docs/sync.md "The device"): over fetch, in the browser or in
// Node, giving up on a link that stalls but letting a slow one that moves finish.

/** How the client reaches the API. Throws a SyncHttpError on any failure. */
export interface SyncTransport {
  request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** Sends one part of a file (PATCH, application/offset+octet-stream, Upload-Offset). */
  sendChunk<T>(path: string, offset: number, bytes: Uint8Array<ArrayBuffer>): Promise<T>;
}

/** A failed call: status 0 = the server could not be reached. */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** The server's message, in the user's language, when it sent one. */
    readonly detail = '',
  ) {
    super(`${status} ${code}`);
    this.name = 'SyncHttpError';
  }
}

/**
 * When the device gives up on a request and tries again later: a link that stalls (a dropped
 * 2G bearer, a sleeping radio) must not hold the sync — and every other tab, which waits for
 * it — for good, but a slow link that moves must be let finish, or the same batch or page would
 * fail on every try. So: no answer within `stallMs` plus the time the body takes at
 * `bytesPerSecond` (2 kbit/s: GPRS at its worst), or `stallMs` with no byte of the answer.
 */
export const LINK_LIMITS = { stallMs: 60_000, bytesPerSecond: 250 };

/** A transport over fetch: the browser (same origin, cookie) or Node (base URL, cookie header). */
export function fetchTransport(options: {
  baseUrl?: string;
  headers?: () => Record<string, string>;
  fetch?: typeof fetch;
  /** Overrides LINK_LIMITS (tests). */
  limits?: typeof LINK_LIMITS;
}): SyncTransport {
  const doFetch = options.fetch ?? fetch;
  const limits = options.limits ?? LINK_LIMITS;
  async function call<T>(
    method: string,
    path: string,
    init: RequestInit,
    bodyBytes: number,
  ): Promise<T> {
    const abort = new AbortController();
    let timer = setTimeout(
      () => abort.abort(),
      limits.stallMs + (bodyBytes * 1000) / limits.bytesPerSecond,
    );
    let response: Response;
    let text: string;
    try {
      response = await doFetch(`${options.baseUrl ?? ''}/api/v1${path}`, {
        method,
        credentials: 'same-origin',
        signal: abort.signal,
        ...init,
        headers: { accept: 'application/json', ...(options.headers?.() ?? {}), ...init.headers },
      });
      text = await readAll(response, () => {
        clearTimeout(timer);
        timer = setTimeout(() => abort.abort(), limits.stallMs);
      });
    } catch {
      throw new SyncHttpError(0, 'network_error');
    } finally {
      clearTimeout(timer);
    }
    if (response.status === 204) return null as T;
    // A success that is not ours (a captive portal's page, an empty answer from a proxy) is the
    // network failing; an error's body is only a courtesy.
    let payload: unknown = null;
    try {
      payload = text === '' && !response.ok ? null : JSON.parse(text);
    } catch {
      if (response.ok) throw new SyncHttpError(0, 'network_error');
    }
    if (response.ok) return payload as T;
    const problem = (typeof payload === 'object' && payload !== null ? payload : {}) as {
      code?: unknown;
      title?: unknown;
    };
    const code = problem.code === undefined ? `http_${response.status}` : String(problem.code);
    throw new SyncHttpError(
      response.status,
      code,
      typeof problem.title === 'string' ? problem.title : '',
    );
  }
  return {
    request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
      if (body === undefined) return call<T>(method, path, {}, 0);
      const json = new TextEncoder().encode(JSON.stringify(body));
      return call<T>(
        method,
        path,
        { headers: { 'content-type': 'application/json' }, body: json },
        json.byteLength,
      );
    },
    sendChunk<T>(path: string, offset: number, bytes: Uint8Array<ArrayBuffer>): Promise<T> {
      return call<T>(
        'PATCH',
        path,
        {
          headers: {
            'content-type': 'application/offset+octet-stream',
            'upload-offset': String(offset),
          },
          body: bytes,
        },
        bytes.byteLength,
      );
    },
  };
}

/** The body as text, calling `progress` as each piece arrives (a stall is no piece for a while). */
async function readAll(response: Response, progress: () => void): Promise<string> {
  progress();
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    progress();
    text += decoder.decode(value, { stream: true });
  }
}
