import { type Kysely, sql } from 'kysely';
import { isPostgres } from './0001_foundation.ts';

/**
 * Dashboards (issue #7, docs/dashboards.md): two tables of case counts kept
 * current by triggers on `case_file` in the writing transaction itself, so
 * every path that writes a case (intake, workflow moves, sync, merges, the
 * bulk `generate`) keeps them right, and a dashboard reads thousands of rows
 * instead of counting a million cases.
 *
 * - `dashboard_week_count`: cases newly identified per running week (see
 *   seriesWeeks.ts), area leaf, owning agency and topic set.
 * - `dashboard_state_count`: every case as it stands now, per area leaf,
 *   owning agency, topic set, workflow step and risk level.
 *
 * PostgreSQL: statement-level triggers over transition tables (one grouped
 * upsert per statement, in key order so concurrent writers lock rows in the
 * same order); SQLite: row triggers. Counts that fall to zero stay as rows of 0.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('dashboard_week_count')
    .addColumn('week', 'integer', (c) => c.notNull())
    .addColumn('area_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('agency_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('topics', 'varchar(200)', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dashboard_week_count_pk', [
      'week',
      'area_code',
      'agency_id',
      'topics',
    ])
    .execute();
  await db.schema
    .createIndex('dashboard_week_agency_idx')
    .on('dashboard_week_count')
    .columns(['agency_id', 'week'])
    .execute();
  await db.schema
    .createTable('dashboard_state_count')
    .addColumn('area_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('agency_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('topics', 'varchar(200)', (c) => c.notNull())
    .addColumn('step', 'varchar(40)', (c) => c.notNull())
    .addColumn('risk_level', 'varchar(20)', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dashboard_state_count_pk', [
      'area_code',
      'agency_id',
      'topics',
      'step',
      'risk_level',
    ])
    .execute();
  await db.schema
    .createIndex('dashboard_state_agency_idx')
    .on('dashboard_state_count')
    .column('agency_id')
    .execute();

  if (pg) {
    const week = (t: string) =>
      `((substr(${t}.identified_at, 1, 10)::date - date '1970-01-05') / 7)`;
    // Old rows count −1, new rows +1; only keys whose count changes are written.
    const apply = (sources: [string, number][]) => {
      const weekRows = sources
        .map(
          ([t, d]) =>
            `SELECT ${week(t)} AS week, ${t}.area_code, ${t}.owner_agency_id AS agency_id, ${t}.topics, ${d} AS d FROM ${t}`,
        )
        .join(' UNION ALL ');
      const stateRows = sources
        .map(
          ([t, d]) =>
            `SELECT ${t}.area_code, ${t}.owner_agency_id AS agency_id, ${t}.topics, ${t}.step, ${t}.risk_level, ${d} AS d FROM ${t}`,
        )
        .join(' UNION ALL ');
      return `
        INSERT INTO dashboard_week_count AS w (week, area_code, agency_id, topics, n)
          SELECT week, area_code, agency_id, topics, sum(d) FROM (${weekRows}) x
          GROUP BY week, area_code, agency_id, topics HAVING sum(d) <> 0
          ORDER BY week, area_code, agency_id, topics
        ON CONFLICT (week, area_code, agency_id, topics) DO UPDATE SET n = w.n + excluded.n;
        INSERT INTO dashboard_state_count AS s (area_code, agency_id, topics, step, risk_level, n)
          SELECT area_code, agency_id, topics, step, risk_level, sum(d) FROM (${stateRows}) x
          GROUP BY area_code, agency_id, topics, step, risk_level HAVING sum(d) <> 0
          ORDER BY area_code, agency_id, topics, step, risk_level
        ON CONFLICT (area_code, agency_id, topics, step, risk_level) DO UPDATE SET n = s.n + excluded.n;`;
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
    const add = (r: string, d: number) => `
      INSERT INTO dashboard_week_count (week, area_code, agency_id, topics, n)
        VALUES (${week(r)}, ${r}.area_code, ${r}.owner_agency_id, ${r}.topics, ${d})
        ON CONFLICT (week, area_code, agency_id, topics) DO UPDATE SET n = n + ${d};
      INSERT INTO dashboard_state_count (area_code, agency_id, topics, step, risk_level, n)
        VALUES (${r}.area_code, ${r}.owner_agency_id, ${r}.topics, ${r}.step, ${r}.risk_level, ${d})
        ON CONFLICT (area_code, agency_id, topics, step, risk_level) DO UPDATE SET n = n + ${d};`;
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
    ? sql.raw(`((substr(identified_at, 1, 10)::date - date '1970-01-05') / 7)`)
    : sql.raw(`cast((julianday(substr(identified_at, 1, 10)) - 2440591.5) / 7 as integer)`);
  await sql`INSERT INTO dashboard_week_count (week, area_code, agency_id, topics, n)
    SELECT ${weekOf}, area_code, owner_agency_id, topics, count(*) FROM case_file
    GROUP BY ${weekOf}, area_code, owner_agency_id, topics`.execute(db);
  await sql`INSERT INTO dashboard_state_count (area_code, agency_id, topics, step, risk_level, n)
    SELECT area_code, owner_agency_id, topics, step, risk_level, count(*) FROM case_file
    GROUP BY area_code, owner_agency_id, topics, step, risk_level`.execute(db);
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
