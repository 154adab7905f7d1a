import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ACTOR_USER_COLUMNS, actorFromUser } from '../../auth/actors.ts';
import { SESSION_COOKIE, type SessionInfo } from '../../auth/sessions.ts';
import type { Actor } from '../../context.ts';
import { ProblemError } from '../../http/problem.ts';
import * as auth from '../../services/auth.ts';
import { setOwnLanguage } from '../../services/users.ts';
import { NoContent } from '../schemas.ts';
import {
  ChangePasswordBody,
  LoginBody,
  Me,
  MeUpdateBody,
  MfaBody,
  PasswordBody,
  RecoveryCodes,
  SessionState,
  TotpConfirmBody,
  TotpSetup,
} from './auth.schema.ts';

function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  session: SessionInfo,
): void {
  const { secureCookies } = request.ctx.deps.config;
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure:
      secureCookies === 'always' || (secureCookies === 'auto' && request.protocol === 'https'),
    path: '/',
    expires: new Date(session.absoluteExpiresAt),
  });
}

function meOf(actor: Actor) {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    agencyId: actor.agencyId,
    roleIds: actor.roleIds,
    permissions: [...actor.permissions].sort(),
    areaCodes: [...actor.areaCodes],
    language: actor.language,
    totpEnabled: actor.totpEnabled,
    restrictions: actor.restrictions,
  };
}

/** What the web app needs after a sign-in step: the session state and, when complete, the user. */
async function signedIn(request: FastifyRequest, result: auth.LoginResult) {
  let user = null;
  if (!result.mfaRequired) {
    const row = await request.ctx.deps.db
      .selectFrom('app_user')
      .select(ACTOR_USER_COLUMNS)
      .where('app_user.id', '=', result.session.userId)
      .executeTakeFirstOrThrow();
    const actor = await actorFromUser(request.ctx.deps, row, 'session');
    user = actor ? meOf(actor) : null;
  }
  return {
    authenticated: !result.mfaRequired,
    mfaPending: result.mfaRequired,
    csrfToken: result.session.csrfToken,
    user,
  };
}

/** Sign-in, second factor, sign-out, own password and own profile. */
export async function authRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['auth'];
  const loginLimit = { max: base.pathfinder.config.loginRateLimitPerMinute, timeWindow: 60_000 };

  app.get(
    '/auth/session',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Who is signed in (for the web app to start)',
        response: { 200: SessionState },
      },
    },
    async (request) => ({
      authenticated: request.actor !== null,
      mfaPending: request.session?.mfaPending ?? false,
      csrfToken: request.session?.csrfToken ?? null,
      user: request.actor ? meOf(request.actor) : null,
    }),
  );

  app.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: loginLimit },
      schema: {
        tags,
        summary: 'Sign in with user name and password',
        body: LoginBody,
        response: { 200: SessionState },
      },
    },
    async (request, reply) => {
      const result = await auth.login(request.ctx, request.body);
      setSessionCookie(request, reply, result.token, result.session);
      return signedIn(request, result);
    },
  );

  app.post(
    '/auth/login/mfa',
    {
      config: { public: true, rateLimit: loginLimit },
      schema: {
        tags,
        summary: 'Second sign-in step: TOTP or recovery code',
        body: MfaBody,
        response: { 200: SessionState },
      },
    },
    async (request, reply) => {
      const pending = request.session;
      if (!pending?.mfaPending) throw new ProblemError(401, 'unauthenticated');
      const result = await auth.completeMfa(request.ctx, pending, request.body);
      setSessionCookie(request, reply, result.token, result.session);
      return signedIn(request, result);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign out (ends the server-side session)',
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      if (request.session) await auth.logout(request.ctx, request.session);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/password',
    {
      config: { allowRestricted: true },
      schema: {
        tags,
        summary: 'Change your own password',
        body: ChangePasswordBody,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await auth.changePassword(request.ctx, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/totp/setup',
    {
      config: { allowRestricted: true },
      schema: {
        tags,
        summary: 'Start two-step verification: secret and QR code',
        response: { 200: TotpSetup },
      },
    },
    async (request) => auth.startTotp(request.ctx),
  );

  app.post(
    '/auth/totp/confirm',
    {
      config: { allowRestricted: true },
      schema: {
        tags,
        summary: 'Confirm two-step verification; returns recovery codes once',
        body: TotpConfirmBody,
        response: { 200: RecoveryCodes },
      },
    },
    async (request) => auth.confirmTotp(request.ctx, request.body),
  );

  app.post(
    '/auth/totp/disable',
    {
      schema: {
        tags,
        summary: 'Turn your own two-step verification off',
        body: PasswordBody,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await auth.disableTotp(request.ctx, request.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { allowRestricted: true },
      schema: { tags, summary: 'Your own profile and permissions', response: { 200: Me } },
    },
    async (request) => meOf(request.actor as Actor),
  );

  app.patch(
    '/me',
    {
      config: { allowRestricted: true },
      schema: {
        tags,
        summary: 'Change your preferred language',
        body: MeUpdateBody,
        response: { 200: Me },
      },
    },
    async (request) => {
      await setOwnLanguage(request.ctx, request.body.language);
      const actor = request.actor as Actor;
      return meOf({ ...actor, language: request.body.language });
    },
  );
}
