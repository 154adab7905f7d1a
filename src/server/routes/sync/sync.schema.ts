import { type TSchema, Type } from 'typebox';
import { RISK_LEVELS } from '../../../core/index.ts';
import { CaseIntakeBody, NewPerson } from '../cases/cases.schema.ts';
import { Code, DateText, Enum, Id, Nullable, Obj, PageQuery, Text, Version } from '../schemas.ts';

/** A client-made UUID (devices, mutations, records created offline). */
export const Uuid = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
});
const Edit = <T extends TSchema>(value: T) =>
  Obj({ value, baseVersion: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })) });

/** Offline-editable fields with the version each change was based on (docs/sync.md). */
export const FieldsBody = Obj({
  version: Version,
  fields: Obj({
    'person.givenName': Type.Optional(Edit(Text(200, 1))),
    'person.familyName': Type.Optional(Edit(Text(200))),
    'person.sex': Type.Optional(Edit(Enum(['female', 'male', 'other', 'unknown'] as const))),
    'person.birthDate': Type.Optional(Edit(Nullable(DateText))),
    'person.estimatedAge': Type.Optional(
      Edit(Nullable(Type.Integer({ minimum: 0, maximum: 120 }))),
    ),
    'person.areaCode': Type.Optional(Edit(Nullable(Code))),
    'case.riskLevel': Type.Optional(Edit(Enum(RISK_LEVELS))),
  }),
});

export const ConflictView = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  entity: Type.String(),
  entityId: Type.String(),
  field: Type.String(),
  baseVersion: Nullable(Type.Integer()),
  serverVersion: Type.Integer(),
  serverValue: Type.Unknown(),
  deviceValue: Type.Unknown(),
  deviceId: Nullable(Type.String()),
  createdAt: Type.String(),
  resolvedAt: Nullable(Type.String()),
  resolution: Type.Unknown(),
});

export const FieldsOutcome = Type.Object({
  caseId: Type.String(),
  version: Type.Integer(),
  applied: Type.Array(Type.String()),
  unchanged: Type.Array(Type.String()),
  conflicts: Type.Array(ConflictView),
  fieldVersions: Type.Record(Type.String(), Type.Integer()),
});

/** Payloads of the mutation kinds: what the matching online route takes. */
export const MUTATION_PAYLOADS = {
  'case.open': Obj({
    ...CaseIntakeBody.properties,
    id: Type.Optional(Uuid),
    person: Type.Union([
      Obj({ personId: Type.String({ minLength: 1, maxLength: 36 }) }),
      Obj({ ...NewPerson.properties, id: Type.Optional(Uuid) }),
    ]),
  }),
  'case.fields': FieldsBody,
  'case.note': Obj({ text: Text(10_000, 1), sensitive: Type.Boolean() }),
  // The screening body is checked by the route's ScreeningBody (imported where used).
} as const;

export const MUTATION_KINDS = ['case.open', 'case.fields', 'case.note', 'case.screening'] as const;

export const PushBody = Obj({
  deviceId: Uuid,
  mutations: Type.Array(
    Obj({
      mutationId: Uuid,
      kind: Enum(MUTATION_KINDS),
      caseId: Type.Optional(Id),
      payload: Type.Unknown(),
    }),
    { minItems: 1, maxItems: 100 },
  ),
});

export const PushResult = Type.Object({
  results: Type.Array(
    Type.Object({
      mutationId: Type.String(),
      status: Type.String({ description: 'applied, duplicate, conflict or rejected' }),
      result: Type.Optional(Type.Unknown()),
      conflicts: Type.Optional(Type.Array(ConflictView)),
      problem: Type.Optional(
        Type.Object({ status: Type.Integer(), code: Type.String(), message: Type.String() }),
      ),
    }),
  ),
});

export const PullQuery = Obj({ deviceId: Uuid, ...PageQuery });
export const DeviceQuery = Obj({ deviceId: Uuid });

export const PullPage = Type.Object({
  changes: Type.Array(
    Type.Object({
      entity: Type.String(),
      id: Type.String(),
      version: Type.Integer(),
      record: Type.Unknown(),
    }),
  ),
  revoked: Type.Array(Type.Object({ entity: Type.String(), id: Type.String() })),
  cursor: Type.String(),
  more: Type.Boolean(),
});

export const ReferenceData = Type.Object({
  areas: Type.Array(Type.Unknown()),
  rules: Type.Unknown(),
  serviceTypes: Type.Array(Type.Unknown()),
  editableFields: Type.Array(Type.String()),
  attachments: Type.Object({ maxBytes: Type.Integer(), types: Type.Array(Type.String()) }),
});

export const ConflictQuery = Obj({
  state: Type.Optional(Enum(['open', 'resolved', 'all'] as const)),
});
export const ResolveBody = Obj({
  choice: Enum(['server', 'device', 'value'] as const),
  value: Type.Optional(Nullable(Type.Union([Text(200), Type.Integer()]))),
});

export const DeviceBody = Obj({
  id: Uuid,
  label: Text(200, 1),
  userAgent: Type.Optional(Text(500)),
});
export const DeviceView = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  label: Type.String(),
  userAgent: Nullable(Type.String()),
  registeredAt: Type.String(),
  lastSeenAt: Type.String(),
  revokedAt: Nullable(Type.String()),
});
