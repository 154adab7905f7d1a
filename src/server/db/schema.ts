import type { Generated } from 'kysely';

/**
 * Table types shared by both dialects. Times are ISO-8601 UTC strings
 * (`2026-11-26T15:52:00.000Z`) so they sort and compare the same on SQLite and
 * PostgreSQL; flags are 0/1 integers; structured values are JSON text.
 */
export interface AreaTable {
  code: string;
  level: number;
  parent_code: string | null;
  default_name: string;
  names: string; // JSON { [lang]: name }
  geometry: string | null; // GeoJSON geometry
  version: number;
  updated_at: string;
}

export interface AgencyTable {
  id: string;
  code: string;
  name: string;
  type: string;
  disabled: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AgencyAreaTable {
  agency_id: string;
  area_code: string;
}

export interface RoleTable {
  id: string;
  name: string;
  description: string;
  permissions: string; // JSON Permission[]
  require_mfa: number;
  version: number;
  updated_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  agency_id: string;
  language: string;
  password_hash: string;
  password_changed_at: string;
  must_change_password: number;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  totp_secret: string | null;
  totp_enabled: number;
  /** The last TOTP time step accepted: a code is never accepted twice. */
  totp_last_step: number | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role_id: string;
}

export interface UserAreaTable {
  user_id: string;
  area_code: string;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  mfa_pending: number;
  created_at: string;
  last_seen_at: string;
  idle_expires_at: string;
  absolute_expires_at: string;
  ip: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  scopes: string; // JSON Permission[]
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  first_failure_at: string;
  locked_until: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
  at: string;
  actor_user_id: string | null;
  actor_agency_id: string | null;
  action: string;
  entity: string | null;
  entity_ids: string; // JSON string[]
  outcome: string;
  request_id: string | null;
  ip: string | null;
  details: string | null; // JSON, never personal data
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  updated_at: string;
}

export interface ChangeLogTable {
  seq: Generated<number>;
  entity: string;
  entity_id: string;
  version: number;
  agency_id: string | null;
  area_code: string | null;
  at: string;
}

export interface JobLeaseTable {
  name: string;
  holder: string;
  expires_at: string;
}

export interface JobStateTable {
  name: string;
  last_run_at: string | null;
  last_status: string | null;
  last_error: string | null;
}

export interface PackTable {
  id: string;
  name: string;
  version: string;
  country_code: string;
  languages: string; // JSON string[]
  default_language: string;
  settings: string; // JSON
  /** JSON: screening rule sets and response targets (docs/classification.md). */
  rules: string;
  loaded_at: string;
}

export interface Database {
  area: AreaTable;
  agency: AgencyTable;
  agency_area: AgencyAreaTable;
  role: RoleTable;
  app_user: UserTable;
  user_role: UserRoleTable;
  user_area: UserAreaTable;
  recovery_code: RecoveryCodeTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  change_log: ChangeLogTable;
  job_lease: JobLeaseTable;
  job_state: JobStateTable;
  pack: PackTable;
}
