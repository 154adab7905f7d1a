// The sync pull (docs/sync.md "Pull"): the feed of changes in the caller's scope by cursor, the
// records sent for it (read in syncRecords.ts) and revocations.
import { type RawBuilder, sql } from 'kysely';
import { hasPermission } from '../../core/index.ts';
import type { Actor, Ctx } from '../context.ts';
import { ProblemError } from '../http/problem.ts';
import { requireAny } from './access.ts';
import { areaAndBelow, knownArea } from './areas.ts';
import { activeDevice } from './devices.ts';
import { getReferral } from './referrals.ts';
import { pullCases, pullNotes, readPersons } from './syncRecords.ts';
import { audit } from './trail.ts';

export interface PullChange {
  entity: string;
  id: string;
  version: number;
  record: unknown;
}

export interface PullPage {
  changes: PullChange[];
  revoked: { entity: string; id: string }[];
  cursor: string;
  more: boolean;
  /** First page only (empty cursor): how many records the scope holds, and the warning threshold. */
  estimate?: { records: number; warnAbove: number };
}

export interface PullQuery {
  cursor?: string | undefined;
  limit?: string | undefined;
  /** `agency` (default): the agency's records; `mine`: the caller's cases (assigned or opened). */
  scope?: 'agency' | 'mine' | undefined;
  /** Only cases in this area and the areas below it (with their persons, notes and referrals). */
  area?: string | undefined;
}

const PULLED = ['case', 'person', 'referral', 'note'] as const;

/** Referral states in which the receiving agency no longer sees the case (docs/sync.md). */
const UNSHARED_STATES = ['declined', 'cancelled'];

/**
 * A feed position: the last change-log row a page covered. On PostgreSQL it is
 * `(xid, seq)` — the writing transaction first (see `pull`); on SQLite `seq`.
 */
interface Position {
  xid: string;
  seq: string;
}

const START: Position = { xid: '0', seq: '0' };

/**
 * How long before the cursor's change an assignment may be dated and still
 * bring the case's notes along (a transaction can commit a while after the
 * clock stamped it); bringing them twice does no harm.
 */
const ASSIGNMENT_SLACK_MS = 60 * 60 * 1000;

/** Where a narrowed scope is written in the cursor (`''` = the whole agency). */
function scopeKey(query: PullQuery): string {
  const scope = query.scope ?? 'agency';
  return scope === 'agency' && query.area === undefined ? '' : `${scope}:${query.area ?? ''}`;
}

/**
 * A cursor is `position[/scope]`, opaque to the device: `seq` on SQLite,
 * `xid.seq` on PostgreSQL, followed by the scope it was made for when narrowed.
 * Empty or missing = from the start.
 */
function readCursor(ctx: Ctx, cursor: string | undefined, key: string): Position | null {
  if (cursor === undefined || cursor === '') return null;
  const slash = cursor.indexOf('/');
  const position = slash < 0 ? cursor : cursor.slice(0, slash);
  const made = slash < 0 ? '' : cursor.slice(slash + 1);
  const pg = ctx.deps.dialect === 'postgres';
  const match = pg
    ? /^([0-9]{1,19})\.([0-9]{1,18})$/.exec(position)
    : /^()([0-9]{1,15})$/.exec(position);
  if (!match) throw new ProblemError(400, 'invalid_cursor');
  // A cursor of another scope would skip what the new scope holds: start again.
  if (made !== key) throw new ProblemError(409, 'sync_scope_changed');
  return { xid: pg ? String(match[1]) : '0', seq: String(match[2]) };
}

function writeCursor(ctx: Ctx, position: Position, key: string): string {
  const at = ctx.deps.dialect === 'postgres' ? `${position.xid}.${position.seq}` : position.seq;
  return key === '' ? at : `${at}/${key}`;
}

/** The caller's scope as SQL pieces (kept in one place for the feed and the estimate). */
interface ScopeSql {
  /** Common table expressions the pieces below rely on (`scope_area`, `scoped`). */
  ctes: RawBuilder<unknown>[];
  /** A case (alias) of the scope. */
  caseIn(alias: string): RawBuilder<unknown>;
  /** A referral (alias) the agency received that the scope holds. */
  receivedIn(alias: string): RawBuilder<unknown>;
  /** A note (alias) the caller may read. */
  noteReadable(alias: string): RawBuilder<unknown>;
  narrowed: boolean;
}

