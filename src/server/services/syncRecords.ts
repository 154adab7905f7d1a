// The records a sync pull sends (docs/sync.md "Pull"): cases, persons and notes read for a page
// of the feed, shared between the devices pulling the same change (syncRecordCache.ts), and
// what decides who of the agency may be sent a note.
import type { NoteRecord } from '../../core/index.ts';
import type { Actor, Ctx } from '../context.ts';
import { consentsOf, mayReadSensitive } from './caseRecords.ts';
import { readCases, versionsOf } from './cases.ts';
import type { PullChange } from './sync.ts';
import { sharedRecords } from './syncRecordCache.ts';

/**
 * Cases as `GET /cases/:id` shows them, with field versions; a case no longer readable is absent.
 * A case another device of the agency was just sent for the same feed row comes from the cache.
 */
export async function pullCases(
  ctx: Ctx,
  actor: Actor,
  caseIds: string[],
  seqs: ReadonlyMap<string, string>,
): Promise<Map<string, PullChange>> {
  if (caseIds.length === 0) return new Map();
  const agencyId = actor.agencyId;
  return sharedRecords(ctx.deps, { agencyId, entity: 'case', seqs }, caseIds, async (missing) => {
    // One statement for the page (readCases), field versions included; the consents in
    // another, so a device can refer with consent while offline.
    const [rows, consents] = await Promise.all([
      readCases(ctx, missing, agencyId),
      consentsOf(ctx, missing),
    ]);
    return new Map(
      rows.map((d) => {
        const record = { ...d, consents: consents.get(d.id) ?? [] };
        return [d.id, { entity: 'case', id: d.id, version: d.version, record }] as const;
      }),
    );
  });
}

export async function readPersons(
  ctx: Ctx,
  actor: Actor,
  personIds: string[],
): Promise<{ id: string; record: PullChange | null }[]> {
  if (personIds.length === 0) return [];
  const rows = new Map(
    (
      await ctx.deps.db
        .selectFrom('person')
        .select([
          'id',
          'given_name',
          'family_name',
          'sex',
          'birth_date',
          'estimated_age',
          'age_recorded_on',
          'area_code',
          'owner_agency_id',
          'version',
          'field_versions',
        ])
        .where('id', 'in', personIds)
        .execute()
    ).map((p) => [p.id, p]),
  );
  return personIds.map((id) => {
    const p = rows.get(id);
    if (!p || p.owner_agency_id !== actor.agencyId) return { id, record: null };
    return {
      id,
      record: {
        entity: 'person',
        id: p.id,
        version: p.version,
        record: {
          id: p.id,
          givenName: p.given_name,
          familyName: p.family_name,
          sex: p.sex,
          birthDate: p.birth_date,
          estimatedAge: p.estimated_age,
          ageRecordedOn: p.age_recorded_on,
          areaCode: p.area_code,
          version: p.version,
          fieldVersions: versionsOf(p.field_versions),
        },
      },
    };
  });
}

/**
 * Notes of the agency's cases the caller may read, oldest first: by id, and every note of
 * `caseIds` (cases newly in scope). A note another device of the agency was just sent for the
 * same feed row comes from the cache; whether this caller may read it is checked all the same.
 */
export async function pullNotes(
  ctx: Ctx,
  actor: Actor,
  noteIds: string[],
  seqs: ReadonlyMap<string, string>,
  caseIds: string[],
): Promise<{ readable: Map<string, NoteRecord>; withheld: Set<string> }> {
  const agencyId = actor.agencyId;
  const byId = await sharedRecords(
    ctx.deps,
    { agencyId, entity: 'note', seqs },
    noteIds,
    async (missing) => {
      const rows = await agencyNotes(ctx, agencyId, missing, []);
      return new Map(rows.map((n) => [n.record.id, n] as const));
    },
  );
  const ofCases = await agencyNotes(ctx, agencyId, [], caseIds);
  const all = [...byId.values(), ...ofCases];
  const readable = all
    .filter((n) => mayReadSensitive(actor, n))
    // Server-stamped ISO times of one format: their text sorts as they do.
    .sort((a, b) => compareText(a.record.createdAt, b.record.createdAt));
  return {
    readable: new Map(readable.map((n) => [n.record.id, n.record] as const)),
    withheld: new Set(all.filter((n) => !mayReadSensitive(actor, n)).map((n) => n.record.id)),
  };
}

/** A note of the agency's cases, with what decides who of the agency may read it. */
interface AgencyNote {
  record: NoteRecord;
  sensitive: number;
  created_by: string;
}

/** Notes of the agency's cases, whoever wrote them: by id, and every note of `caseIds`. */
async function agencyNotes(
  ctx: Ctx,
  agencyId: string,
  noteIds: string[],
  caseIds: string[],
): Promise<AgencyNote[]> {
  if (noteIds.length === 0 && caseIds.length === 0) return [];
  const rows = await ctx.deps.db
    .selectFrom('case_note')
    .innerJoin('case_file', 'case_file.id', 'case_note.case_id')
    .leftJoin('app_user', 'app_user.id', 'case_note.created_by')
    .select([
      'case_note.id',
      'case_note.case_id',
      'case_note.text',
      'case_note.sensitive',
      'case_note.created_by',
      'case_note.created_at',
      'app_user.username',
    ])
    .where('case_file.owner_agency_id', '=', agencyId)
    .where((eb) =>
      eb.or([
        ...(noteIds.length > 0 ? [eb('case_note.id', 'in', noteIds)] : []),
        ...(caseIds.length > 0 ? [eb('case_note.case_id', 'in', caseIds)] : []),
      ]),
    )
    .execute();
  return rows.map((r) => ({
    record: {
      id: r.id,
      caseId: r.case_id,
      text: r.text,
      sensitive: r.sensitive === 1,
      createdAt: r.created_at,
      authorUsername: r.username,
    },
    sensitive: r.sensitive,
    created_by: r.created_by,
  }));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
