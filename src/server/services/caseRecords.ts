import { hasPermission } from '../../core/index.ts';
import type { Actor, Ctx } from '../context.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { requireAny } from './access.ts';
import { ownCase, writableCase } from './cases.ts';
import { recordCaseChange } from './syncMerge.ts';
import { audit, inTransaction, writeTogether } from './trail.ts';

/** Purposes consent is recorded for (docs/user-guide.md). */
export const CONSENT_PURPOSES = ['services', 'sharing', 'tracing', 'statistics'] as const;
export const CONSENT_GIVERS = ['person', 'parent_or_guardian', 'other_representative'] as const;

export interface NoteView {
  id: string;
  sensitive: boolean;
  /** Null when the note is sensitive and the reader is neither its author nor a supervisor. */
  text: string | null;
  authorUsername: string | null;
  createdAt: string;
}

export interface ConsentView {
  id: string;
  purpose: string;
  agencyTypes: string[];
  given: boolean;
  givenBy: string;
  recordedAt: string;
  withdrawnAt: string | null;
}

/** A sensitive record (note, file) is for its author and the agency's supervisors only. */
export function mayReadSensitive(
  actor: Actor,
  record: { sensitive: number; created_by: string },
): boolean {
  return (
    record.sensitive === 0 ||
    record.created_by === actor.userId ||
    hasPermission(actor, 'case:approve:agency')
  );
}

/** Adds a note; a sensitive one is readable only by its author and the agency's supervisors. */
export async function addNote(
  ctx: Ctx,
  caseId: string,
  input: { text: string; sensitive: boolean },
): Promise<NoteView> {
  const { actor } = await writableCase(ctx, caseId);
  const note = { id: crypto.randomUUID(), createdAt: ctx.deps.clock.now().toISOString() };
  const view: NoteView = {
    id: note.id,
    sensitive: input.sensitive,
    text: input.text,
    authorUsername: actor.username,
    createdAt: note.createdAt,
  };
  // Nothing is read between: the note, its timeline event, its feed row and the audit row are
  // one statement on PostgreSQL (with a sync push's mutation row, carrying the view).
  await writeTogether(
    ctx,
    {
      action: 'case.note.add',
      entity: 'case',
      entityIds: [caseId, note.id],
      details: { sensitive: input.sensitive },
    },
    [
      {
        table: 'case_note',
        rows: [
          {
            id: note.id,
            case_id: caseId,
            text: input.text,
            sensitive: input.sensitive ? 1 : 0,
            created_by: actor.userId,
            created_at: note.createdAt,
          },
        ],
      },
      {
        table: 'case_event',
        rows: [
          {
            id: crypto.randomUUID(),
            case_id: caseId,
            at: note.createdAt,
            actor_user_id: actor.userId,
            type: 'note',
            details: JSON.stringify({ sensitive: input.sensitive }),
          },
        ],
      },
    ],
    // The note's own row only: devices lay its timeline event over the case they hold
    // (web/offline/localCases.ts), so a note does not send the whole case to every device
    // of the agency again (docs/sync.md).
    [{ entity: 'note', entityId: note.id, version: 1, agencyId: actor.agencyId }],
    view,
  );
  return view;
}

/** The case's notes, newest first, with sensitive text withheld from those who may not read it. */
export async function listNotes(ctx: Ctx, caseId: string): Promise<NoteView[]> {
  const actor = await requireAny(ctx, 'case:read:agency');
  await ownCase(ctx, caseId);
  const rows = await ctx.deps.db
    .selectFrom('case_note')
    .leftJoin('app_user', 'app_user.id', 'case_note.created_by')
    .select([
      'case_note.id',
      'case_note.text',
      'case_note.sensitive',
      'case_note.created_by',
      'case_note.created_at',
      'app_user.username',
    ])
    .where('case_note.case_id', '=', caseId)
    .orderBy('case_note.created_at', 'desc')
    .execute();
  const notes = rows.map((r) => ({
    id: r.id,
    sensitive: r.sensitive === 1,
    text: mayReadSensitive(actor, r) ? r.text : null,
    authorUsername: r.username,
    createdAt: r.created_at,
  }));
  await audit(ctx, ctx.deps.db, {
    action: 'case.note.read',
    entity: 'case',
    entityIds: [caseId, ...notes.filter((n) => n.text !== null).map((n) => n.id)],
  });
  return notes;
}

