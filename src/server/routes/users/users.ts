import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import * as userSignIn from '../../services/userSignIn.ts';
import * as users from '../../services/users.ts';
import { IdParams, NoContent, PageOf } from '../schemas.ts';
import {
  ResetPasswordBody,
  User,
  UserCreateBody,
  UserListQuery,
  UserUpdateBody,
} from './users.schema.ts';

/** Staff accounts: administrators manage them, supervisors see their agency's. */
export async function userRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['users'];

  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'List staff accounts you may see',
        querystring: UserListQuery,
        response: { 200: PageOf(User) },
      },
    },
    async (request) => users.listUsers(request.ctx, request.query),
  );

  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create a staff account',
        body: UserCreateBody,
        response: { 201: User },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await users.createUser(request.ctx, request.body)),
  );

  app.get(
    '/users/:id',
    {
      schema: { tags, summary: 'One staff account', params: IdParams, response: { 200: User } },
    },
    async (request) => users.getUser(request.ctx, request.params.id),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Change, disable or enable a staff account',
        params: IdParams,
        body: UserUpdateBody,
        response: { 200: User },
      },
    },
    async (request) => users.updateUser(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: 'Set a temporary password (to change at next sign-in)',
        params: IdParams,
        body: ResetPasswordBody,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await userSignIn.resetPassword(request.ctx, request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/users/:id/unlock',
    {
      schema: {
        tags,
        summary: 'Lift a sign-in lock',
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await userSignIn.unlockUser(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/users/:id/reset-mfa',
    {
      schema: {
        tags,
        summary: "Remove a user's second factor (lost phone)",
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await userSignIn.resetMfa(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
