import type { FieldValue } from '../../../core/index.ts';

/** Shapes of the sync API's JSON (see src/server/routes/sync/sync.schema.ts). */

/** A field both the server and a device (or a stale page) changed: both values kept. */
export interface SyncConflict {
  id: string;
  caseId: string;
  entity: string;
  entityId: string;
  field: string;
  baseVersion: number | null;
  serverVersion: number;
  serverValue: FieldValue;
  deviceValue: FieldValue;
  /** Null when the change came from the case page online, not from a device. */
  deviceId: string | null;
  createdAt: string;
  resolvedAt: string | null;
  resolution: { choice: ResolveChoice; value: FieldValue } | null;
}

export type ResolveChoice = 'server' | 'device' | 'value';

export const CONFLICT_STATES = ['open', 'resolved', 'all'] as const;
export type ConflictState = (typeof CONFLICT_STATES)[number];

/** A browser registered for offline work. */
export interface Device {
  id: string;
  userId: string;
  label: string;
  userAgent: string | null;
  registeredAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
}

/** PATCH /cases/:id/fields answers what it applied and what it kept as conflicts. */
export interface FieldsOutcome {
  caseId: string;
  version: number;
  applied: string[];
  unchanged: string[];
  conflicts: SyncConflict[];
  fieldVersions: Record<string, number>;
}
