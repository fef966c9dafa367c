/** Opens a database from a connection URL: `sqlite:<path>` / a file path (the default), or `postgres://…`. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import type { DialectAdapter } from './dialects/dialect-adapter.js';
import { SQLITE_PARTITION_FUNCTION, customerPartition } from './customer-partition.js';
import { sqliteDriver } from './dialects/sqlite-driver.js';
import { ImmediateSqliteDialect, SQLITE_BUSY_TIMEOUT_MS } from './dialects/sqlite-immediate.js';
import { withStatementCache } from './dialects/statement-cache.js';
import { postgresAdapter } from './dialects/postgres-adapter.js';
import { sqliteAdapter } from './dialects/sqlite-adapter.js';

// bigint (int8) columns hold epoch milliseconds and sequence numbers: safe as JS numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

/** A live database handle with its dialect adapter. */
export interface Connection {
  db: Kysely<Database>;
  adapter: DialectAdapter;
  /** The URL with any password removed, for logs. */
  displayUrl: string;
  /** The PostgreSQL schema named in the URL, if any. */
  schema: string | null;
}

/** Where a connection URL points. */
export type DatabaseTarget =
  { kind: 'sqlite'; file: string } | { kind: 'postgres'; connectionString: string; schema: string | null };

/** Parses a connection URL; relative SQLite paths resolve against `cwd`. */
export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema');
    parsed.searchParams.delete('schema');
    if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/i.test(schema)) {
      throw new Error(`invalid schema name in database URL: ${schema}`);
    }
    return { kind: 'postgres', connectionString: parsed.toString(), schema };
  }
  const file = url.replace(/^sqlite:(\/\/)?/i, '').replace(/^file:(\/\/)?/i, '');
  if (file === ':memory:') return { kind: 'sqlite', file };
  return { kind: 'sqlite', file: path.resolve(cwd, file) };
}

/** Opens a connection to the database a URL names. */
export function connect(url: string): Connection {
  const target = parseDatabaseUrl(url);
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(path.dirname(target.file), { recursive: true });
    const SqliteDatabase = sqliteDriver();
    const raw = new SqliteDatabase(target.file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    raw.pragma('cache_size = -65536');
    // A large import leaves a write-ahead log of hundreds of MB: cut it back when it is next restarted.
    raw.pragma('journal_size_limit = 67108864');
    // The customer partition of the profile fold (customer-partition.ts), which PostgreSQL computes with md5().
    raw.function(SQLITE_PARTITION_FUNCTION, { deterministic: true }, (id: unknown, count: unknown) =>
      typeof id === 'string' ? customerPartition(id, Number(count)) : null,
    );
    return {
      db: new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(raw) }) }),
      adapter: sqliteAdapter,
      displayUrl: `sqlite:${target.file}`,
      schema: null,
    };
  }
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: Number(process.env.DAOGOU_PG_POOL_SIZE ?? 10),
    // A server that does not answer at all (a network partition) fails a request with 503 after this long
    // instead of never; one that is down or restarting refuses at once. Generous: under heavy load
    // connecting takes seconds (5 s failed requests at a load average of 24 in the scale benchmark).
    connectionTimeoutMillis: Number(process.env.DAOGOU_PG_CONNECT_TIMEOUT_MS ?? 30_000),
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  // An idle connection the server closes (a restart, a failover) is reported here; without a listener
  // node-postgres' error would end the process. The pool drops the client and opens a new one when asked.
  pool.on('error', () => undefined);
  // The pool listens only while a client is idle: one that breaks while checked out (the server stopped in
  // the middle of a transaction) would end the process the same way. Its query fails instead (answered
  // 503), and the pool drops it when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const display = new URL(target.connectionString);
  display.password = '';
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    adapter: postgresAdapter,
    displayUrl: display.toString() + (target.schema ? ` (schema ${target.schema})` : ''),
    schema: target.schema,
  };
}
