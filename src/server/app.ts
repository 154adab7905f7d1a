import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AdjustableClock } from './clock.ts';
import type { Deps } from './context.ts';
import { pendingMigrations } from './db/migrate.ts';
import { authenticate, refuseUnexpectedBody } from './http/authenticate.ts';
import { renderDocsPage } from './http/docsPage.ts';
import { sendProblem, toProblem } from './http/errors.ts';
import { ProblemError } from './http/problem.ts';
import { registerSecurityHeaders } from './http/securityHeaders.ts';
import { strictJsonParser } from './http/utf8Json.ts';
import { JOBS } from './jobs/allJobs.ts';
import { agencyRoutes } from './routes/agencies/agencies.ts';
import { alertRoutes } from './routes/alerts/alerts.ts';
import { areaRoutes } from './routes/areas/areas.ts';
import { auditRoutes } from './routes/audit/audit.ts';
import { authRoutes } from './routes/auth/auth.ts';
import { attachmentRoutes } from './routes/cases/attachments.ts';
import { caseRecordRoutes } from './routes/cases/caseRecords.ts';
import { caseRoutes } from './routes/cases/cases.ts';
import { caseWorkRoutes } from './routes/cases/caseWork.ts';
import { dashboardRoutes } from './routes/dashboards/dashboards.ts';
import { directoryRoutes } from './routes/directory/directory.ts';
import { duplicateRoutes } from './routes/duplicates/duplicates.ts';
import { metaRoutes } from './routes/meta/meta.ts';
import { notificationRoutes } from './routes/notifications/notifications.ts';
import { personRoutes } from './routes/persons/persons.ts';
import { referralRoutes } from './routes/referrals/referrals.ts';
import { roleRoutes } from './routes/roles/roles.ts';
import { Obj } from './routes/schemas.ts';
import { syncRoutes } from './routes/sync/sync.ts';
import { tokenRoutes } from './routes/tokens/tokens.ts';
import { uploadRoutes } from './routes/uploads/uploads.ts';
import { userRoutes } from './routes/users/users.ts';

declare module 'fastify' {
  interface FastifyInstance {
    pathfinder: Deps;
    /** Every route as registered: the access-matrix and bad-input tests walk this list. */
    pathfinderRoutes: { method: string; url: string }[];
  }
}

export const API_PREFIX = '/api/v1';
const VERSION = '0.1.0';

/** Builds the node's HTTP application over already-open dependencies. */
export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
  });
  app.decorate('pathfinder', deps);
  const routes: { method: string; url: string }[] = [];
  app.decorate('pathfinderRoutes', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url });
    }
  });
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  strictJsonParser(app);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  registerSecurityHeaders(app);
  await app.register(fastifyRateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: () => new ProblemError(429, 'rate_limited'),
  });
  await app.register(fastifyCompress, { global: true, threshold: 1024 });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pathfinder',
        version: VERSION,
        description:
          'Case management, referral and monitoring against child labour, forced labour and human trafficking (SDG 8.7).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'pf_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });

  app.setErrorHandler(async (error, request, reply) => {
    const problem = toProblem(error as Error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, problem);
  });

  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/ready', { schema: { hide: true } }, async (_request, reply) => {
    try {
      const pending = await pendingMigrations(deps.db);
      if (pending.length > 0)
        return reply.code(503).send({ status: 'migrations_pending', pending });
      return { status: 'ready', db: deps.dialect };
    } catch {
      return reply.code(503).send({ status: 'database_unreachable' });
    }
  });

  await app.register(
    async (api) => {
      api.addHook('onRequest', authenticate(deps));
      api.addHook('preValidation', refuseUnexpectedBody);
      await api.register(metaRoutes);
      await api.register(authRoutes);
      await api.register(userRoutes);
      await api.register(agencyRoutes);
      await api.register(roleRoutes);
      await api.register(areaRoutes);
      await api.register(auditRoutes);
      await api.register(tokenRoutes);
      await api.register(personRoutes);
      await api.register(duplicateRoutes);
      await api.register(caseRoutes);
      await api.register(caseRecordRoutes);
      await api.register(caseWorkRoutes);
      await api.register(attachmentRoutes);
      await api.register(directoryRoutes);
      await api.register(notificationRoutes);
      await api.register(referralRoutes);
      await api.register(syncRoutes);
      await api.register(alertRoutes);
      await api.register(dashboardRoutes);
      await api.register(uploadRoutes);
      if (config.env === 'test' && deps.clock instanceof AdjustableClock) {
        await api.register(testRoutes(deps.clock, deps));
      }
      api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
      api.get(
        '/docs',
        { config: { public: true }, schema: { hide: true } },
        async (_request, reply) =>
          reply
            .type('text/html; charset=utf-8')
            .send(renderDocsPage(app.swagger() as never, API_PREFIX)),
      );
      api.setNotFoundHandler((request, reply) =>
        sendProblem(request, reply, new ProblemError(404, 'route_not_found')),
      );
    },
    { prefix: API_PREFIX },
  );

  const web = config.webDir;
  if (existsSync(join(web, 'index.html'))) {
    await app.register(fastifyStatic, { root: web, wildcard: false, index: ['index.html'] });
    // The web app routes on the client: unknown paths get the shell, except the API's.
    app.setNotFoundHandler((request, reply) => {
      if (
        (request.method !== 'GET' && request.method !== 'HEAD') ||
        request.url.startsWith(API_PREFIX)
      ) {
        return sendProblem(request, reply, new ProblemError(404, 'route_not_found'));
      }
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((request, reply) =>
      sendProblem(request, reply, new ProblemError(404, 'route_not_found')),
    );
  }
  return app;
}

/** Only when NODE_ENV=test: lets browser tests move the server's clock. */
function testRoutes(clock: AdjustableClock, deps: Deps) {
  return async (api: FastifyInstance) => {
    // Runs a background job now (end-to-end tests cannot wait for its interval).
    api.post(
      '/test/jobs/:name',
      {
        config: { public: true },
        schema: { hide: true, params: Obj({ name: Type.String({ maxLength: 60 }) }) },
      },
      async (request) => {
        const { name } = request.params as { name: string };
        const job = JOBS.find((j) => j.name === name);
        if (!job) throw new ProblemError(404, 'route_not_found');
        await job.run(deps);
        return { ran: name };
      },
    );
    api.post(
      '/test/clock',
      {
        config: { public: true },
        schema: {
          hide: true,
          body: Obj({
            advanceMs: Type.Optional(Type.Integer()),
            set: Type.Optional(Type.String({ maxLength: 40 })),
            reset: Type.Optional(Type.Boolean()),
          }),
        },
      },
      async (request) => {
        const body = request.body as { advanceMs?: number; set?: string; reset?: boolean };
        if (body.reset) clock.reset();
        if (body.set) clock.set(new Date(body.set));
        if (body.advanceMs) clock.advance(body.advanceMs);
        return { now: clock.now().toISOString() };
      },
    );
  };
}
