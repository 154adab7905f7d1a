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
  /** E.164 phone for SMS notifications. */
  phone: string | null;
  notify_email: Generated<number>;
  notify_sms: Generated<number>;
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
  /** PostgreSQL only: the writing transaction (`xid8`, read as text); the sync cursor orders by it. */
  xid: Generated<string>;
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

export interface PersonTable {
  id: string;
  given_name: string;
  family_name: string;
  /** Lower-case, accent-free "given family" for search (the linkage issue adds more keys). */
  name_key: string;
  sex: string;
  birth_date: string | null;
  estimated_age: number | null;
  /** The date the estimated age was recorded, so the age moves on with time. */
  age_recorded_on: string;
  area_code: string | null;
  owner_agency_id: string;
  version: number;
  /** JSON object: offline-editable field → its version (docs/sync.md); absent = 0. */
  field_versions: string;
  created_at: string;
  updated_at: string;
}

export interface CaseFileTable {
  id: string;
  reference: string;
  person_id: string;
  topics: string; // comma-separated CaseTopic codes
  step: string;
  risk_level: string;
  owner_agency_id: string;
  area_code: string;
  created_by: string;
  identified_at: string;
  closed_at: string | null;
  closure_requested_by: string | null;
  /** The worker responsible ("my cases"); null when unassigned. */
  assigned_user_id: string | null;
  version: number;
  /** JSON object: offline-editable field → its version (docs/sync.md); absent = 0. */
  field_versions: string;
  created_at: string;
  updated_at: string;
}

