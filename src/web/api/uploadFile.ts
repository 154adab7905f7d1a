import { ApiError, failure, NETWORK_ERROR, requestHeaders } from './client.ts';

/** Code of the error an upload ends with when the user cancels it. */
export const UPLOAD_CANCELLED = 'upload_cancelled';

export interface Upload<T> {
  /** The server's answer; rejects with an ApiError (code UPLOAD_CANCELLED when cancelled). */
  done: Promise<T>;
  cancel: () => void;
}

/**
 * POSTs `file` as the raw request body to `path` under /api/v1, with `type` (else
 * the file's own) as Content-Type and the session's CSRF token. XMLHttpRequest,
 * not fetch, because only it reports how much of the body has been sent
 * (`onProgress`, 0 to 1).
 */
export function uploadFile<T>(
  path: string,
  file: Blob,
  options: { type?: string; onProgress: (fraction: number) => void },
): Upload<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open('POST', `/api/v1${path}`);
    const headers = { accept: 'application/json', ...requestHeaders('POST') };
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('content-type', options.type || file.type || 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let payload: unknown = null;
      try {
        payload = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        payload = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(payload as T);
      else reject(failure(xhr.status, payload));
    };
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR, ''));
    xhr.onabort = () => reject(new ApiError(0, UPLOAD_CANCELLED, ''));
    xhr.send(file);
  });
  return { done, cancel: () => xhr.abort() };
}
