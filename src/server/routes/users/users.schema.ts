import { Type } from 'typebox';
import { Code, Id, Language, Obj, PageQuery, Text, Version } from '../schemas.ts';

export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  agencyId: Type.String(),
  roleIds: Type.Array(Type.String()),
  areaCodes: Type.Array(Type.String()),
  language: Type.String(),
  disabled: Type.Boolean(),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  totpEnabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const Email = Type.Union([
  Type.String({ maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' }),
  Type.Null(),
]);
const Fields = {
  displayName: Text(200, 1),
  email: Type.Optional(Email),
  agencyId: Id,
  roleIds: Type.Array(Code, { maxItems: 20 }),
  areaCodes: Type.Array(Code, { maxItems: 2000 }),
  language: Language,
};

export const UserCreateBody = Obj({
  username: Text(64, 2),
  password: Text(1000, 1),
  mustChangePassword: Type.Optional(Type.Boolean()),
  ...Fields,
});

export const UserUpdateBody = Obj({
  version: Version,
  displayName: Type.Optional(Fields.displayName),
  email: Type.Optional(Email),
  agencyId: Type.Optional(Id),
  roleIds: Type.Optional(Fields.roleIds),
  areaCodes: Type.Optional(Fields.areaCodes),
  language: Type.Optional(Language),
  disabled: Type.Optional(Type.Boolean()),
});

export const UserListQuery = Obj({
  ...PageQuery,
  q: Type.Optional(Text(100)),
  agencyId: Type.Optional(Id),
});
export const ResetPasswordBody = Obj({ password: Text(1000, 1) });
