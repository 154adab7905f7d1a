import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import * as tokens from '../../services/tokens.ts';
import { IdParams, NoContent, Obj, Text } from '../schemas.ts';

const TokenFields = {
  id: Type.String(),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
};
const Token = Type.Object(TokenFields);
const NewToken = Type.Object({ ...TokenFields, token: Type.String() });
const CreateBody = Obj({
  name: Text(200, 1),
  scopes: Type.Array(Text(64, 1), { minItems: 1, maxItems: 30 }),
  expiresInDays: Type.Integer({ minimum: 1, maximum: 3650 }),
});

/** API tokens for machine clients: shown once, stored hashed, scoped, expiring, revocable. */
export async function tokenRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['tokens'];

  app.get(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Your API tokens',
        response: { 200: Type.Object({ items: Type.Array(Token) }) },
      },
    },
    async (request) => ({ items: await tokens.listTokens(request.ctx) }),
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Issue an API token (the secret is shown once)',
        body: CreateBody,
        response: { 201: NewToken },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await tokens.createToken(request.ctx, request.body)),
  );

  app.delete(
    '/tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await tokens.revokeToken(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