/** Records consent (or its refusal) for one purpose; sharing names the agency types it covers. */
export async function recordConsent(
  ctx: Ctx,
  caseId: string,
  input: {
    purpose: (typeof CONSENT_PURPOSES)[number];
    given: boolean;
    givenBy: (typeof CONSENT_GIVERS)[number];
    agencyTypes?: string[] | undefined;
    /** A device's id for a consent recorded offline (so it can be withdrawn before it syncs). */
    id?: string | undefined;
  },
): Promise<ConsentView> {
  const { actor, personId } = await writableCase(ctx, caseId);
  if (input.id !== undefined) {
    const taken = await ctx.deps.db
      .selectFrom('consent')
      .select('id')
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (taken) throw new ProblemError(409, 'id_taken', { field: 'id' });
  }
  const agencyTypes = input.purpose === 'sharing' ? [...new Set(input.agencyTypes ?? [])] : [];
  if (input.purpose === 'sharing' && agencyTypes.length === 0)
    throw new ProblemError(400, 'unknown_reference', { field: 'agencyTypes' });
  const view: ConsentView = {
    id: input.id ?? crypto.randomUUID(),
    purpose: input.purpose,
    agencyTypes,
    given: input.given,
    givenBy: input.givenBy,
    recordedAt: ctx.deps.clock.now().toISOString(),
    withdrawnAt: null,
  };
  await inTransaction(
    ctx,
    {
      action: 'consent.record',
      entity: 'case',
      entityIds: [caseId, view.id],
      details: { purpose: view.purpose, given: view.given },
    },
    async (trx) => {
      await trx
        .insertInto('consent')
        .values({
          id: view.id,
          case_id: caseId,
          person_id: personId,
          purpose: view.purpose,
          agency_types: agencyTypes.join(','),
          given: view.given ? 1 : 0,
          given_by: view.givenBy,
          recorded_by: actor.userId,
          recorded_at: view.recordedAt,
          withdrawn_at: null,
          withdrawn_by: null,
        })
        .execute();
      await trx
        .insertInto('case_event')
        .values({
          id: crypto.randomUUID(),
          case_id: caseId,
          at: view.recordedAt,
          actor_user_id: actor.userId,
          type: 'consent',
          details: JSON.stringify({ purpose: view.purpose, given: view.given }),
        })
        .execute();
      await recordCaseChange(ctx, trx, caseId);
    },
  );
  return view;
}

/** Withdraws a consent: kept in the history, no longer in force from now on. */
export async function withdrawConsent(
  ctx: Ctx,
  caseId: string,
  consentId: string,
): Promise<ConsentView> {
  const { actor } = await writableCase(ctx, caseId);
  const at = ctx.deps.clock.now().toISOString();
  await inTransaction(
    ctx,
    { action: 'consent.withdraw', entity: 'case', entityIds: [caseId, consentId] },
    async (trx) => {
      const result = await trx
        .updateTable('consent')
        .set({ withdrawn_at: at, withdrawn_by: actor.userId })
        .where('id', '=', consentId)
        .where('case_id', '=', caseId)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw notFound('consent');
      await trx
        .insertInto('case_event')
        .values({
          id: crypto.randomUUID(),
          case_id: caseId,
          at,
          actor_user_id: actor.userId,
          type: 'consent_withdrawn',
          details: '{}',
        })
        .execute();
      await recordCaseChange(ctx, trx, caseId);
    },
  );
  const consents = await listConsents(ctx, caseId);
  const view = consents.find((c) => c.id === consentId);
  if (!view) throw notFound('consent');
  return view;
}

/** Every consent recorded on the case, in force or withdrawn. */
export async function listConsents(ctx: Ctx, caseId: string): Promise<ConsentView[]> {
  await requireAny(ctx, 'case:read:agency');
  await ownCase(ctx, caseId);
  return (await consentsOf(ctx, [caseId])).get(caseId) ?? [];
}

/**
 * The consents of cases the caller may already read, oldest first, by case (the sync pull
 * sends them with each case, so a device can refer with consent while offline).
 */
export async function consentsOf(
  ctx: Ctx,
  caseIds: readonly string[],
): Promise<Map<string, ConsentView[]>> {
  const out = new Map<string, ConsentView[]>();
  if (caseIds.length === 0) return out;
  const rows = await ctx.deps.db
    .selectFrom('consent')
    .selectAll()
    .where('case_id', 'in', [...caseIds])
    .orderBy('recorded_at')
    .execute();
  for (const r of rows) {
    const list = out.get(r.case_id) ?? [];
    list.push({
      id: r.id,
      purpose: r.purpose,
      agencyTypes: r.agency_types ? r.agency_types.split(',') : [],
      given: r.given === 1,
      givenBy: r.given_by,
      recordedAt: r.recorded_at,
      withdrawnAt: r.withdrawn_at,
    });
    out.set(r.case_id, list);
  }
  return out;
}
