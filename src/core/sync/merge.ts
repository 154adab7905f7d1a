/** A value an offline-editable field can hold (text, number or empty). */
export type FieldValue = string | number | null;

/** One changed field as a device or form sends it: the new value and the version it was based on. */
export interface FieldEdit {
  value: FieldValue;
  /** The field's version the editor saw; omitted = "the record as of the request's version". */
  baseVersion?: number | undefined;
}

/** The server's current state of a record's offline-editable fields. */
export interface FieldState {
  values: Readonly<Record<string, FieldValue>>;
  versions: Readonly<Record<string, number>>;
}

export interface FieldConflict {
  field: string;
  baseVersion: number | null;
  serverVersion: number;
  serverValue: FieldValue;
  deviceValue: FieldValue;
}

export interface FieldMerge {
  /** Fields to write, each with its new version. */
  applied: { field: string; value: FieldValue; version: number }[];
  /** Fields whose value already equals the edit: nothing to do. */
  unchanged: string[];
  /** Fields changed on both sides: the server keeps its value, both are recorded. */
  conflicts: FieldConflict[];
}

/** A field never versioned yet is at version 0. */
export function fieldVersion(versions: Readonly<Record<string, number>>, field: string): number {
  return versions[field] ?? 0;
}

/**
 * Per-field merge (docs/sync.md): an edit based on the field's current version
 * applies and bumps it; an edit equal to the current value is a no-op; any
 * other edit is a conflict that keeps both values. `recordUnchanged` says
 * whether the record is still at the version the editor saw, which stands in
 * for a missing field base version.
 */
export function mergeFields(
  state: FieldState,
  edits: Readonly<Record<string, FieldEdit>>,
  recordUnchanged: boolean,
): FieldMerge {
  const merge: FieldMerge = { applied: [], unchanged: [], conflicts: [] };
  for (const [field, edit] of Object.entries(edits)) {
    const serverVersion = fieldVersion(state.versions, field);
    const serverValue = state.values[field] ?? null;
    const value = edit.value ?? null;
    if (value === serverValue) {
      merge.unchanged.push(field);
      continue;
    }
    const based =
      edit.baseVersion === undefined ? recordUnchanged : edit.baseVersion === serverVersion;
    if (based) merge.applied.push({ field, value, version: serverVersion + 1 });
    else
      merge.conflicts.push({
        field,
        baseVersion: edit.baseVersion ?? null,
        serverVersion,
        serverValue,
        deviceValue: value,
      });
  }
  return merge;
}

/** Field versions after a merge's applied fields. */
export function bumpedVersions(
  versions: Readonly<Record<string, number>>,
  applied: readonly { field: string; version: number }[],
): Record<string, number> {
  const next = { ...versions };
  for (const a of applied) next[a.field] = a.version;
  return next;
}
