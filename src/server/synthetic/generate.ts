import { sql } from 'kysely';
import {
  CASE_STEPS,
  type CaseStep,
  nameKey,
  type RiskLevel,
  responseTask,
} from '../../core/index.ts';
import { appendAudit } from '../audit/auditLog.ts';
import type { Deps } from '../context.ts';
import { bulkInsert } from '../db/bulkInsert.ts';
import type { Database } from '../db/schema.ts';
import { uuidv7 } from '../ids.ts';
import type { PackRules } from '../packs/loadPack.ts';
import { DEFAULT_RESPONSE_TARGETS } from '../services/packRules.ts';
import { personKeyRows } from '../services/persons.ts';
import { KEY_LOAD, moveLoadedKeys, openKeyLoad } from './keyLoad.ts';
import type { NamePool } from './names.ts';
import {
  type DrawnName,
  drawName,
  familyNameOf,
  givenNameOf,
  pickPool,
  recordedAgain,
} from './personNames.ts';
import { SeededRandom } from './random.ts';

export interface GenerateOptions {
  cases: number;
  /** Share of persons recorded again by another agency, with realistic variations. */
  duplicateShare: number;
  seed: number;
  /** Identification dates spread over the last N weeks (default 52). */
  weeks?: number | undefined;
  /** More cases than usual in one area over the last complete weeks (to try the alerts). */
  surge?: Surge | undefined;
  batchSize?: number;
  /** PostgreSQL: batches written at once, on separate connections (default 2). */
  writers?: number;
  onProgress?: (done: number, total: number) => void;
}

/** `--surge AREA:WEEKS:FACTOR`: the area gets FACTOR times its usual cases in each of the last WEEKS complete weeks. */
export interface Surge {
  area: string;
  weeks: number;
  factor: number;
}

export interface GenerateResult {
  persons: number;
  cases: number;
  duplicates: number;
  ms: number;
}

interface Identity {
  id: string;
  pool: NamePool;
  sex: 'female' | 'male';
  name: DrawnName;
  birthDate: string;
  area: string;
}

const CASE_AGENCY_TYPES = ['labour_inspection', 'child_protection', 'police', 'ngo'];
const STEP_WEIGHTS: [CaseStep, number][] = [
  ['identification', 0.2],
  ['assessment', 0.2],
  ['case_planning', 0.15],
  ['implementation', 0.2],
  ['follow_up', 0.15],
  ['closed', 0.1],
];

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Creates persons and cases across the pack's areas and agencies, in batches of
 * multi-row inserts with one audit row per batch; a share of persons is
 * recorded again by another agency with spelling variants, typos, swapped or
 * shifted birth dates or estimated ages, the truth kept in `synthetic_truth`.
 */
/**
 * Runs a batch's transaction again when PostgreSQL broke a deadlock by cancelling it (two
 * writers meeting on the same count rows; the batch rolled back whole, so running it again is
 * safe). Anything else, or a third deadlock, fails the run.
 */
export async function retryDeadlocks<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw error;
    }
  }
}

