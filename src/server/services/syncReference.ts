// The reference data a device works offline with (docs/sync.md "Pull"): areas, the pack's
// screening rules and forms, service types, editable fields and what a queued file may be.
import type { Ctx } from '../context.ts';
import { requireAny } from './access.ts';
import { activeDevice } from './devices.ts';
import { listServiceTypes } from './directory.ts';
import { screeningRules } from './packRules.ts';
import { EDITABLE_FIELDS } from './syncMerge.ts';

/** What a device needs before its first pull: areas, screening rules and forms, service types. */
export async function reference(ctx: Ctx, deviceId: string) {
  const actor = await requireAny(ctx, 'case:read:agency');
  await activeDevice(ctx, actor, deviceId);
  const areas = await ctx.deps.db
    .selectFrom('area')
    .select(['code', 'level', 'parent_code', 'default_name', 'names', 'version'])
    .orderBy('code')
    .execute();
  return {
    areas: areas.map((a) => ({
      code: a.code,
      level: a.level,
      parentCode: a.parent_code,
      name: a.default_name,
      names: JSON.parse(a.names) as Record<string, string>,
      version: a.version,
    })),
    rules: await screeningRules(ctx),
    serviceTypes: await listServiceTypes(ctx),
    editableFields: Object.keys(EDITABLE_FIELDS),
    // What a file queued offline may be (checked again when it arrives).
    attachments: {
      maxBytes: ctx.deps.config.attachmentMaxBytes,
      types: ctx.deps.config.attachmentTypes,
    },
  };
}
