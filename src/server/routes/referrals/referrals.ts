import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  REFERRAL_OUTCOMES,
  REFERRAL_STATES,
  type ReferralAction,
  SHARE_LEVELS,
  SHAREABLE_FIELDS,
} from '../../../core/index.ts';
import { actOnReferral } from '../../services/referralActions.ts';
import { REFERRAL_GROUPINGS, referralDelays } from '../../services/referralMetrics.ts';
import * as referrals from '../../services/referrals.ts';
import {
  DateText,
  Enum,
  Id,
  IdParams,
  Nullable,
  Obj,
  PageOf,
  PageQuery,
  Text,
  Version,
} from '../schemas.ts';

const Named = Type.Object({ id: Type.String(), name: Type.String() });
const summaryFields = {
  id: Type.String(),
  number: Type.String(),
  state: Type.String(),
  side: Type.String(),
  service: Type.Object({ id: Type.String(), name: Type.String(), type: Type.String() }),
  fromAgency: Named,
  toAgency: Named,
  caseId: Nullable(Type.String()),
  shareLevel: Type.String(),
  sharedFields: Type.Array(Type.String()),
  consent: Type.String(),
  assignedTo: Nullable(Type.String()),
  declineReason: Nullable(Type.String()),
  infoRequest: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  outcomeNote: Nullable(Type.String()),
  feedback: Nullable(Type.String()),
  sentAt: Type.String(),
  acceptedAt: Nullable(Type.String()),
  declinedAt: Nullable(Type.String()),
  infoRequestedAt: Nullable(Type.String()),
  serviceStartedAt: Nullable(Type.String()),
  completedAt: Nullable(Type.String()),
  cancelledAt: Nullable(Type.String()),
  acceptDueAt: Type.String(),
  serviceDueAt: Nullable(Type.String()),
  overdue: Type.Boolean(),
  version: Type.Integer(),
  actions: Type.Array(Type.String()),
};
const ReferralSummary = Type.Object(summaryFields);
const ReferralView = Type.Object({
  ...summaryFields,
  reason: Type.String(),
  events: Type.Array(
    Type.Object({
      at: Type.String(),
      type: Type.String(),
      actorUsername: Nullable(Type.String()),
      details: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
  shared: Nullable(Type.Record(Type.String(), Type.Unknown())),
});

const NewReferralBody = Obj({
  serviceId: Id,
  shareLevel: Enum(SHARE_LEVELS),
  fields: Type.Optional(Type.Array(Enum(SHAREABLE_FIELDS), { maxItems: SHAREABLE_FIELDS.length })),
  reason: Text(2000, 1),
  consentOverride: Type.Optional(Text(2000)),
  idempotencyKey: Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }),
});

const ActionBody = Type.Union([
  Obj({ type: Type.Literal('accept'), version: Version, assignedUserId: Type.Optional(Id) }),
  Obj({ type: Type.Literal('decline'), version: Version, reason: Text(2000, 1) }),
  Obj({ type: Type.Literal('request_info'), version: Version, question: Text(2000, 1) }),
  Obj({ type: Type.Literal('provide_info'), version: Version, answer: Text(2000, 1) }),
  Obj({ type: Type.Literal('start_service'), version: Version }),
  Obj({
    type: Type.Literal('complete'),
    version: Version,
    outcome: Enum(REFERRAL_OUTCOMES),
    feedback: Text(2000, 1),
  }),
  Obj({ type: Type.Literal('cancel'), version: Version, reason: Text(2000, 1) }),
]);

const ListQuery = Obj({
  ...PageQuery,
  box: Enum(['sent', 'received'] as const),
  state: Type.Optional(Enum(REFERRAL_STATES)),
  overdue: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  caseId: Type.Optional(Id),
});

const Summary = Type.Object({
  n: Type.Integer(),
  medianHours: Nullable(Type.Number()),
  p90Hours: Nullable(Type.Number()),
  withinTargetPct: Nullable(Type.Number()),
});
const DelayGroup = Type.Object({
  key: Type.String(),
  label: Type.String(),
  withheld: Type.Boolean(),
  toFirstReferral: Summary,
  toAcceptance: Summary,
  toFirstService: Summary,
});
const DelaysQuery = Obj({
  from: Type.Optional(DateText),
  to: Type.Optional(DateText),
  groupBy: Type.Optional(Enum(REFERRAL_GROUPINGS)),
});
const Delays = Type.Object({
  from: Type.String(),
  to: Type.String(),
  groupBy: Type.String(),
  overall: DelayGroup,
  groups: Type.Array(DelayGroup),
  recent: Type.Array(
    Type.Object({
      referralId: Type.String(),
      number: Type.String(),
      caseReference: Nullable(Type.String()),
      serviceType: Type.String(),
      state: Type.String(),
      toFirstReferralHours: Nullable(Type.Number()),
      toAcceptanceHours: Nullable(Type.Number()),
      toFirstServiceHours: Nullable(Type.Number()),
    }),
  ),
  minimumCell: Type.Integer(),
});

/** Referrals from a case to an agency's service queue, and their life (issue #4). */
export async function referralRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['referrals'];

  app.post(
    '/cases/:id/referrals',
    {
      schema: {
        tags,
        summary:
          'Refer the case to a service: consent for sharing is checked (or a justification given), only the chosen fields are shared; the same idempotency key returns the first referral',
        params: IdParams,
        body: NewReferralBody,
        response: { 200: ReferralView, 201: ReferralView },
      },
    },
    async (request, reply) => {
      const result = await referrals.createReferral(request.ctx, request.params.id, request.body);
      return reply.code(result.created ? 201 : 200).send(result.referral);
    },
  );

  app.get(
    '/referrals',
    {
      schema: {
        tags,
        summary: 'Your agency’s referrals: received (its queue) or sent',
        querystring: ListQuery,
        response: { 200: PageOf(ReferralSummary) },
      },
    },
    async (request) => referrals.listReferrals(request.ctx, request.query),
  );

  app.get(
    '/referrals/:id',
    {
      schema: {
        tags,
        summary: 'One referral; the receiving agency sees only the fields it shares (audited)',
        params: IdParams,
        response: { 200: ReferralView },
      },
    },
    async (request) => referrals.getReferral(request.ctx, request.params.id),
  );

  app.get(
    '/stats/referral-delays',
    {
      schema: {
        tags,
        summary:
          'Time to referral: identification → first referral, → acceptance, → first service (median, 90th percentile, % within target), by agency, service type, area or month',
        querystring: DelaysQuery,
        response: { 200: Delays },
      },
    },
    async (request) => referralDelays(request.ctx, request.query),
  );

  app.post(
    '/referrals/:id/actions',
    {
      schema: {
        tags,
        summary:
          'Accept, decline, ask for information, start or complete the service (receiver); answer or cancel (referrer)',
        params: IdParams,
        body: ActionBody,
        response: { 200: ReferralView },
      },
    },
    async (request) =>
      actOnReferral(
        request.ctx,
        request.params.id,
        request.body as ReferralAction & { version: number; assignedUserId?: string },
      ),
  );
}
