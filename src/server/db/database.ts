import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { Socket } from 'node:net';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

/** An open database and how to close it. */
export interface Db {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, without credentials (for logs and `/ready`). */
  location: string;
  /** The SQLite file, when the node runs on the embedded database. */
  sqliteFile?: string;
  close(): Promise<void>;
}

export interface DbOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
}

// COUNT(*) and BIGINT come back from pg as strings; our counts and sequences fit in a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/** Opens PostgreSQL when `databaseUrl` is set, else the embedded SQLite file under `dataDir`. */
export function openDatabase(options: DbOptions): Db {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 20);
  mkdirSync(options.dataDir, { recursive: true });
  return openSqlite(join(resolve(options.dataDir), 'pathfinder.sqlite'));
}

export function openSqlite(file: string): Db {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB of page cache (default 2 MiB): random-key indexes of large tables stay in memory.
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    dialect: 'sqlite',
    location: file,
    sqliteFile: file,
    close: () => db.destroy(),
  };
}

/**
 * A socket that sends the several protocol messages of one query (parse, bind,
 * execute, sync) as one buffer in one write, instead of a scatter write of many
 * small buffers. Measured here: scatter writes cost a quarter of the API's CPU.
 */
class CoalescingSocket extends Socket {
  override _writev(
    chunks: { chunk: Buffer | string; encoding: BufferEncoding }[],
    callback: (error?: Error | null) => void,
  ): void {
    const buffers = chunks.map((c) =>
      typeof c.chunk === 'string' ? Buffer.from(c.chunk, c.encoding) : c.chunk,
    );
    // 'buffer' tells net.Socket the chunk is a Buffer (any string encoding would make it write a string).
    this._write(Buffer.concat(buffers), 'buffer' as BufferEncoding, callback);
  }
}

/** Most distinct statements a connection keeps prepared (queries with variable IN lists vary). */
const PREPARED_PER_CONNECTION = 200;

/**
 * Lets each connection prepare the statements it runs (by a name derived from
 * the SQL text), so PostgreSQL parses and plans a hot query once per
 * connection instead of on every request. Values are still sent as parameters.
 */
function prepareRepeatedQueries(client: pg.PoolClient): void {
  const names = new Map<string, string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (
    text: unknown,
    values?: unknown,
    ...rest: unknown[]
  ) => {
    if (typeof text !== 'string' || !Array.isArray(values) || rest.length > 0)
      return query(text, values, ...rest);
    let name = names.get(text);
    if (name === undefined && names.size < PREPARED_PER_CONNECTION) {
      name = `pf_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      names.set(text, name);
    }
    return name === undefined ? query(text, values) : query({ name, text, values });
  };
}

export function openPostgres(url: string, poolSize: number): Db {
  const ssl = /[?&]ssl(mode)?=/.test(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(ssl ? {} : { stream: () => new CoalescingSocket() }),
  });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => {});
  pool.on('connect', prepareRepeatedQueries);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const parsed = new URL(url);
  return {
    db,
    dialect: 'postgres',
    location: `postgres://${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`,
    close: () => db.destroy(),
  };
}