/** A browser that holds offline data for one user (docs/sync.md). */
export interface DeviceTable {
  id: string;
  user_id: string;
  label: string;
  user_agent: string | null;
  registered_at: string;
  last_seen_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

/** A pushed mutation, applied once; `result` is the answer replayed to a retry. */
export interface SyncMutationTable {
  mutation_id: string;
  device_id: string;
  user_id: string;
  kind: string;
  received_at: string;
  result: string | null; // JSON
}

/** The same field changed on both sides: both values kept until a person resolves it. */
export interface SyncConflictTable {
  id: string;
  entity: string;
  entity_id: string;
  case_id: string;
  field: string;
  base_version: number | null;
  server_version: number;
  server_value: string; // JSON
  device_value: string; // JSON
  device_id: string | null;
  user_id: string;
  agency_id: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: string | null; // JSON
}

export interface ScreeningTable {
  id: string;
  case_id: string;
  kind: string;
  rules_id: string;
  rules_version: string;
  inputs: string; // JSON
  result: string; // JSON
  summary: string;
  created_by: string;
  created_at: string;
}

export interface TaskTable {
  id: string;
  case_id: string;
  kind: string;
  due_at: string;
  done_at: string | null;
  agency_id: string;
  created_at: string;
}

export interface CaseEventTable {
  id: string;
  case_id: string;
  at: string;
  actor_user_id: string;
  type: string;
  details: string; // JSON, no narrative text
}

export interface CaseGoalTable {
  id: string;
  case_id: string;
  description: string;
  due_date: string | null;
  done_at: string | null;
  created_by: string;
  created_at: string;
}

export interface InterventionTable {
  id: string;
  case_id: string;
  type: string;
  started_on: string;
  ended_on: string | null;
  provider: string | null;
  created_by: string;
  created_at: string;
}

/** Outcomes at a visit; null where the question was not answered. */
export interface FollowUpTable {
  id: string;
  case_id: string;
  visited_on: string;
  still_working: number | null;
  in_school: number | null;
  safe: number | null;
  with_family: number | null;
  created_by: string;
  created_at: string;
}

export interface SyntheticTruthTable {
  person_id: string;
  identity: string;
}

export interface CaseNoteTable {
  id: string;
  case_id: string;
  text: string;
  sensitive: number;
  created_by: string;
  created_at: string;
}

export interface ConsentTable {
  id: string;
  case_id: string;
  person_id: string;
  purpose: string;
  /** For sharing: the agency types it covers, comma-separated. */
  agency_types: string;
  given: number;
  /** Who gave or refused it: the person, a parent or guardian, or another representative. */
  given_by: string;
  recorded_by: string;
  recorded_at: string;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
}

/** One word of a person's name key, for indexed prefix search. */
export interface PersonKeyTable {
  agency_id: string;
  key: string;
  person_id: string;
  /** A copy of the person's ranking fields (migration 0014), kept by triggers; null on insert = copy it. */
  given_name: string | null;
  family_name: string | null;
  sex: string | null;
  birth_date: string | null;
  estimated_age: number | null;
  age_recorded_on: string | null;
  area_code: string | null;
}

export interface AttachmentTable {
  id: string;
  case_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  sensitive: number;
  created_by: string;
  created_at: string;
  deleted_at: string | null;
  deleted_by: string | null;
}

export interface AttachmentContentTable {
  attachment_id: string;
  content: Uint8Array;
}

/** Answers to one of the country pack's forms on a case (JSON), with the form's version. */
export interface CaseFormAnswerTable {
  case_id: string;
  form_id: string;
  form_version: string;
  answers: string;
  updated_by: string;
  updated_at: string;
}

export interface TaxonomyTermTable {
  id: string;
  code: string;
  name: string;
  /** JSON: name per language. */
  names: string;
  description: string;
  taxonomy: string;
  accept_hours: number | null;
  first_service_hours: number | null;
  targets_source: string | null;
}

export interface OrganizationTable {
  id: string;
  name: string;
  description: string;
  email: string | null;
  website: string | null;
  /** The Pathfinder agency whose queue receives referrals to this organisation's services. */
  agency_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ServiceTable {
  id: string;
  organization_id: string;
  name: string;
  description: string;
  status: string;
  email: string | null;
  url: string | null;
  eligibility_description: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  /** Comma-separated sexes accepted; empty = anyone. */
  sexes: string;
  /** Comma-separated language codes spoken; empty = not stated. */
  languages: string;
  taxonomy_term_id: string;
  version: number;
  created_at: string;
  last_modified: string;
}

export interface ServiceAreaTable {
  service_id: string;
  area_code: string;
}

export interface LocationTable {
  id: string;
  organization_id: string;
  location_type: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
  area_code: string | null;
  address_1: string | null;
  city: string | null;
  state_province: string | null;
  postal_code: string | null;
  country: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ServiceAtLocationTable {
  id: string;
  service_id: string;
  location_id: string;
  description: string;
}

export interface ReferralTable {
  id: string;
  case_id: string;
  from_agency_id: string;
  to_agency_id: string;
  service_id: string;
  state: string;
  share_level: string;
  /** JSON list of the case fields the receiver may see. */
  shared_fields: string;
  reason: string;
  consent_id: string | null;
  consent_override: string | null;
  idempotency_key: string;
  created_by: string;
  assigned_user_id: string | null;
  decline_reason: string | null;
  info_request: string | null;
  outcome: string | null;
  outcome_note: string | null;
  feedback: string | null;
  sent_at: string;
  accepted_at: string | null;
  declined_at: string | null;
  info_requested_at: string | null;
  service_started_at: string | null;
  completed_at: string | null;
  cancelled_at: string | null;
  feedback_at: string | null;
  accept_due_at: string;
  service_due_at: string | null;
  accept_reminded_at: string | null;
  accept_escalated_at: string | null;
  service_reminded_at: string | null;
  service_escalated_at: string | null;
  version: number;
  updated_at: string;
}

export interface ReferralEventTable {
  id: string;
  referral_id: string;
  at: string;
  actor_user_id: string;
  type: string;
  details: string;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  /** JSON: reference and other parameters of the message (never narrative or names). */
  params: string;
  link: string;
  created_at: string;
  read_at: string | null;
}

export interface NotificationDeliveryTable {
  id: string;
  notification_id: string;
  channel: string;
  address: string;
  state: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}

/** A file a device sends in chunks (docs/sync.md); `attachment_id` is set once it is whole. */
export interface UploadTable {
  id: string;
  case_id: string;
  user_id: string;
  device_id: string | null;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  sensitive: number;
  received_bytes: Generated<number>;
  attachment_id: string | null;
  created_at: string;
  updated_at: string;
}

/** One received chunk of an upload, at its byte offset. */
export interface UploadPartTable {
  upload_id: string;
  offset_bytes: number;
  content: Uint8Array;
}

/** A person written since the duplicate job last looked (filled by a trigger, migration 0011). */
export interface LinkageQueueTable {
  seq: Generated<number>;
  person_id: string;
}

/** A candidate duplicate pair (person_a < person_b) and the reviewer's decision. */
export interface DuplicatePairTable {
  id: string;
  person_a: string;
  person_b: string;
  /** Fellegi–Sunter weight in bits, and the match probability. */
  weight: number;
  probability: number;
  decision: 'match' | 'review';
  /** JSON PairExplanation (docs/linkage.md). */
  explanation: string;
  status: 'open' | 'merged' | 'distinct';
  found_by: 'write' | 'pass';
  found_at: string;
  decided_by: string | null;
  decided_at: string | null;
  version: number;
}

/** One merge, with every row it re-pointed (JSON), so an unmerge restores exactly. */
export interface PersonMergeTable {
  id: string;
  pair_id: string | null;
  kept_id: string;
  merged_id: string;
  moved: string;
  merged_by: string;
  merged_at: string;
  unmerged_by: string | null;
  unmerged_at: string | null;
}

/** The linkage model fitted on the node's persons (JSON StoredModel). */
export interface LinkageModelTable {
  id: string;
  model: string;
  persons: number;
  pairs: number;
  fitted_at: string;
}

/** An unusual week for one area and topic (docs/alerts.md), with what the method saw. */
export interface AlertTable {
  id: string;
  area_code: string;
  topic: string;
  /** ISO week, `2026-W47`; `week_start` is its Monday (UTC). */
  week: string;
  week_start: string;
  observed: number;
  expected: number | null;
  threshold: number | null;
  method: string;
  settings: string; // JSON: the method's settings and their sources
  state: string;
  closed_as: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AlertEventTable {
  id: string;
  alert_id: string;
  at: string;
  actor_user_id: string;
  from_state: string | null;
  to_state: string;
  closed_as: string | null;
  comment: string;
}

/** One evaluated week of the weekly alert job. */
export interface AlertRunTable {
  week: string;
  method: string;
  settings: string; // JSON
  started_at: string;
  finished_at: string | null;
  series: number;
  evaluated: number;
  alerts: number;
  skipped: string; // JSON { reason: count }
}

/** Where a case counts on the dashboards: under its area and under its owning agency. */
export type DashboardScope = 'area' | 'agency';

/** Cases newly identified per week and topic set, per area or agency (trigger-maintained, migration 0013). */
export interface DashboardWeekCountTable {
  scope: DashboardScope;
  week: number;
  /** The area code or the agency id. */
  code: string;
  topics: string;
  n: number;
}

/** Every case as it stands, per topic set, step and risk, per area or agency (trigger-maintained, migration 0013). */
export interface DashboardStateCountTable {
  scope: DashboardScope;
  /** The area code or the agency id. */
  code: string;
  topics: string;
  step: string;
  risk_level: string;
  n: number;
}

export interface Database {
  dashboard_week_count: DashboardWeekCountTable;
  dashboard_state_count: DashboardStateCountTable;
  alert: AlertTable;
  alert_event: AlertEventTable;
  alert_run: AlertRunTable;
  linkage_queue: LinkageQueueTable;
  duplicate_pair: DuplicatePairTable;
  person_merge: PersonMergeTable;
  linkage_model: LinkageModelTable;
  upload: UploadTable;
  upload_part: UploadPartTable;
  device: DeviceTable;
  sync_mutation: SyncMutationTable;
  sync_conflict: SyncConflictTable;
  taxonomy_term: TaxonomyTermTable;
  organization: OrganizationTable;
  service: ServiceTable;
  service_area: ServiceAreaTable;
  location: LocationTable;
  service_at_location: ServiceAtLocationTable;
  referral: ReferralTable;
  referral_event: ReferralEventTable;
  notification: NotificationTable;
  notification_delivery: NotificationDeliveryTable;
  person_key: PersonKeyTable;
  attachment: AttachmentTable;
  attachment_content: AttachmentContentTable;
  case_form_answer: CaseFormAnswerTable;
  case_note: CaseNoteTable;
  consent: ConsentTable;
  synthetic_truth: SyntheticTruthTable;
  case_goal: CaseGoalTable;
  intervention: InterventionTable;
  follow_up: FollowUpTable;
  person: PersonTable;
  case_file: CaseFileTable;
  screening: ScreeningTable;
  task: TaskTable;
  case_event: CaseEventTable;
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
