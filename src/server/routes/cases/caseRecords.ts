import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AGENCY_TYPES } from '../../services/agencies.ts';
import * as records from '../../services/caseRecords.ts';
import { Enum, Id, IdParams, Obj, Text } from '../schemas.ts';

const Note = Type.Object({
  id: Type.String(),
  sensitive: Type.Boolean(),
  text: Type.Union([Type.String(), Type.Null()]),
  authorUsername: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
const Consent = Type.Object({
  id: Type.String(),
  purpose: Type.String(),
  agencyTypes: Type.Array(Type.String()),
  given: Type.Boolean(),
  givenBy: Type.String(),
  recordedAt: Type.String(),
  withdrawnAt: Type.Union([Type.String(), Type.Null()]),
});
const NoteBody = Obj({ text: Text(10_000, 1), sensitive: Type.Boolean() });
/** The body of `POST /cases/:id/consents` (and of a device's `case.consent`). */
export const ConsentBody = Obj({
  purpose: Enum(records.CONSENT_PURPOSES),
  given: Type.Boolean(),
  givenBy: Enum(records.CONSENT_GIVERS),
  agencyTypes: Type.Optional(Type.Array(Enum(AGENCY_TYPES), { maxItems: AGENCY_TYPES.length })),
});
const ConsentParams = Obj({ id: Id, consentId: Id });

/** Notes (with a sensitivity flag) and consent per purpose, on a case. */
export async function caseRecordRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];

  app.get(
    '/cases/:id/notes',
    {
      schema: {
        tags,
        summary: 'The case’s notes (sensitive text only for its author and supervisors)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Note) }) },
      },
    },
    async (request) => ({ items: await records.listNotes(request.ctx, request.params.id) }),
  );

  app.post(
    '/cases/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add a note',
        params: IdParams,
        body: NoteBody,
        response: { 201: Note },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await records.addNote(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/cases/:id/consents',
    {
      schema: {
        tags,
        summary: 'Consent recorded on the case, in force or withdrawn',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Consent) }) },
      },
    },
    async (request) => ({ items: await records.listConsents(request.ctx, request.params.id) }),
  );

  app.post(
    '/cases/:id/consents',
    {
      schema: {
        tags,
        summary: 'Record consent (or its refusal) for a purpose',
        params: IdParams,
        body: ConsentBody,
        response: { 201: Consent },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await records.recordConsent(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/cases/:id/consents/:consentId/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw a consent (kept in the history)',
        params: ConsentParams,
        response: { 200: Consent },
      },
    },
    async (request) =>
      records.withdrawConsent(request.ctx, request.params.id, request.params.consentId),
  );
}
