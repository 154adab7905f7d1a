import { Type } from 'typebox';
import { Enum, Id, Obj, PageQuery, Version } from '../schemas.ts';

const Outcome = Type.Union([
  Type.Literal('agree'),
  Type.Literal('partial'),
  Type.Literal('disagree'),
  Type.Literal('missing'),
]);

export const PairListQuery = Obj({
  ...PageQuery,
  status: Type.Optional(Enum(['open', 'merged', 'distinct'] as const)),
});

export const PairPerson = Type.Object({
  id: Type.String(),
  givenName: Type.String(),
  familyName: Type.String(),
  sex: Type.String(),
  birthDate: Type.Union([Type.String(), Type.Null()]),
  age: Type.Union([Type.Integer(), Type.Null()]),
  areaCode: Type.Union([Type.String(), Type.Null()]),
  agencyName: Type.String(),
  agencyType: Type.String(),
  caseCount: Type.Integer(),
});

export const DuplicatePair = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('merged'), Type.Literal('distinct')]),
  decision: Type.Union([Type.Literal('match'), Type.Literal('review')]),
  probability: Type.Number(),
  weight: Type.Number({ description: 'Fellegi–Sunter weight in bits (sum of the fields)' }),
  priorWeight: Type.Number({ description: 'log2 of the prior odds of a match' }),
  foundBy: Type.Union([Type.Literal('write'), Type.Literal('pass')]),
  foundAt: Type.String(),
  version: Type.Integer(),
  a: PairPerson,
  b: PairPerson,
  fields: Type.Array(
    Type.Object({
      field: Type.String(),
      outcome: Outcome,
      level: Type.String(),
      weight: Type.Number(),
      left: Type.String(),
      right: Type.String(),
    }),
  ),
  mergeId: Type.Union([Type.String(), Type.Null()]),
  keptId: Type.Union([Type.String(), Type.Null()]),
});

export const MergeBody = Obj({ keepId: Id, version: Version });
export const DecisionBody = Obj({ version: Version });

export const KnownTo = Type.Object({
  items: Type.Array(Type.Object({ agencyType: Type.String(), cases: Type.Integer() })),
});
