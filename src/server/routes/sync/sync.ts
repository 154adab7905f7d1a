import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { SHARE_LEVELS, SHAREABLE_FIELDS } from '../../../core/index.ts';
import * as devices from '../../services/devices.ts';
import * as sync from '../../services/sync.ts';
import * as syncExchange from '../../services/syncExchange.ts';
import * as merge from '../../services/syncMerge.ts';
import * as syncPush from '../../services/syncPush.ts';
import * as syncReference from '../../services/syncReference.ts';
import { ConsentBody } from '../cases/caseRecords.ts';
import { FollowUpBody, ScreeningBody } from '../cases/cases.schema.ts';
import { Code, Enum, Id, IdParams, Obj, Text } from '../schemas.ts';
import {
  ConflictQuery,
  ConflictView,
  DeviceBody,
  DeviceQuery,
  DeviceView,
  FieldsBody,
  FieldsOutcome,
  MUTATION_KINDS,
  MUTATION_PAYLOADS,
  PullPage as PullPageBase,
  PullQuery as PullQueryBase,
  PushBody as PushBodyBase,
  PushResult,
  ReferenceData,
  ResolveBody,
  Uuid,
} from './sync.schema.ts';

/**
 * `referral.create`: the body of `POST /cases/:id/referrals` (the same rules as
 * NewReferralBody in routes/referrals/referrals.ts); the case is the mutation's
 * `caseId`, or `caseId` in the payload.
 */
const ReferralPayload = Obj({
  caseId: Type.Optional(Id),
  serviceId: Id,
  shareLevel: Enum(SHARE_LEVELS),
  fields: Type.Optional(Type.Array(Enum(SHAREABLE_FIELDS), { maxItems: SHAREABLE_FIELDS.length })),
  reason: Text(2000, 1),
  consentOverride: Type.Optional(Text(2000)),
  idempotencyKey: Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }),
});

const PAYLOADS = {
  ...MUTATION_PAYLOADS,
  'case.screening': ScreeningBody,
  'case.followUp': FollowUpBody,
  'referral.create': ReferralPayload,
  // The device's id, so a consent recorded offline can be withdrawn before it syncs.
  'case.consent': Obj({ ...ConsentBody.properties, id: Type.Optional(Uuid) }),
  'case.consentWithdraw': Obj({ consentId: Id }),
};
const PUSH_KINDS = [
  ...MUTATION_KINDS,
  'case.followUp',
  'referral.create',
  'case.consent',
  'case.consentWithdraw',
] as const;

const PushBody = Obj({
  ...PushBodyBase.properties,
  mutations: Type.Array(
    Obj({
      mutationId: Uuid,
      kind: Enum(PUSH_KINDS),
      caseId: Type.Optional(Id),
      payload: Type.Unknown(),
    }),
    { minItems: 1, maxItems: 100 },
  ),
});

const ExchangeBody = Obj({
  deviceId: Uuid,
  mutations: Type.Array(PushBody.properties.mutations.items, { maxItems: 100 }),
  cursor: PullQueryBase.properties.cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  scope: Type.Optional(Enum(['agency', 'mine'] as const)),
  area: Type.Optional(Code),
});

const PullQuery = Obj({
  ...PullQueryBase.properties,
  scope: Type.Optional(Enum(['agency', 'mine'] as const)),
  area: Type.Optional(Code),
});

const PullPage = Type.Object({
  ...PullPageBase.properties,
  estimate: Type.Optional(
    Type.Object({
      records: Type.Integer({ description: 'records a fresh pull of this scope sends' }),
      warnAbove: Type.Integer({ description: 'PATHFINDER_SYNC_WARN_RECORDS' }),
    }),
  ),
});

const Exchanged = Type.Object({ ...PushResult.properties, ...PullPage.properties });

