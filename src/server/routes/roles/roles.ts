import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { PERMISSIONS } from '../../../core/index.ts';
import * as roles from '../../services/roles.ts';
import { Code, IdParams, NoContent, Obj, Text, Version } from '../schemas.ts';

const Role = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  permissions: Type.Array(Type.String()),
  requireMfa: Type.Boolean(),
  userCount: Type.Integer(),
  version: Type.Integer(),
});
const Permissions = Type.Array(Text(64, 1), { maxItems: PERMISSIONS.length + 10 });
const CreateBody = Obj({
  id: Code,
  name: Text(200, 1),
  description: Text(1000),
  permissions: Permissions,
  requireMfa: Type.Boolean(),
});
const UpdateBody = Obj({
  version: Version,
  name: Type.Optional(Text(200, 1)),
  description: Type.Optional(Text(1000)),
  permissions: Type.Optional(Permissions),
  requireMfa: Type.Optional(Type.Boolean()),
});

/** Roles: named permission sets that administrators edit. */
export async function roleRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['roles'];

  app.get(
    '/roles',
    {
      schema: {
        tags,
        summary: 'All roles and their permissions',
        response: { 200: Type.Object({ items: Type.Array(Role) }) },
      },
    },
    async (request) => ({ items: await roles.listRoles(request.ctx) }),
  );

  app.post(
    '/roles',
    {
      schema: { tags, summary: 'Create a role', body: CreateBody, response: { 201: Role } },
    },
    async (request, reply) =>
      reply.code(201).send(await roles.createRole(request.ctx, request.body)),
  );

  app.patch(
    '/roles/:id',
    {
      schema: {
        tags,
        summary: 'Change a role',
        params: IdParams,
        body: UpdateBody,
        response: { 200: Role },
      },
    },
    async (request) => roles.updateRole(request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/roles/:id',
    {
      schema: {
        tags,
        summary: 'Delete a role nobody holds',
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await roles.deleteRole(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
