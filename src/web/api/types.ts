/** Shapes of the API's JSON, as in /api/v1/openapi.json. */

export interface Me {
  id: string;
  username: string;
  displayName: string;
  agencyId: string;
  roleIds: string[];
  permissions: string[];
  areaCodes: string[];
  language: string;
  totpEnabled: boolean;
  restrictions: string[];
}

export interface SessionState {
  authenticated: boolean;
  mfaPending: boolean;
  csrfToken: string | null;
  user: Me | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Meta {
  uiLanguages: string[];
  packLanguages: string[];
  defaultLanguage: string;
  country: string | null;
  packName: string | null;
  permissions: string[];
  agencyTypes: string[];
  /** What a case file may be: its largest size and its media types. */
  attachments: { maxBytes: number; types: string[] };
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  agencyId: string;
  roleIds: string[];
  areaCodes: string[];
  language: string;
  disabled: boolean;
  lockedUntil: string | null;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Agency {
  id: string;
  code: string;
  name: string;
  type: string;
  areaCodes: string[];
  disabled: boolean;
  version: number;
}

export interface Role {
  id: string;
  name: string;
  description: string;
  permissions: string[];
  requireMfa: boolean;
  userCount: number;
  version: number;
}

export interface Area {
  code: string;
  level: number;
  parentCode: string | null;
  name: string;
  defaultName: string;
  names: Record<string, string>;
  hasGeometry: boolean;
  version: number;
}

export interface AreaDetail extends Area {
  ancestors: string[];
}

export interface AuditRow {
  id: number;
  seq: number | null;
  at: string;
  actorUserId: string | null;
  actorUsername: string | null;
  actorAgencyId: string | null;
  action: string;
  entity: string | null;
  entityIds: string[];
  outcome: string;
  requestId: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

export interface ApiToken {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface TotpSetup {
  secret: string;
  uri: string;
  qrDataUrl: string;
}
