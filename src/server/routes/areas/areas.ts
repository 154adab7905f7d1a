import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import * as areas from '../../services/areas.ts';
import { Code, Obj, PageOf, PageQuery, Text, Version } from '../schemas.ts';

const Names = Type.Record(Type.String({ pattern: '^[a-z]{2,3}$' }), Text(200, 1), {
  maxProperties: 30,
});
const Area = Type.Object({
  code: Type.String(),
  level: Type.Integer(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  defaultName: Type.String(),
  names: Type.Record(Type.String(), Type.String()),
  hasGeometry: Type.Boolean(),
  version: Type.Integer(),
});
const AreaDetail = Type.Intersect([
  Area,
  Type.Object({ geometry: Type.Optional(Type.Unknown()), ancestors: Type.Array(Type.String()) }),
]);
// A polygon is validated for shape in the service; here only its size is bounded by the body limit.
const Geometry = Type.Union([
  Type.Null(),
  Type.Object(
    { type: Type.String({ maxLength: 20 }), coordinates: Type.Array(Type.Unknown()) },
    { additionalProperties: false },
  ),
]);
const CreateBody = Obj({
  code: Code,
  level: Type.Integer({ minimum: 1, maximum: 10 }),
  parentCode: Type.Union([Code, Type.Null()]),
  defaultName: Text(200, 1),
  names: Names,
  geometry: Type.Optional(Geometry),
});
const UpdateBody = Obj({
  version: Version,
  defaultName: Type.Optional(Text(200, 1)),
  names: Type.Optional(Names),
  geometry: Type.Optional(Geometry),
});
const ListQuery = Obj({
  ...PageQuery,
  parent: Type.Optional(Type.String({ maxLength: 64 })),
  level: Type.Optional(Type.String({ pattern: '^[0-9]{1,2}$' })),
  q: Type.Optional(Text(100)),
});
const CodeParams = Obj({ code: Code });

/** The administrative area hierarchy (reference data). */
export async function areaRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['areas'];

  app.get(
    '/areas',
    {
      schema: {
        tags,
        summary: 'Areas by parent, level or name',
        querystring: ListQuery,
        response: { 200: PageOf(Area) },
      },
    },
    async (request) => areas.listAreas(request.ctx, request.query),
  );

  app.post(
    '/areas',
    {
      schema: { tags, summary: 'Add an area', body: CreateBody, response: { 201: Area } },
    },
    async (request, reply) =>
      reply.code(201).send(await areas.createArea(request.ctx, request.body)),
  );

  app.get(
    '/areas/:code',
    {
      schema: {
        tags,
        summary: 'One area with its outline and ancestors',
        params: CodeParams,
        querystring: Obj({
          geometry: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
        }),
        response: { 200: AreaDetail },
      },
    },
    async (request) =>
      areas.getArea(request.ctx, request.params.code, {
        geometry: request.query.geometry !== 'false',
      }),
  );

  app.patch(
    '/areas/:code',
    {
      schema: {
        tags,
        summary: 'Rename an area or replace its outline',
        params: CodeParams,
        body: UpdateBody,
        response: { 200: Area },
      },
    },
    async (request) => areas.updateArea(request.ctx, request.params.code, request.body),
  );
}