export async function generateCases(deps: Deps, options: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const rng = new SeededRandom(options.seed);
  // Name parts beyond the given and family name, and later records' variations: their own
  // sequence, so that the name lists can grow without moving everything else a seed makes.
  const names = new SeededRandom(options.seed ^ 0x5bd1e995);
  const { db, clock } = deps;
  const now = clock.now();
  const pack = await db
    .selectFrom('pack')
    .select(['country_code', 'rules'])
    .orderBy('loaded_at', 'desc')
    .executeTakeFirst();
  const rules = pack ? (JSON.parse(pack.rules) as PackRules) : {};
  const targets = rules.responseTargets ?? DEFAULT_RESPONSE_TARGETS;
  const maxLevel = await db
    .selectFrom('area')
    .select((eb) => eb.fn.max('level').as('m'))
    .executeTakeFirst();
  const leaves = (
    await db
      .selectFrom('area')
      .select('code')
      .where('level', '=', Number(maxLevel?.m ?? 0))
      .execute()
  ).map((a) => a.code);
  const agencies = await db
    .selectFrom('agency')
    .select(['id', 'type'])
    .where('type', 'in', CASE_AGENCY_TYPES)
    .where('disabled', '=', 0)
    .execute();
  if (agencies.length === 0 || leaves.length === 0)
    throw new Error(
      'load a country pack with areas and case-working agencies first (npx pathfinder seed)',
    );
  const users = await db.selectFrom('app_user').select(['id', 'agency_id']).execute();
  const actorOf = (agencyId: string) =>
    users.find((u) => u.agency_id === agencyId)?.id ?? 'system:generate';
  const year = now.getUTCFullYear();
  const lastDay = options.weeks === undefined ? 364 : options.weeks * 7 - 1;
  const surge = options.surge;
  if (
    surge &&
    !(await db.selectFrom('area').select('code').where('code', '=', surge.area).executeTakeFirst())
  )
    throw new Error(`--surge: no area ${surge.area} in the loaded pack`);
  // The share of cases that make the surge: (factor − 1) × the area's usual weekly count, each surge week.
  const surgeRatio = surge
    ? ((surge.factor - 1) * surge.weeks) / ((leaves.length * (lastDay + 1)) / 7)
    : 0;
  const surgeShare = surgeRatio / (1 + surgeRatio);
  const thisMonday =
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) -
    ((now.getUTCDay() + 6) % 7) * 86_400_000;
  const batchSize = options.batchSize ?? 2000;
  let made = 0;
  let duplicates = 0;
  let persons = 0;
  let serial = (
    await db
      .selectFrom('case_file')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

  // PostgreSQL: search keys wait in a plain table and enter person_key's index once, sorted, at
  // the end (KEY_LOAD); a run that stopped midway left its keys there: they go in first.
  const staged = deps.dialect === 'postgres';
  if (staged) {
    await moveLoadedKeys(deps);
    await openKeyLoad(deps);
  }

  // Batches being written, at most `writers` at once (SQLite has one writer: one).
  const writers = deps.dialect === 'postgres' ? (options.writers ?? 2) : 1;
  const inflight = new Set<Promise<void>>();
  let reported: Promise<void> = Promise.resolve();
  try {
    while (made < options.cases) {
      const rows = {
        person: [] as Database['person'][],
        person_key: [] as Database['person_key'][],
        case_file: [] as Database['case_file'][],
        task: [] as Database['task'][],
        case_event: [] as Database['case_event'][],
        synthetic_truth: [] as Database['synthetic_truth'][],
        // Devices pull by the change log: generated records reach them like any other.
        change_log: [] as Omit<Database['change_log'], 'seq' | 'xid'>[],
      };
      const target = Math.min(batchSize, options.cases - made);
      while (rows.case_file.length < target) {
        const pool = pickPool(rng);
        const sex = rng.chance(0.5) ? 'female' : 'male';
        const child = rng.chance(0.75);
        const age = child ? rng.int(5, 17) : rng.int(18, 45);
        const birth = new Date(Date.UTC(year - age - 1, rng.int(0, 11), rng.int(1, 28)));
        const identity: Identity = {
          id: crypto.randomUUID(),
          pool,
          sex,
          name: drawName(rng, names, pool, sex),
          birthDate: isoDate(birth),
          area: rng.pick(leaves),
        };
        const surging = surge !== undefined && rng.chance(surgeShare);
        if (surging) identity.area = surge.area;
        const records = rng.chance(options.duplicateShare) ? 2 : 1;
        const firstAgency = rng.pick(agencies);
        for (let r = 0; r < records && rows.case_file.length < target; r++) {
          const agency =
            r === 0
              ? firstAgency
              : rng.pick(
                  agencies
                    .filter((a) => a.id !== firstAgency.id)
                    .concat(agencies.length === 1 ? [firstAgency] : []),
                );
          const copy = r > 0;
          if (copy) duplicates += 1;
          const { given, family } = copy
            ? recordedAgain(names, pool, identity.name)
            : { given: givenNameOf(identity.name), family: familyNameOf(identity.name) };
          let birthDate: string | null = identity.birthDate;
          let estimated: number | null = null;
          if (copy) {
            const kind = rng.int(0, 3);
            if (kind === 0)
              birthDate = `${identity.birthDate.slice(0, 5)}${identity.birthDate.slice(8, 10)}-${identity.birthDate.slice(5, 7)}`;
            if (kind === 1)
              birthDate = `${Number(identity.birthDate.slice(0, 4)) + rng.pick([-1, 1])}${identity.birthDate.slice(4)}`;
            if (kind === 2) {
              birthDate = null;
              estimated = age + rng.pick([-1, 0, 1]);
            }
            if (birthDate && Number(birthDate.slice(5, 7)) > 12) birthDate = identity.birthDate;
          } else if (rng.chance(0.3)) {
            birthDate = null;
            estimated = age;
          }
          const identified = surging
            ? new Date(
                thisMonday - rng.int(1, surge.weeks * 7) * 86_400_000 + rng.int(0, 86_399) * 1000,
              )
            : new Date(
                now.getTime() - rng.int(0, lastDay) * 86_400_000 - rng.int(0, 86_399) * 1000,
              );
          const at = identified.toISOString();
          // Time-ordered ids: each batch lands at the right edge of the indexes.
          const personId = uuidv7();
          const caseId = uuidv7();
          const risk = rng.weighted<RiskLevel>([
            ['high', 0.25],
            ['medium', 0.45],
            ['low', 0.3],
          ]);
          const step = rng.weighted(STEP_WEIGHTS);
          const topics = child
            ? rng.chance(0.85)
              ? ['child_labour']
              : ['child_labour', 'trafficking']
            : rng.chance(0.6)
              ? ['forced_labour']
              : ['trafficking', 'forced_labour'];
          const actor = actorOf(agency.id);
          rows.person.push({
            id: personId,
            given_name: given,
            family_name: family,
            name_key: nameKey(given, family),
            sex,
            birth_date: birthDate,
            estimated_age: estimated,
            age_recorded_on: isoDate(identified),
            area_code: identity.area,
            owner_agency_id: agency.id,
            version: 1,
            field_versions: '{}',
            created_at: at,
            updated_at: at,
          });
          rows.person_key.push(
            ...personKeyRows(personId, agency.id, nameKey(given, family), rows.person.at(-1)),
          );
          serial += 1;
          rows.case_file.push({
            id: caseId,
            reference: `${pack?.country_code ?? 'PF'}-${identified.getUTCFullYear()}-S${serial.toString(32).toUpperCase().padStart(7, '0')}`,
            person_id: personId,
            topics: topics.join(','),
            step,
            risk_level: risk,
            owner_agency_id: agency.id,
            area_code: identity.area,
            created_by: actor,
            assigned_user_id: actor.startsWith('system:') ? null : actor,
            identified_at: at,
            closed_at:
              step === 'closed'
                ? new Date(identified.getTime() + rng.int(30, 200) * 86_400_000).toISOString()
                : null,
            closure_requested_by: null,
            version: 1 + CASE_STEPS.indexOf(step),
            field_versions: '{}',
            created_at: at,
            updated_at: at,
          });
          const task = responseTask(risk, at, targets);
          rows.task.push({
            id: uuidv7(),
            case_id: caseId,
            kind: task.kind,
            due_at: task.dueAt,
            done_at:
              step === 'identification'
                ? null
                : new Date(
                    identified.getTime() + rng.int(1, task.hours * 2) * 3_600_000,
                  ).toISOString(),
            agency_id: agency.id,
            created_at: at,
          });
          rows.case_event.push({
            id: uuidv7(),
            case_id: caseId,
            at,
            actor_user_id: actor,
            type: 'opened',
            details: JSON.stringify({ riskLevel: risk, topics, synthetic: true }),
          });
          rows.synthetic_truth.push({ person_id: personId, identity: identity.id });
          const logged = { agency_id: agency.id, area_code: identity.area, at };
          rows.change_log.push(
            { entity: 'person', entity_id: personId, version: 1, ...logged },
            { entity: 'case', entity_id: caseId, version: 1 + CASE_STEPS.indexOf(step), ...logged },
          );
          persons += 1;
        }
      }
      // The database writes this batch while the next one is being made (two cores, both busy).
      while (inflight.size >= writers) await Promise.race(inflight);
      const batchCases = rows.case_file.length;
      // Search keys in index order: a batch's keys then land on neighbouring leaves of the key
      // index one after another, instead of at random across an index far larger than the cache.
      rows.person_key.sort((x, y) =>
        x.agency_id !== y.agency_id
          ? x.agency_id < y.agency_id
            ? -1
            : 1
          : x.key !== y.key
            ? x.key < y.key
              ? -1
              : 1
            : x.person_id < y.person_id
              ? -1
              : 1,
      );
      const writeBatch = () =>
        db.transaction().execute(async (trx) => {
          // Made-up data, made again on demand: no need to wait for each batch to reach the disk.
          if (deps.dialect === 'postgres') {
            await sql`SET LOCAL synchronous_commit = off`.execute(trx);
            // Dashboard counts by one grouped upsert per statement, not per case (migration 0013).
            await sql`SET LOCAL pathfinder.dashboard_bulk = 'on'`.execute(trx);
          }
          // Parents first (the object's key order); each table in one JSON-parameter statement.
          for (const [table, list] of Object.entries(rows) as [keyof typeof rows, object[]][])
            await bulkInsert(
              trx,
              deps.dialect,
              // The load table has person_key's columns (not its keys): typed as person_key.
              table === 'person_key' && staged ? (KEY_LOAD as 'person_key') : table,
              list as Record<string, unknown>[],
            );
          await appendAudit(
            trx,
            clock,
            { userId: 'system:generate', agencyId: null, requestId: null, ip: null },
            {
              action: 'synthetic.generate',
              entity: 'case',
              entityIds: [],
              details: { cases: rows.case_file.length, seed: options.seed },
            },
          );
        });
      const writing = retryDeadlocks(writeBatch);
      made += batchCases;
      const done = made;
      const tracked: Promise<void> = writing.then(() => {
        inflight.delete(tracked);
      });
      inflight.add(tracked);
      // Progress in batch order, whichever batch finishes first.
      reported = Promise.all([reported, tracked]).then(() =>
        options.onProgress?.(done, options.cases),
      );
      // A failed batch is reported by the loop or the final wait, not as an unhandled rejection.
      reported.catch(() => undefined);
    }
    await Promise.all([...inflight, reported]);
  } finally {
    // Whatever became of the other batches, the keys of those written go in (else their persons
    // would stay unsearchable until the next run).
    await Promise.allSettled(inflight);
    if (staged) await moveLoadedKeys(deps);
  }
  // Fresh statistics for PostgreSQL's planner: until autovacuum reaches tables that grew from
  // nothing it believes they hold a row or two, and picks plans that made a sync page of a fresh
  // 40k-case node take 12 s instead of 6 ms. (SQLite plans without statistics, as it always has.)
  if (deps.dialect === 'postgres') await sql`analyze`.execute(deps.db);
  return { persons, cases: made, duplicates, ms: Date.now() - started };
}
