/**
 * A better-sqlite3 database whose `prepare` reuses compiled statements. Kysely's SQLite driver prepares
 * every query anew, and preparing cost a tenth of a single-event insert; the same SQL text (Kysely
 * emits stable text with bound parameters) now compiles once. Safe because the driver runs one query
 * at a time per connection.
 */
import type { Database as SqliteHandle, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Wraps a database handle with a bounded cache of prepared statements. */
export function withStatementCache(raw: SqliteHandle, capacity = 500): SqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    close: () => raw.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        // Move to the back: the map's insertion order doubles as recency for eviction.
        cache.delete(sql);
      } else {
        statement = raw.prepare(sql);
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
