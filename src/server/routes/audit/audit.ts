import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { searchAudit } from '../../services/auditSearch.ts';
import { Obj, PageOf, PageQuery, Text } from '../schemas.ts';

const Row = Type.Object({
  id: Type.Integer(),
  seq: Type.Union([Type.Integer(), Type.Null()]),
  at: Type.String(),
  actorUserId: Type.Union([Type.String(), Type.Null()]),
  actorUsername: Type.Union([Type.String(), Type.Null()]),
  actorAgencyId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entity: Type.Union([Type.String(), Type.Null()]),
  entityIds: Type.Array(Type.String()),
  outcome: Type.String(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});
const Query = Obj({
  ...PageQuery,
  actor: Type.Optional(Text(64)),
  action: Type.Optional(Text(100)),
  entityId: Type.Optional(Text(64)),
  outcome: Type.Optional(
    Type.Union([Type.Literal('ok'), Type.Literal('denied'), Type.Literal('failed')]),
  ),
  from: Type.Optional(Text(32)),
  to: Type.Optional(Text(32)),
});

/** Search of the tamper-evident audit log (administrators, auditors). */
export async function auditRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Search the audit log, newest first',
        querystring: Query,
        response: { 200: PageOf(Row) },
      },
    },
    async (request) => searchAudit(request.ctx, request.query),
  );
}
