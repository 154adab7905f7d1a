import type { ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../../services/access.ts';
import * as inbox from '../../services/inbox.ts';
import { IdParams, Obj, PageQuery } from '../schemas.ts';

const Notification = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  link: Type.String(),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
  deliveries: Type.Array(
    Type.Object({ channel: Type.String(), state: Type.String(), attempts: Type.Integer() }),
  ),
});
const Unread = Type.Object({ unread: Type.Integer() });
const Preferences = Type.Object({
  email: Type.Boolean(),
  sms: Type.Boolean(),
  phone: Type.Union([Type.String(), Type.Null()]),
  available: Type.Object({ email: Type.Boolean(), sms: Type.Boolean() }),
  hasEmail: Type.Boolean(),
});
const PreferencesBody = Obj({
  email: Type.Optional(Type.Boolean()),
  sms: Type.Optional(Type.Boolean()),
  phone: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
});

/** How often an open stream re-checks the count (changes made by other processes). */
const STREAM_CHECK_MS = 30_000;

/** The in-app inbox, its live stream (Server-Sent Events), and the user's channels. */
export async function notificationRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notifications'];
  const streams = new Set<ServerResponse>();
  // Open streams would hold a graceful shutdown forever: end them first.
  app.addHook('preClose', async () => {
    for (const raw of streams) raw.end();
  });

  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'Your notifications, newest first, with the unread count',
        querystring: Obj({
          ...PageQuery,
          unread: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Notification),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
            unread: Type.Integer(),
          }),
        },
      },
    },
    async (request) => inbox.listNotifications(request.ctx, request.query),
  );

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one notification read',
        params: IdParams,
        response: { 200: Unread },
      },
    },
    async (request) => inbox.markRead(request.ctx, request.params.id),
  );

  app.post(
    '/notifications/read-all',
    { schema: { tags, summary: 'Mark all your notifications read', response: { 200: Unread } } },
    async (request) => inbox.markRead(request.ctx),
  );

  app.get(
    '/notifications/stream',
    {
      schema: {
        tags,
        summary:
          'Server-Sent Events: an `inbox` event with the unread count whenever your inbox changes',
      },
    },
    async (request, reply) => {
      const actor = actorOf(request.ctx);
      const ctx = request.ctx;
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-request-id': request.id,
        connection: 'keep-alive',
      });
      streams.add(raw);
      let last = -1;
      let sending = false;
      // A change signalled while a count is being read must not be lost: send again after.
      let changed = false;
      const send = async (): Promise<void> => {
        if (raw.writableEnded) return;
        if (sending) {
          changed = true;
          return;
        }
        sending = true;
        try {
          do {
            const force = changed || last === -1;
            changed = false;
            const unread = await inbox.unreadCount(ctx, actor.userId);
            if (force || unread !== last) {
              last = unread;
              if (!raw.writableEnded)
                raw.write(`event: inbox\ndata: ${JSON.stringify({ unread })}\n\n`);
            }
          } while (changed);
        } catch {
          // The database is away for a moment: the next check will tell.
        } finally {
          sending = false;
        }
      };
      const unsubscribe = ctx.deps.inbox.subscribe(actor.userId, () => {
        changed = true; // always send after a change, even when the count is the same
        void send();
      });
      const timer = setInterval(() => {
        raw.write(': keep-alive\n\n');
        void send();
      }, STREAM_CHECK_MS);
      raw.on('close', () => {
        clearInterval(timer);
        unsubscribe();
        streams.delete(raw);
      });
      await send();
    },
  );

  app.get(
    '/me/notifications',
    { schema: { tags, summary: 'Your notification channels', response: { 200: Preferences } } },
    async (request) => inbox.preferences(request.ctx),
  );

  app.patch(
    '/me/notifications',
    {
      schema: {
        tags,
        summary: 'Choose email and SMS copies (phone in E.164 form)',
        body: PreferencesBody,
        response: { 200: Preferences },
      },
    },
    async (request) => inbox.setPreferences(request.ctx, request.body),
  );
}