function scopeSql(ctx: Ctx, actor: Actor, mine: boolean, areas: string[] | null): ScopeSql {
  const pg = ctx.deps.dialect === 'postgres';
  const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);
  const ctes: RawBuilder<unknown>[] = [];
  if (areas) {
    // One parameter however many areas lie below the chosen one.
    const list = JSON.stringify(areas);
    ctes.push(
      pg
        ? sql`scope_area (code) as (select json_array_elements_text(${list}::json))`
        : sql`scope_area (code) as (select value from json_each(${list}))`,
    );
  }
  const caseIn = (alias: string) =>
    sql.join(
      [
        sql`${ref(alias, 'owner_agency_id')} = ${actor.agencyId}`,
        ...(mine
          ? [
              sql`(${ref(alias, 'assigned_user_id')} = ${actor.userId} or ${ref(alias, 'created_by')} = ${actor.userId})`,
            ]
          : []),
        ...(areas ? [sql`${ref(alias, 'area_code')} in (select code from scope_area)`] : []),
      ],
      sql` and `,
    );
  const receivedIn = (alias: string) =>
    sql.join(
      [
        sql`${ref(alias, 'to_agency_id')} = ${actor.agencyId}`,
        ...(mine ? [sql`${ref(alias, 'assigned_user_id')} = ${actor.userId}`] : []),
        ...(areas
          ? [
              sql`exists (select 1 from case_file rc where rc.id = ${ref(alias, 'case_id')} and rc.area_code in (select code from scope_area))`,
            ]
          : []),
      ],
      sql` and `,
    );
  const supervisor = hasPermission(actor, 'case:approve:agency');
  const noteReadable = (alias: string) =>
    supervisor
      ? sql`1 = 1`
      : sql`(${ref(alias, 'sensitive')} = 0 or ${ref(alias, 'created_by')} = ${actor.userId})`;
  const narrowed = mine || areas !== null;
  if (narrowed)
    ctes.push(sql`scoped as (select sc.id, sc.person_id from case_file sc where ${caseIn('sc')})`);
  return { ctes, caseIn, receivedIn, noteReadable, narrowed };
}

/** How many records a fresh pull of this scope sends (the device warns above the threshold). */
async function estimate(ctx: Ctx, actor: Actor, scope: ScopeSql): Promise<number> {
  const withClause = scope.ctes.length > 0 ? sql`with ${sql.join(scope.ctes)} ` : sql``;
  const { rows } = await sql<Record<string, number | string>>`${withClause}select
      (select count(*) from case_file cf where ${scope.caseIn('cf')}) as cases,
      (select count(distinct cf.person_id) from case_file cf where ${scope.caseIn('cf')}) as persons,
      (select count(*) from case_note n join case_file cf on cf.id = n.case_id
        where ${scope.caseIn('cf')} and ${scope.noteReadable('n')}) as notes,
      (select count(*) from referral r join case_file cf on cf.id = r.case_id
        where r.from_agency_id = ${actor.agencyId} and ${scope.caseIn('cf')}) as sent,
      (select count(*) from referral r where ${scope.receivedIn('r')}
        and r.from_agency_id <> ${actor.agencyId}
        and r.state not in (${sql.join(UNSHARED_STATES)})) as received`.execute(ctx.deps.db);
  const row = rows[0] ?? {};
  return Object.values(row).reduce<number>((sum, n) => sum + Number(n), 0);
}

interface FeedRow {
  entity: string;
  entity_id: string;
  seq: number | string;
  xid?: string;
  in_scope: boolean | number;
  /** In scope, or a case handed on that the device must drop. */
  wanted: boolean | number;
  /** How many feed rows the window held: a full window means more may follow. */
  window_rows: number | string;
}

/**
 * The records in the caller's scope changed after the cursor, each once at its
 * latest state (its last change-log row decides its page), and the records the
 * device must purge because they left the scope.
 *
 * PostgreSQL: a change-log row with a lower `seq` can commit after one with a
 * higher `seq`. So rows are ordered by `(xid, seq)` and only rows of
 * transactions older than every transaction still running
 * (`pg_snapshot_xmin(pg_current_snapshot())`) are served: a row that becomes
 * visible later has a transaction id at least that high, so it always sorts
 * after any cursor handed out before — nothing is stepped over.
 */
export async function pull(ctx: Ctx, deviceId: string, query: PullQuery): Promise<PullPage> {
  const actor = await requireAny(ctx, 'case:read:agency');
  await activeDevice(ctx, actor, deviceId);
  return pullPage(ctx, actor, deviceId, await planPull(ctx, query));
}

