import { type Kysely, sql } from 'kysely';
import { isPostgres } from './0001_foundation.ts';

/**
 * Dashboards (issue #7, docs/dashboards.md): two tables of case counts kept
 * current by triggers on `case_file` in the writing transaction itself, so
 * every path that writes a case (intake, workflow moves, sync, merges, the
 * bulk `generate`) keeps them right, and a dashboard reads thousands of rows
 * instead of counting a million cases.
 *
 * Each case counts twice in each table: once under its area (`scope` 'area',
 * `code` the area it sits in) and once under its owning agency (`scope`
 * 'agency'), so the national and area views read only area rows and an
 * agency view only its own few rows.
 *
 * - `dashboard_week_count`: cases newly identified per running week (see
 *   seriesWeeks.ts) and topic set.
 * - `dashboard_state_count`: every case as it stands now, per topic set,
 *   workflow step and risk level.
 *
 * PostgreSQL: row triggers deferred to commit (a count row is locked only
 * while its transaction commits, so concurrent writers of the same week, area
 * and topics barely wait), and for a bulk load that sets
 * `pathfinder.dashboard_bulk` one grouped upsert per statement over its
 * transition table instead; SQLite (one writer): row triggers. Counts that
 * fall to zero stay as rows of 0.
 */
/** The case columns the counts depend on. */
const WATCHED = ['identified_at', 'area_code', 'owner_agency_id', 'topics', 'step', 'risk_level'];

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('dashboard_week_count')
    .addColumn('scope', 'varchar(8)', (c) => c.notNull())
    .addColumn('week', 'integer', (c) => c.notNull())
    .addColumn('code', 'varchar(64)', (c) => c.notNull())
    .addColumn('topics', 'varchar(200)', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dashboard_week_count_pk', ['scope', 'week', 'code', 'topics'])
    .execute();
  await db.schema
    .createTable('dashboard_state_count')
    .addColumn('scope', 'varchar(8)', (c) => c.notNull())
    .addColumn('code', 'varchar(64)', (c) => c.notNull())
    .addColumn('topics', 'varchar(200)', (c) => c.notNull())
    .addColumn('step', 'varchar(40)', (c) => c.notNull())
    .addColumn('risk_level', 'varchar(20)', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dashboard_state_count_pk', [
      'scope',
      'code',
      'topics',
      'step',
      'risk_level',
    ])
    .execute();

  // A case's two places: its area and its owning agency.
  const scopes = (t: string): [string, string][] => [
    ["'area'", `${t}.area_code`],
    ["'agency'", `${t}.owner_agency_id`],
  ];
  if (pg) {
    const week = (t: string) =>
      `((substr(${t}.identified_at, 1, 10)::date - date '1970-01-05') / 7)`;
    // Old rows count −1, new rows +1; only keys whose count changes are written.
    // Each source is [alias, what it is read from, ±1].
    const apply = (sources: [string, string, number][]) => {
      const each = (select: (t: string, scope: string, code: string) => string) =>
        sources
          .flatMap(([t, from, d]) =>
            scopes(t).map(
              ([scope, code]) => `SELECT ${select(t, scope, code)}, ${d} AS d FROM ${from}`,
            ),
          )
          .join(' UNION ALL ');
      const weekRows = each(
        (t, scope, code) => `${scope} AS scope, ${week(t)} AS week, ${code} AS code, ${t}.topics`,
      );
      const stateRows = each(
        (t, scope, code) =>
          `${scope} AS scope, ${code} AS code, ${t}.topics, ${t}.step, ${t}.risk_level`,
      );
      return `
        INSERT INTO dashboard_week_count AS w (scope, week, code, topics, n)
          SELECT scope, week, code, topics, sum(d) FROM (${weekRows}) x
          GROUP BY scope, week, code, topics HAVING sum(d) <> 0
          ORDER BY scope, week, code, topics
        ON CONFLICT (scope, week, code, topics) DO UPDATE SET n = w.n + excluded.n;
        INSERT INTO dashboard_state_count AS s (scope, code, topics, step, risk_level, n)
          SELECT scope, code, topics, step, risk_level, sum(d) FROM (${stateRows}) x
          GROUP BY scope, code, topics, step, risk_level HAVING sum(d) <> 0
          ORDER BY scope, code, topics, step, risk_level
        ON CONFLICT (scope, code, topics, step, risk_level) DO UPDATE SET n = s.n + excluded.n;`;
    };
    const oldRow: [string, string, number] = ['old_cases', '(SELECT OLD.*) old_cases', -1];
    const newRow: [string, string, number] = ['new_cases', '(SELECT NEW.*) new_cases', 1];
    // Everyday writes: a row trigger deferred to commit, so a count row is locked only while
    // the transaction commits — writers of the same week, area and topics barely wait.
    await sql`CREATE FUNCTION dashboard_count_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${sql.raw(apply([newRow]))}
        ELSIF TG_OP = 'DELETE' THEN ${sql.raw(apply([oldRow]))}
        ELSE ${sql.raw(apply([oldRow, newRow]))}
        END IF;
        RETURN NULL;
      END $$`.execute(db);
    // A bulk load (generate) sets pathfinder.dashboard_bulk = 'on' for its transaction:
    // then one grouped upsert per statement instead of one per row.
    const bulk = `current_setting('pathfinder.dashboard_bulk', true)`;
    await sql`CREATE FUNCTION dashboard_count_bulk() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${sql.raw(apply([['new_cases', 'new_cases', 1]]))} RETURN NULL; END $$`.execute(db);
    await sql`CREATE TRIGGER case_dashboard_bulk AFTER INSERT ON case_file
      REFERENCING NEW TABLE AS new_cases FOR EACH STATEMENT
      WHEN (${sql.raw(bulk)} = 'on')
      EXECUTE FUNCTION dashboard_count_bulk()`.execute(db);
    await sql`CREATE CONSTRAINT TRIGGER case_dashboard_insert AFTER INSERT ON case_file
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (${sql.raw(bulk)} IS DISTINCT FROM 'on')
      EXECUTE FUNCTION dashboard_count_row()`.execute(db);
    const changed = WATCHED.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
    await sql`CREATE CONSTRAINT TRIGGER case_dashboard_update AFTER UPDATE ON case_file
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (${sql.raw(changed)})
      EXECUTE FUNCTION dashboard_count_row()`.execute(db);
    await sql`CREATE CONSTRAINT TRIGGER case_dashboard_delete AFTER DELETE ON case_file
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      EXECUTE FUNCTION dashboard_count_row()`.execute(db);
  } else {
    const week = (r: string) =>
      `cast((julianday(substr(${r}.identified_at, 1, 10)) - 2440591.5) / 7 as integer)`;
    const add = (r: string, d: number) =>
      scopes(r)
        .map(
          ([scope, code]) => `
      INSERT INTO dashboard_week_count (scope, week, code, topics, n)
        VALUES (${scope}, ${week(r)}, ${code}, ${r}.topics, ${d})
        ON CONFLICT (scope, week, code, topics) DO UPDATE SET n = n + ${d};
      INSERT INTO dashboard_state_count (scope, code, topics, step, risk_level, n)
        VALUES (${scope}, ${code}, ${r}.topics, ${r}.step, ${r}.risk_level, ${d})
        ON CONFLICT (scope, code, topics, step, risk_level) DO UPDATE SET n = n + ${d};`,
        )
        .join('');

    await sql`CREATE TRIGGER case_dashboard_insert AFTER INSERT ON case_file
      BEGIN ${sql.raw(add('NEW', 1))} END`.execute(db);
    await sql`CREATE TRIGGER case_dashboard_update AFTER UPDATE OF ${sql.raw(WATCHED.join(', '))} ON case_file
      BEGIN ${sql.raw(add('OLD', -1))} ${sql.raw(add('NEW', 1))} END`.execute(db);
    await sql`CREATE TRIGGER case_dashboard_delete AFTER DELETE ON case_file
      BEGIN ${sql.raw(add('OLD', -1))} END`.execute(db);
  }

  // The cases already there.
  const weekOf = pg
    ? `((substr(identified_at, 1, 10)::date - date '1970-01-05') / 7)`
    : `cast((julianday(substr(identified_at, 1, 10)) - 2440591.5) / 7 as integer)`;
  for (const [scope, code] of scopes('case_file')) {
    await sql`INSERT INTO dashboard_week_count (scope, week, code, topics, n)
      SELECT ${sql.raw(scope)}, ${sql.raw(weekOf)}, ${sql.raw(code)}, topics, count(*) FROM case_file
      GROUP BY ${sql.raw(weekOf)}, ${sql.raw(code)}, topics`.execute(db);
    await sql`INSERT INTO dashboard_state_count (scope, code, topics, step, risk_level, n)
      SELECT ${sql.raw(scope)}, ${sql.raw(code)}, topics, step, risk_level, count(*) FROM case_file
      GROUP BY ${sql.raw(code)}, topics, step, risk_level`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    for (const t of ['bulk', 'insert', 'update', 'delete'])
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`case_dashboard_${t}`)} ON case_file`.execute(db);
    await sql`DROP FUNCTION IF EXISTS dashboard_count_row()`.execute(db);
    await sql`DROP FUNCTION IF EXISTS dashboard_count_bulk()`.execute(db);
  } else {
    for (const t of ['insert', 'update', 'delete'])
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`case_dashboard_${t}`)}`.execute(db);
  }
  await db.schema.dropTable('dashboard_state_count').execute();
  await db.schema.dropTable('dashboard_week_count').execute();
}
