import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CATALOGUES, parseAcceptLanguage, translate } from '../../core/index.ts';
import { ProblemError } from './problem.ts';

/** The caller's languages, best first: their saved preference, then the browser's. */
export function requestLanguages(request: FastifyRequest): string[] {
  const langs = parseAcceptLanguage(request.headers['accept-language']);
  return request.actor ? [request.actor.language, ...langs] : langs;
}

/** Sends an RFC 9457 problem document with a stable code and a message in the caller's language. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: ProblemError,
): FastifyReply {
  const languages = requestLanguages(request);
  const lang = languages.find((l) => CATALOGUES[l]) ?? 'en';
  const title = translate(CATALOGUES, [lang], `errors.${problem.messageKey}`, problem.params);
  return reply
    .code(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('content-language', lang)
    .send({
      type: `urn:pathfinder:problem:${problem.code}`,
      title,
      status: problem.status,
      code: problem.code,
      detail: title,
      instance: request.url.split('?')[0],
      requestId: request.id,
      ...problem.extra,
    });
}

/** Turns anything thrown by a route, a hook or Fastify itself into a problem. */
export function toProblem(error: FastifyError | Error): ProblemError {
  if (error instanceof ProblemError) return error;
  const fe = error as FastifyError;
  if (fe.validation) {
    const errors = fe.validation.slice(0, 20).map((v) => ({
      path: `${fe.validationContext ?? ''}${v.instancePath ?? ''}`,
      message: v.message ?? 'invalid',
    }));
    const detail = errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ');
    return new ProblemError(400, 'validation_failed', { detail }, { errors });
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ProblemError(400, 'malformed_json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ProblemError(413, 'payload_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ProblemError(415, 'unsupported_media_type');
  }
  if (fe.statusCode === 429) return new ProblemError(429, 'rate_limited');
  if (fe.statusCode === 413) return new ProblemError(413, 'payload_too_large');
  if (fe.statusCode === 415) return new ProblemError(415, 'unsupported_media_type');
  if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new ProblemError(
      fe.statusCode,
      fe.statusCode === 404 ? 'route_not_found' : 'validation_failed',
      {
        detail: 'bad request',
      },
    );
  }
  return new ProblemError(500, 'internal');
}
