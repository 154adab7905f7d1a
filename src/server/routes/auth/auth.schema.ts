import { Type } from 'typebox';
import { Language, Obj, Text } from '../schemas.ts';

export const LoginBody = Obj({ username: Text(64, 1), password: Text(1000, 1) });
export const MfaBody = Obj({
  code: Type.Optional(Type.String({ pattern: '^[0-9 ]{6,7}$' })),
  recoveryCode: Type.Optional(Text(40, 1)),
});
export const ChangePasswordBody = Obj({
  currentPassword: Text(1000, 1),
  newPassword: Text(1000, 1),
});
export const TotpConfirmBody = Obj({ code: Type.String({ pattern: '^[0-9 ]{6,7}$' }) });
export const PasswordBody = Obj({ password: Text(1000, 1) });
export const MeUpdateBody = Obj({ language: Language });

export const Me = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  agencyId: Type.String(),
  roleIds: Type.Array(Type.String()),
  permissions: Type.Array(Type.String()),
  areaCodes: Type.Array(Type.String()),
  language: Type.String(),
  totpEnabled: Type.Boolean(),
  restrictions: Type.Array(Type.String()),
});

export const SessionState = Type.Object({
  authenticated: Type.Boolean(),
  mfaPending: Type.Boolean(),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  user: Type.Union([Me, Type.Null()]),
});

export const TotpSetup = Type.Object({
  secret: Type.String(),
  uri: Type.String(),
  qrDataUrl: Type.String(),
});
export const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String()) });
