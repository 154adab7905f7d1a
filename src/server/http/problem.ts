/**
 * An error a caller can act on, sent as RFC 9457 problem+json. `code` is stable
 * (clients and tests match on it); the message comes from the `errors.<code>`
 * entry of the caller's language catalogue, filled with `params`.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Readonly<Record<string, string | number>> = {},
    /** Machine-readable extras, e.g. which fields failed (never personal data). */
    readonly extra: Readonly<Record<string, unknown>> = {},
    /** The catalogue entry of the message when it is more specific than the code. */
    readonly messageKey: string = code,
  ) {
    super(code);
  }
}

export const notFound = (entity: string): ProblemError =>
  new ProblemError(404, 'not_found', { entity });
export const forbidden = (): ProblemError => new ProblemError(403, 'forbidden');
export const conflict = (
  code: string,
  params: Record<string, string | number> = {},
): ProblemError => new ProblemError(409, code, params);
export const badRequest = (
  code: string,
  params: Record<string, string | number> = {},
): ProblemError => new ProblemError(400, code, params);
