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
 * PostgreSQL: statement-level triggers over transition tables (one grouped
 * upsert per statement, in key order so concurrent writers lock rows in the
 * same order); SQLite: row triggers. Counts that fall to zero stay as rows of 0.
 */
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
    const apply = (sources: [string, number][]) => {
      const each = (select: (t: string, scope: string, code: string) => string) =>
        sources
          .flatMap(([t, d]) =>
            scopes(t).map(
              ([scope, code]) => `SELECT ${select(t, scope, code)}, ${d} AS d FROM ${t}`,
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
    const fn = (name: string, body: string) =>
      sql`CREATE FUNCTION ${sql.raw(name)}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN ${sql.raw(body)} RETURN NULL; END $$`.execute(db);
    await fn('dashboard_count_insert', apply([['new_cases', 1]]));
    await fn(
      'dashboard_count_update',
      apply([
        ['old_cases', -1],
        ['new_cases', 1],
      ]),
    );
    await fn('dashboard_count_delete', apply([['old_cases', -1]]));
    await sql`CREATE TRIGGER case_dashboard_insert AFTER INSERT ON case_file
      REFERENCING NEW TABLE AS new_cases FOR EACH STATEMENT
      EXECUTE FUNCTION dashboard_count_insert()`.execute(db);
    await sql`CREATE TRIGGER case_dashboard_update AFTER UPDATE ON case_file
      REFERENCING OLD TABLE AS old_cases NEW TABLE AS new_cases FOR EACH STATEMENT
      EXECUTE FUNCTION dashboard_count_update()`.execute(db);
    await sql`CREATE TRIGGER case_dashboard_delete AFTER DELETE ON case_file
      REFERENCING OLD TABLE AS old_cases FOR EACH STATEMENT
      EXECUTE FUNCTION dashboard_count_delete()`.execute(db);
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
    const watched = [
      'identified_at',
      'area_code',
      'owner_agency_id',
      'topics',
      'step',
      'risk_level',
    ];
    await sql`CREATE TRIGGER case_dashboard_insert AFTER INSERT ON case_file
      BEGIN ${sql.raw(add('NEW', 1))} END`.execute(db);
    await sql`CREATE TRIGGER case_dashboard_update AFTER UPDATE OF ${sql.raw(watched.join(', '))} ON case_file
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
    for (const t of ['insert', 'update', 'delete']) {
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`case_dashboard_${t}`)} ON case_file`.execute(db);
      await sql`DROP FUNCTION IF EXISTS ${sql.raw(`dashboard_count_${t}`)}()`.execute(db);
    }
  } else {
    for (const t of ['insert', 'update', 'delete'])
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`case_dashboard_${t}`)}`.execute(db);
  }
  await db.schema.dropTable('dashboard_state_count').execute();
  await db.schema.dropTable('dashboard_week_count').execute();
}
