import { Type } from 'typebox';
import { Code, Enum, Obj, Text } from '../schemas.ts';

export const PersonSearchQuery = Obj({
  q: Text(100, 2),
  sex: Type.Optional(Enum(['female', 'male', 'other', 'unknown'] as const)),
  age: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })),
  area: Type.Optional(Code),
});

/** One field's part in a score: agree, partly agree, disagree or missing, and its weight in bits. */
export const MatchReason = Type.Object({
  field: Type.String(),
  outcome: Type.Union([
    Type.Literal('agree'),
    Type.Literal('partial'),
    Type.Literal('disagree'),
    Type.Literal('missing'),
  ]),
  weight: Type.Number(),
});

export const PersonMatch = Type.Object({
  id: Type.String(),
  givenName: Type.String(),
  familyName: Type.String(),
  sex: Type.String(),
  age: Type.Union([Type.Integer(), Type.Null()]),
  areaCode: Type.Union([Type.String(), Type.Null()]),
  caseCount: Type.Integer(),
  score: Type.Number({ description: 'Match probability under the linkage model (0–1)' }),
  weight: Type.Number({ description: 'Fellegi–Sunter weight in bits' }),
  reasons: Type.Array(MatchReason),
});
