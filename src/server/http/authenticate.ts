import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorFromUser } from '../auth/actors.ts';
import { secretEquals } from '../auth/secrets.ts';
import { resolveSession, SESSION_COOKIE, type SessionInfo } from '../auth/sessions.ts';
import type { Actor, Ctx, Deps } from '../context.ts';
import { resolveToken } from '../services/tokens.ts';
import { ProblemError } from './problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionInfo | null;
    ctx: Ctx;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (sign-in itself, health, docs). */
    public?: boolean;
    /** Reachable while the session waits for a second factor. */
    mfaPending?: boolean;
    /** Reachable before a forced password change or MFA enrolment is done. */
    allowRestricted?: boolean;
    /** Takes the request body as raw bytes (file uploads) rather than JSON. */
    rawBody?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Refuses a body sent to a route that takes none, rather than silently ignoring it. */
export async function refuseUnexpectedBody(request: FastifyRequest): Promise<void> {
  if (request.is404) return;
  if (request.routeOptions.config.rawBody) return;
  if (request.body !== undefined && request.body !== null && !request.routeOptions.schema?.body) {
    throw new ProblemError(400, 'unexpected_body');
  }
}

/**
 * Works out who is calling (session cookie or bearer token), enforces CSRF on
 * cookie-authenticated writes, and refuses what the route does not allow.
 */
export function authenticate(deps: Deps) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    request.actor = null;
    request.session = null;
    request.ctx = { deps, actor: null, requestId: request.id, ip: request.ip };
    const config = request.routeOptions.config;
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      const token = await resolveToken(request.ctx, authorization.slice(7).trim());
      if (!token) throw new ProblemError(401, 'unauthenticated');
      const actor = await actorFromUser(deps, token.user, 'token', token.scopes);
      if (!actor) throw new ProblemError(401, 'unauthenticated');
      actor.tokenId = token.tokenId;
      request.actor = actor;
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      const session = cookie
        ? await resolveSession(deps, cookie, { fresh: UNSAFE.has(request.method) })
        : null;
      if (session) {
        if (UNSAFE.has(request.method)) {
          const sent = request.headers['x-csrf-token'];
          if (typeof sent !== 'string' || !secretEquals(sent, session.csrfToken)) {
            throw new ProblemError(403, 'csrf_failed');
          }
        }
        request.session = session;
        if (!session.mfaPending) {
          const actor = await actorFromUser(deps, session.user, 'session');
          if (actor) {
            actor.sessionIdHash = session.idHash;
            request.actor = actor;
          }
        }
      }
    }
    request.ctx.actor = request.actor;
    if (config.public) return;
    if (request.session?.mfaPending && config.mfaPending) return;
    if (!request.actor) {
      throw new ProblemError(401, request.session?.mfaPending ? 'mfa_required' : 'unauthenticated');
    }
    const restriction = request.actor.restrictions[0];
    if (restriction && !config.allowRestricted) {
      throw new ProblemError(
        403,
        'restricted_session',
        {},
        { restriction },
        `restricted_session_${restriction}`,
      );
    }
  };
}
