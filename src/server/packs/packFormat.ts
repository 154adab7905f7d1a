import { Type } from 'typebox';

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
  settings: Type.Optional(
    Type.Record(Type.String(), Type.Object({ value: Type.Unknown(), source: Type.String() })),
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
