import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import * as agencies from '../../services/agencies.ts';
import { Code, IdParams, Obj, PageOf, PageQuery, Text, Version } from '../schemas.ts';

const AgencyType = Type.Union(agencies.AGENCY_TYPES.map((t) => Type.Literal(t)));
const Agency = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  type: Type.String(),
  areaCodes: Type.Array(Type.String()),
  disabled: Type.Boolean(),
  version: Type.Integer(),
});
const Areas = Type.Array(Code, { maxItems: 2000 });
const CreateBody = Obj({ code: Code, name: Text(200, 1), type: AgencyType, areaCodes: Areas });
const UpdateBody = Obj({
  version: Version,
  name: Type.Optional(Text(200, 1)),
  type: Type.Optional(AgencyType),
  areaCodes: Type.Optional(Areas),
  disabled: Type.Optional(Type.Boolean()),
});
const ListQuery = Obj({
  ...PageQuery,
  q: Type.Optional(Text(100)),
  type: Type.Optional(AgencyType),
});

/** The agencies of the node and the areas they serve. */
export async function agencyRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['agencies'];

  app.get(
    '/agencies',
    {
      schema: {
        tags,
        summary: 'The agency directory',
        querystring: ListQuery,
        response: { 200: PageOf(Agency) },
      },
    },
    async (request) => agencies.listAgencies(request.ctx, request.query),
  );

  app.post(
    '/agencies',
    {
      schema: { tags, summary: 'Create an agency', body: CreateBody, response: { 201: Agency } },
    },
    async (request, reply) =>
      reply.code(201).send(await agencies.createAgency(request.ctx, request.body)),
  );

  app.get(
    '/agencies/:id',
    {
      schema: { tags, summary: 'One agency', params: IdParams, response: { 200: Agency } },
    },
    async (request) => agencies.getAgency(request.ctx, request.params.id),
  );

  app.patch(
    '/agencies/:id',
    {
      schema: {
        tags,
        summary: 'Change an agency',
        params: IdParams,
        body: UpdateBody,
        response: { 200: Agency },
      },
    },
    async (request) => agencies.updateAgency(request.ctx, request.params.id, request.body),
  );
}
