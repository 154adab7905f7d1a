import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import * as persons from '../../services/persons.ts';
import { PersonMatch, PersonSearchQuery } from './persons.schema.ts';

/** Search before create, ranked by the linkage engine (issue #6). */
export async function personRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/persons',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Search before create: your agency’s persons ranked by the linkage engine (any script), with the reasons',
        querystring: PersonSearchQuery,
        response: { 200: Type.Object({ items: Type.Array(PersonMatch) }) },
      },
    },
    async (request) => ({ items: await persons.searchPersons(request.ctx, request.query) }),
  );
}
