import pg from 'pg';

/** The PostgreSQL server tests may use, from PATHFINDER_TEST_PG_URL. */
export const PG_URL = process.env.PATHFINDER_TEST_PG_URL || undefined;

/** Dialects every integration suite runs on: SQLite always, PostgreSQL when configured. */
export const DIALECTS: readonly ('sqlite' | 'postgres')[] = PG_URL
  ? ['sqlite', 'postgres']
  : ['sqlite'];

if (!PG_URL && process.env.PATHFINDER_REQUIRE_ALL === '1') {
  throw new Error(
    'PATHFINDER_REQUIRE_ALL=1 but PATHFINDER_TEST_PG_URL is not set: the PostgreSQL suites cannot run',
  );
}

/** Creates an empty database on the test server; returns its URL and how to drop it. */
export async function scratchPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!PG_URL) throw new Error('PATHFINDER_TEST_PG_URL is not set');
  const name = `pf_t_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
