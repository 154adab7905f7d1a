import { type Static, Type } from 'typebox';
import {
  type ChildLabourRules,
  FORCED_LABOUR_INDICATORS,
  type ForcedLabourRules,
  type ResponseTargets,
  type TraffickingRules,
} from '../../core/index.ts';

const Names = Type.Record(
  Type.String({ pattern: '^[a-z]{2,3}$' }),
  Type.String({ minLength: 1, maxLength: 200 }),
);
const Code = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });

/** `pack.json`: the manifest of a country pack (docs/country-packs.md). */
export const PackManifest = Type.Object({
  id: Code,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  version: Type.String({ minLength: 1, maxLength: 40 }),
  country: Type.Object({ code: Type.String({ pattern: '^[A-Z]{3}$' }), names: Names }),
  languages: Type.Array(Type.String({ pattern: '^[a-z]{2,3}$' }), { minItems: 1 }),
  defaultLanguage: Type.String({ pattern: '^[a-z]{2,3}$' }),
  areas: Type.Array(
    Type.Object({
      file: Type.String({ maxLength: 200 }),
      level: Type.Integer({ minimum: 1, maximum: 10 }),
      label: Type.Optional(Names),
    }),
  ),
  agencies: Type.Optional(Type.String({ maxLength: 200 })),
  roles: Type.Optional(Type.String({ maxLength: 200 })),
  demoUsers: Type.Optional(Type.String({ maxLength: 200 })),
  rules: Type.Optional(
    Type.Object({
      childLabour: Type.Optional(Type.String({ maxLength: 200 })),
      forcedLabour: Type.Optional(Type.String({ maxLength: 200 })),
      trafficking: Type.Optional(Type.String({ maxLength: 200 })),
      responseTargets: Type.Optional(Type.String({ maxLength: 200 })),
    }),
  ),
  /** Country-specific questions (XLSForm shape, JSON; `npx pathfinder form import` makes them from .xlsx). */
  forms: Type.Optional(
    Type.Object({
      intake: Type.Optional(Type.String({ maxLength: 200 })),
      assessment: Type.Optional(Type.String({ maxLength: 200 })),
    }),
  ),
  /** The service directory: the service-type taxonomy and the organisations, services and locations (HSDS 3.0). */
  services: Type.Optional(
    Type.Object({
      types: Type.Optional(Type.String({ maxLength: 200 })),
      directory: Type.Optional(Type.String({ maxLength: 200 })),
    }),
  ),
  /** Country settings, each `{ value, source, year? }` (docs/country-packs.md "Settings"). */
  settings: Type.Optional(
    Type.Record(
      Type.String(),
      Type.Object({
        value: Type.Unknown(),
        source: Type.String(),
        year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
      }),
    ),
  ),
  attribution: Type.Optional(Type.String({ maxLength: 2000 })),
});

/** Properties of each feature in an area GeoJSON file. */
export const AreaProperties = Type.Object({
  code: Code,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  level: Type.Optional(Type.Integer()),
  parent_code: Type.Union([Code, Type.Null()]),
  names: Type.Optional(Names),
});

export const PackAgencies = Type.Array(
  Type.Object({
    code: Code,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    type: Type.String(),
    areaCodes: Type.Array(Code),
  }),
);

export const PackRoles = Type.Array(
  Type.Object({
    id: Code,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ maxLength: 1000 }),
    permissions: Type.Array(Type.String()),
    requireMfa: Type.Boolean(),
  }),
);

export const PackDemoUsers = Type.Array(
  Type.Object({
    username: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{1,63}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    agency: Code,
    roles: Type.Array(Code),
    areas: Type.Array(Code),
    language: Type.String({ pattern: '^[a-z]{2,3}$' }),
  }),
);

const Hours = Type.Object({
  hours: Type.Number({ minimum: 0, maximum: 168 }),
  comparator: Type.Union([Type.Literal('>='), Type.Literal('>')]),
});
const Source = Type.String({ minLength: 1, maxLength: 2000 });
const Listed = Type.Array(
  Type.Object({
    code: Type.String({ minLength: 1, maxLength: 10, pattern: '^[A-Za-z0-9]+$' }),
    source: Source,
  }),
);