/** A pull request checked (cursor, scope, area), before anything is read or written. */
export interface PullPlan {
  query: PullQuery;
  /** The scope as the cursor names it. */
  key: string;
  from: Position | null;
  limit: number;
  mine: boolean;
  areas: string[] | null;
}

/** Checks a pull request: a cursor of another scope (409), a bad cursor or unknown area (400). */
export async function planPull(ctx: Ctx, query: PullQuery): Promise<PullPlan> {
  const key = scopeKey(query);
  const from = readCursor(ctx, query.cursor, key);
  const limit = Math.min(Math.max(Number(query.limit ?? 200) || 200, 1), 500);
  let areas: string[] | null = null;
  if (query.area !== undefined) {
    if (!(await knownArea(ctx, query.area)))
      throw new ProblemError(400, 'unknown_reference', { field: 'area' });
    areas = await areaAndBelow(ctx, query.area);
  }
  return { query, key, from, limit, mine: query.scope === 'mine', areas };
}

/** One page of the feed for a caller whose permission and device are checked. */
export async function pullPage(
  ctx: Ctx,
  actor: Actor,
  deviceId: string,
  plan: PullPlan,
): Promise<PullPage> {
  const { query, key, from, limit, mine, areas } = plan;
  const position = from ?? START;
  const db = ctx.deps.db;
  const pg = ctx.deps.dialect === 'postgres';
  const scope = scopeSql(ctx, actor, mine, areas);

  // An uncorrelated subquery: computed once per statement. Written inline in a condition that
  // is checked row by row, it copied and sorted the snapshot's list of running transactions for
  // every row (most of the query's time with 200 devices syncing at once).
  const horizon = sql`(select pg_snapshot_xmin(pg_current_snapshot()))`;
  const after = (alias: string) =>
    pg
      ? sql`(${sql.ref(`${alias}.xid`)}, ${sql.ref(`${alias}.seq`)}) > (${position.xid}::xid8, ${position.seq}::bigint)
          and ${sql.ref(`${alias}.xid`)} < ${horizon}`
      : sql`${sql.ref(`${alias}.seq`)} > ${Number(position.seq)}`;
  const xidColumn = pg ? sql`, c.xid` : sql``;
  const entities = sql.join([...PULLED]);
  // The next `limit` feed rows in (xid, seq) order, read off the (agency, xid, seq) index: the
  // agency's own rows, and — for a referral it received — the rows of the referrer's case, whose
  // shared fields the referral shows. A row with a later servable row for the same record is skipped (the
  // later one sends the record), so each record goes once, and a page costs the same however
  // long the feed is (a fresh device pulls it all).
  const later = (alias: string, entity: RawBuilder<unknown>, agency: boolean) =>
    sql`not exists (select 1 from change_log l where l.entity_id = ${sql.ref(`${alias}.entity_id`)}
        and l.entity = ${entity}${agency ? sql` and l.agency_id = ${sql.ref(`${alias}.agency_id`)}` : sql``}
        and ${
          pg
            ? sql`(l.xid, l.seq) > (${sql.ref(`${alias}.xid`)}, ${sql.ref(`${alias}.seq`)})
                and l.xid < ${horizon}`
            : sql`l.seq > ${sql.ref(`${alias}.seq`)}`
        })`;
  const order = pg ? sql`xid, seq` : sql`seq`;
  const source = sql`win as (
      select * from (select c.entity, c.entity_id, c.seq${xidColumn} from change_log c
        where c.agency_id = ${actor.agencyId} and c.entity in (${entities}) and ${after('c')}
          and ${later('c', sql.ref('c.entity'), true)}
        order by ${pg ? sql`c.xid, ` : sql``}c.seq limit ${limit}) own
      union all
      select * from (select 'referral' as entity, r.id as entity_id, c.seq${xidColumn} from referral r
        join change_log c on c.entity_id = r.case_id and c.entity = 'case'
       where r.to_agency_id = ${actor.agencyId} and r.from_agency_id <> ${actor.agencyId}
         and r.state not in (${sql.join(UNSHARED_STATES)}) and ${after('c')}
         and ${later('c', sql.lit('case'), false)}
       order by ${pg ? sql`c.xid, ` : sql``}c.seq limit ${limit}) received),
    src as (select * from win order by ${order} limit ${limit})`;
  const latest = pg
    ? sql`last as (select distinct on (entity, entity_id) entity, entity_id, xid, seq from src
        order by entity, entity_id, xid desc, seq desc)`
    : sql`last as (select entity, entity_id, max(seq) as seq from src group by entity, entity_id)`;
  const inScope = scope.narrowed
    ? sql`case l.entity
        when 'case' then exists (select 1 from scoped s where s.id = l.entity_id)
        when 'person' then exists (select 1 from scoped s where s.person_id = l.entity_id)
        when 'note' then exists (select 1 from case_note n join scoped s on s.id = n.case_id
          where n.id = l.entity_id and ${scope.noteReadable('n')})
        else exists (select 1 from referral r where r.id = l.entity_id and (
          (r.from_agency_id = ${actor.agencyId} and r.case_id in (select id from scoped))
          or (${scope.receivedIn('r')})))
      end`
    : // The agency's own feed is its scope; who may read a note is decided as it is read
      // (pullNotes), not by a lookup per row here.
      sql`1 = 1`;
  // scope=mine: a case once assigned to the caller and now someone else's is revoked.
  const handedOn =
    mine && from
      ? sql` or (x.entity = 'case' and exists (select 1 from case_event e
          where e.case_id = x.entity_id and e.type = 'assigned'
            and ${pg ? sql`(e.details::json ->> 'to')` : sql`json_extract(e.details, '$.to')`} = ${actor.username}))`
      : sql``;
  // Every row of the window comes back (the last one is where the next page starts); those out
  // of scope are skipped below.
  // `scored` is materialised on PostgreSQL so each row's scope check runs once (`in_scope` is
  // read twice below).
  const scored = sql`scored as ${pg ? sql`materialized ` : sql``}(select l.*, ${inScope} as in_scope from last l)`;
  const { rows } = await sql<FeedRow>`with ${sql.join([...scope.ctes, source, latest, scored])}
    select x.entity, x.entity_id, x.seq, ${pg ? sql`x.xid::text as xid, ` : sql``}x.in_scope,
           (x.in_scope${handedOn}) as wanted, (select count(*) from src) as window_rows
      from scored x
     order by ${pg ? sql`x.xid, ` : sql``}x.seq`.execute(db);
  const page = rows.filter((r) => Boolean(r.wanted));

  const changes: PullChange[] = [];
  const revoked: { entity: string; id: string }[] = [];
  const sent = new Set<string>();
  const gone = new Set<string>();
  const revoke = (entity: string, id: string) => {
    if (sent.has(`${entity}:${id}`) || gone.has(`${entity}:${id}`)) return;
    gone.add(`${entity}:${id}`);
    revoked.push({ entity, id });
  };
  const ids = (entity: string) =>
    page.filter((r) => r.entity === entity && Boolean(r.in_scope)).map((r) => r.entity_id);
  const handedOnCases = page
    .filter((r) => r.entity === 'case' && !r.in_scope)
    .map((r) => r.entity_id);

  // The feed row each record is sent for: what the shared record cache keys it by.
  const seqs = (entity: string) =>
    new Map(
      page.filter((r) => r.entity === entity).map((r) => [r.entity_id, String(r.seq)] as const),
    );

  const caseIds = ids('case');
  const caseChanges = await pullCases(ctx, actor, caseIds, seqs('case'));
  for (const id of caseIds) {
    const change = caseChanges.get(id);
    if (change) {
      changes.push(change);
      sent.add(`case:${id}`);
    } else revoke('case', id);
  }
  // A narrowed scope: a case may come into it (assigned, or opened for a person met before),
  // so its person comes with it; scope=mine also brings the notes and referrals of a case
  // assigned to the caller since the cursor.
  const personIds = new Set(ids('person'));
  const noteIds = new Set(ids('note'));
  const withNotesOf: string[] = [];
  const referralIds = new Set(ids('referral'));
  if (scope.narrowed && from && caseChanges.size > 0) {
    for (const c of caseChanges.values())
      personIds.add((c.record as { person: { id: string } }).person.id);
    if (mine) {
      const cursorAt = await db
        .selectFrom('change_log')
        .select('at')
        .where('seq', '=', Number(position.seq))
        .executeTakeFirst();
      const since = cursorAt
        ? new Date(Date.parse(cursorAt.at) - ASSIGNMENT_SLACK_MS).toISOString()
        : '';
      const arrived = await db
        .selectFrom('case_event')
        .select('case_id')
        .distinct()
        .where('case_id', 'in', [...caseChanges.keys()])
        .where('type', '=', 'assigned')
        .where('at', '>=', since)
        .execute();
      if (arrived.length > 0) {
        const arrivedIds = arrived.map((a) => a.case_id);
        withNotesOf.push(...arrivedIds);
        for (const r of await db
          .selectFrom('referral')
          .select('id')
          .where('case_id', 'in', arrivedIds)
          .where('from_agency_id', '=', actor.agencyId)
          .execute())
          referralIds.add(r.id);
      }
    }
  }
  for (const p of await readPersons(ctx, actor, [...personIds])) {
    if (p.record) {
      changes.push(p.record);
      sent.add(`person:${p.id}`);
    } else revoke('person', p.id);
  }
  const { readable: notes, withheld } = await pullNotes(
    ctx,
    actor,
    [...noteIds],
    seqs('note'),
    withNotesOf,
  );
  // A note the caller may not read (sensitive, another author's) is skipped, not revoked: the
  // device never held it. One gone is revoked.
  for (const id of noteIds) if (!notes.has(id) && !withheld.has(id)) revoke('note', id);
  for (const note of notes.values()) {
    changes.push({ entity: 'note', id: note.id, version: 1, record: note });
    sent.add(`note:${note.id}`);
  }
  for (const id of referralIds) {
    try {
      const referral = await getReferral(ctx, id, false);
      // Declined or cancelled: the receiving agency no longer sees the case, so the device drops it.
      if (
        referral.side === 'receiver' &&
        referral.shared === null &&
        referral.fromAgency.id !== actor.agencyId
      )
        revoke('referral', id);
      else {
        changes.push({ entity: 'referral', id, version: referral.version, record: referral });
        sent.add(`referral:${id}`);
      }
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404) revoke('referral', id);
      else throw error;
    }
  }
  if (handedOnCases.length > 0) await revokeHandedOn(ctx, actor, scope, handedOnCases, revoke);

  if (changes.length > 0)
    await audit(ctx, db, {
      action: 'sync.pull',
      entity: 'case',
      entityIds: changes.filter((c) => c.entity !== 'referral').map((c) => c.id),
      details: {
        deviceId,
        referrals: changes.filter((c) => c.entity === 'referral').length,
        ...(key === '' ? {} : { scope: query.scope ?? 'agency', area: query.area ?? null }),
      },
    });
  const last = rows.at(-1);
  const next = last ? { xid: last.xid ?? '0', seq: String(last.seq) } : position;
  return {
    changes,
    revoked,
    cursor: writeCursor(ctx, next, key),
    more: Number(rows[0]?.window_rows ?? 0) >= limit,
    ...(from === null
      ? {
          estimate: {
            records: await estimate(ctx, actor, scope),
            warnAbove: ctx.deps.config.syncWarnRecords,
          },
        }
      : {}),
  };
}

