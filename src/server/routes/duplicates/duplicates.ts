import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import * as duplicates from '../../services/duplicates.ts';
import { knownTo } from '../../services/duplicatesKnownTo.ts';
import { IdParams, PageOf } from '../schemas.ts';
import {
  DecisionBody,
  DuplicatePair,
  KnownTo,
  MergeBody,
  PairListQuery,
} from './duplicates.schema.ts';

/** Duplicate review (merge, unmerge, not the same person) and "possibly known to" (issue #6). */
export async function duplicateRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['duplicates'];

  app.get(
    '/duplicates',
    {
      schema: {
        tags,
        summary: 'Candidate duplicate persons across agencies, highest score first',
        querystring: PairListQuery,
        response: { 200: PageOf(DuplicatePair) },
      },
    },
    async (request) => duplicates.listPairs(request.ctx, request.query),
  );

  app.get(
    '/duplicates/:id',
    {
      schema: {
        tags,
        summary: 'One candidate pair, side by side, with the explanation of its score',
        params: IdParams,
        response: { 200: DuplicatePair },
      },
    },
    async (request) => duplicates.getPair(request.ctx, request.params.id),
  );

  app.post(
    '/duplicates/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge the pair into the person kept (history kept; unmerge restores it)',
        params: IdParams,
        body: MergeBody,
        response: { 200: DuplicatePair },
      },
    },
    async (request) => duplicates.mergePair(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/duplicates/:id/unmerge',
    {
      schema: {
        tags,
        summary: 'Undo the merge of the pair exactly',
        params: IdParams,
        body: DecisionBody,
        response: { 200: DuplicatePair },
      },
    },
    async (request) => duplicates.unmergePair(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/duplicates/:id/distinct',
    {
      schema: {
        tags,
        summary: 'Not the same person: the pair is never proposed again',
        params: IdParams,
        body: DecisionBody,
        response: { 200: DuplicatePair },
      },
    },
    async (request) => duplicates.markDistinct(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/cases/:id/known-to',
    {
      schema: {
        tags,
        summary: 'Possibly known to: other agency types with cases of this person, and counts only',
        params: IdParams,
        response: { 200: KnownTo },
      },
    },
    async (request) => ({ items: await knownTo(request.ctx, request.params.id) }),
  );
}