/** `rules/child-labour.json`: SDG 8.7.1 bands and national minimum ages, each with its source. */
export const PackChildLabourRules = Type.Object({
  id: Code,
  version: Type.String({ minLength: 1, maxLength: 40 }),
  sdg: Type.Object({
    source: Source,
    bands: Type.Array(
      Type.Object({
        minAge: Type.Integer({ minimum: 0, maximum: 17 }),
        maxAge: Type.Integer({ minimum: 0, maximum: 17 }),
        economicActivity: Hours,
        householdChores: Type.Union([Hours, Type.Null()]),
      }),
      { minItems: 1 },
    ),
  }),
  national: Type.Object({
    minimumAge: Type.Integer({ minimum: 0, maximum: 18 }),
    lightWork: Type.Union([
      Type.Object({
        minAge: Type.Integer({ minimum: 0, maximum: 18 }),
        maxHoursPerWeek: Type.Number({ minimum: 0, maximum: 168 }),
      }),
      Type.Null(),
    ]),
    hazardousMinimumAge: Type.Integer({ minimum: 0, maximum: 18 }),
    source: Source,
  }),
  hazardousIndustries: Listed,
  hazardousOccupations: Listed,
  r190Source: Source,
  c182Source: Source,
});

const Indicator = Type.Union(FORCED_LABOUR_INDICATORS.map((i) => Type.Literal(i)));

/** `rules/forced-labour.json`: questionnaire items (yes = indicator present) and the combination rule. */
export const PackForcedLabourRules = Type.Object({
  id: Code,
  version: Type.String({ minLength: 1, maxLength: 40 }),
  indicatorsSource: Source,
  combination: Type.Object({
    involuntariness: Type.Integer({ minimum: 1 }),
    coercion: Type.Integer({ minimum: 1 }),
    source: Source,
    verified: Type.Boolean(),
  }),
  items: Type.Array(
    Type.Object({
      id: Code,
      indicator: Indicator,
      dimension: Type.Union([Type.Literal('involuntariness'), Type.Literal('coercion')]),
      text: Names,
    }),
    { minItems: 1 },
  ),
});

/** `rules/trafficking.json`. */
export const PackTraffickingRules = Type.Object({
  id: Code,
  version: Type.String({ minLength: 1, maxLength: 40 }),
  childAge: Type.Integer({ minimum: 1, maximum: 21 }),
  source: Source,
});

/** `rules/response-targets.json`: hours to first response by risk level. */
export const PackResponseTargets = Type.Object({
  hours: Type.Object({
    high: Type.Number({ minimum: 0 }),
    medium: Type.Number({ minimum: 0 }),
    low: Type.Number({ minimum: 0 }),
  }),
  source: Source,
});

const TargetHours = Type.Integer({ minimum: 0, maximum: 8760 });

/** `services/types.json`: the protection-service taxonomy, each type with its referral targets and their source. */
export const PackServiceTypes = Type.Object({
  taxonomy: Type.String({ minLength: 1, maxLength: 100 }),
  types: Type.Array(
    Type.Object({
      code: Code,
      names: Names,
      description: Type.String({ maxLength: 2000 }),
      acceptHours: TargetHours,
      firstServiceHours: TargetHours,
      source: Source,
    }),
    { minItems: 1, maxItems: 500 },
  ),
});

// The pack files must fit the types core computes with (a compile-time check).
const _fits = (
  cl: Static<typeof PackChildLabourRules>,
  fl: Static<typeof PackForcedLabourRules>,
  tr: Static<typeof PackTraffickingRules>,
  rt: Static<typeof PackResponseTargets>,
): [ChildLabourRules, ForcedLabourRules, TraffickingRules, ResponseTargets] => [cl, fl, tr, rt];
void _fits;

const LocalText = Type.Record(
  Type.String({ pattern: '^[a-z]{2,3}$' }),
  Type.String({ maxLength: 2000 }),
);

/** `forms/*.json`: a country form's shape (its expressions and references are checked by core's checkForm). */
export const PackForm = Type.Object({
  id: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_.-]{0,63}$' }),
  version: Type.String({ minLength: 1, maxLength: 40 }),
  title: LocalText,
  fields: Type.Array(
    Type.Object({
      type: Type.String({ maxLength: 40 }),
      name: Type.String({ maxLength: 64 }),
      label: LocalText,
      hint: Type.Optional(LocalText),
      required: Type.Optional(Type.Union([Type.Boolean(), Type.String({ maxLength: 2000 })])),
      relevant: Type.Optional(Type.String({ maxLength: 2000 })),
      constraint: Type.Optional(Type.String({ maxLength: 2000 })),
      constraintMessage: Type.Optional(LocalText),
      choices: Type.Optional(
        Type.Array(Type.Object({ name: Type.String({ maxLength: 64 }), label: LocalText }), {
          maxItems: 500,
        }),
      ),
      readOnly: Type.Optional(Type.Boolean()),
    }),
    { maxItems: 300 },
  ),
});