/**
 * scope=mine: cases handed on to someone else leave the device, with their
 * notes, the referrals sent for them, and their person unless another case of
 * the scope still refers to it.
 */
async function revokeHandedOn(
  ctx: Ctx,
  actor: Actor,
  scope: ScopeSql,
  caseIds: string[],
  revoke: (entity: string, id: string) => void,
): Promise<void> {
  const db = ctx.deps.db;
  for (const id of caseIds) revoke('case', id);
  for (const n of await db
    .selectFrom('case_note')
    .select('id')
    .where('case_id', 'in', caseIds)
    .execute())
    revoke('note', n.id);
  // A referral to the caller's own agency, assigned to the caller, stays (received, in scope).
  for (const r of await db
    .selectFrom('referral')
    .select(['id', 'to_agency_id', 'assigned_user_id'])
    .where('case_id', 'in', caseIds)
    .where('from_agency_id', '=', actor.agencyId)
    .execute())
    if (!(r.to_agency_id === actor.agencyId && r.assigned_user_id === actor.userId))
      revoke('referral', r.id);
  const persons = (
    await db.selectFrom('case_file').select('person_id').where('id', 'in', caseIds).execute()
  ).map((c) => c.person_id);
  if (persons.length === 0) return;
  const { rows: kept } = await sql<{ person_id: string }>`with ${sql.join(scope.ctes)}
    select distinct person_id from scoped where person_id in (${sql.join(persons)})`.execute(db);
  const keep = new Set(kept.map((k) => k.person_id));
  for (const p of persons) if (!keep.has(p)) revoke('person', p);
}