/** Checks one pushed mutation's payload: a bad one is rejected alone, not the batch. */
function checked(m: {
  mutationId: string;
  kind: (typeof PUSH_KINDS)[number];
  caseId?: string | undefined;
  payload?: unknown;
}): syncPush.Mutation {
  const schema = PAYLOADS[m.kind];
  if (!Value.Check(schema, m.payload)) {
    const first = [...Value.Errors(schema, m.payload)][0];
    const detail = `payload${first?.instancePath ?? ''} ${first?.message ?? 'invalid'}`;
    return { mutationId: m.mutationId, kind: 'invalid', detail };
  }
  if (m.kind === 'case.open')
    return { mutationId: m.mutationId, kind: m.kind, payload: m.payload as never };
  let caseId = m.caseId;
  let payload: unknown = m.payload;
  if (m.kind === 'referral.create') {
    const { caseId: named, ...body } = m.payload as { caseId?: string };
    if (named !== undefined && caseId !== undefined && named !== caseId)
      return {
        mutationId: m.mutationId,
        kind: 'invalid',
        detail: 'caseId differs from payload.caseId',
      };
    caseId ??= named;
    payload = body;
  }
  if (caseId === undefined)
    return { mutationId: m.mutationId, kind: 'invalid', detail: 'caseId missing' };
  return { mutationId: m.mutationId, kind: m.kind, caseId, payload: payload as never };
}

/** Offline sync (docs/sync.md): devices, push, pull, reference data, conflicts. */
export async function syncRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['sync'];

  app.post(
    '/devices',
    {
      schema: {
        tags,
        summary: 'Register this device for offline work (the same id again: the same device)',
        body: DeviceBody,
        response: { 200: DeviceView },
      },
    },
    async (request) => devices.registerDevice(request.ctx, request.body),
  );

  app.get(
    '/devices',
    {
      schema: {
        tags,
        summary: 'My devices',
        response: { 200: Type.Object({ items: Type.Array(DeviceView) }) },
      },
    },
    async (request) => ({ items: await devices.myDevices(request.ctx) }),
  );

  app.get(
    '/users/:id/devices',
    {
      schema: {
        tags,
        summary: 'A user’s devices (administrators)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(DeviceView) }) },
      },
    },
    async (request) => ({ items: await devices.userDevices(request.ctx, request.params.id) }),
  );

  app.post(
    '/devices/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a device: its next sync call is refused with device_revoked',
        params: IdParams,
        response: { 200: DeviceView },
      },
    },
    async (request) => devices.revokeDevice(request.ctx, request.params.id),
  );

  app.patch(
    '/cases/:id/fields',
    {
      schema: {
        tags: ['cases'],
        summary: 'Change person and case fields, merged per field (conflicts kept)',
        params: IdParams,
        body: FieldsBody,
        response: { 200: FieldsOutcome },
      },
    },
    async (request) => merge.changeFields(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/sync/push',
    {
      schema: {
        tags,
        summary: 'Apply a batch of offline mutations, each exactly once',
        body: PushBody,
        response: { 200: PushResult },
      },
    },
    async (request) => ({
      results: await syncPush.push(
        request.ctx,
        request.body.deviceId,
        request.body.mutations.map(checked),
      ),
    }),
  );

  app.get(
    '/sync/pull',
    {
      schema: {
        tags,
        summary:
          'Records in my scope (the agency, my cases, an area) changed after the cursor, and revocations; the first page estimates the download',
        querystring: PullQuery,
        response: { 200: PullPage },
      },
    },
    async (request) => sync.pull(request.ctx, request.query.deviceId, request.query),
  );

  app.post(
    '/sync',
    {
      schema: {
        tags,
        summary:
          'One round trip: apply a batch of offline mutations (as /sync/push), then answer the pull page after them (as /sync/pull)',
        body: ExchangeBody,
        response: { 200: Exchanged },
      },
    },
    async (request) => {
      const { deviceId, mutations, limit, ...pull } = request.body;
      return syncExchange.exchange(request.ctx, deviceId, mutations.map(checked), {
        ...pull,
        ...(limit === undefined ? {} : { limit: String(limit) }),
      });
    },
  );

  app.get(
    '/sync/reference',
    {
      schema: {
        tags,
        summary: 'Areas, screening rules and forms, service types for a first sync',
        querystring: DeviceQuery,
        response: { 200: ReferenceData },
      },
    },
    async (request) => syncReference.reference(request.ctx, request.query.deviceId),
  );

  app.get(
    '/sync/conflicts',
    {
      schema: {
        tags,
        summary: 'My agency’s sync conflicts (open by default)',
        querystring: ConflictQuery,
        response: { 200: Type.Object({ items: Type.Array(ConflictView) }) },
      },
    },
    async (request) => ({ items: await merge.listConflicts(request.ctx, request.query.state) }),
  );

  app.post(
    '/sync/conflicts/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve a conflict: keep the server value, take the device’s, or a new one',
        params: IdParams,
        body: ResolveBody,
        response: { 200: ConflictView },
      },
    },
    async (request) => merge.resolveConflict(request.ctx, request.params.id, request.body),
  );
}
