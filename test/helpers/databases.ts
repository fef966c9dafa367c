/**
 * The databases every storage-facing test runs against: a fresh SQLite file, and a fresh schema on the
 * PostgreSQL server named by DAOGOU_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/test).
 * Without a reachable server the PostgreSQL runs are skipped with a message — except in CI, where they fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Store } from '../../src/store/store.js';

/** A database made for one test file, and how to throw it away. */
export interface TestDatabase {
  url: string;
  cleanup(): Promise<void>;
}

/** A kind of database tests can be run against. */
export interface TestDatabaseKind {
  name: 'sqlite' | 'postgres';
  /** Null when this backend is not available here (the reason is printed). */
  available: boolean;
  create(): Promise<TestDatabase>;
}

/** The PostgreSQL server the tests use (each test file makes a schema of its own on it). */
export const PG_URL = process.env.DAOGOU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    if (process.env.CI) throw new Error(`PostgreSQL at ${PG_URL} is required in CI: ${String(error)}`);
    console.warn(`PostgreSQL at ${PG_URL} is not reachable (${String(error)}); skipping the PostgreSQL runs`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh SQLite database file in a temp folder. */
export function sqliteKind(): TestDatabaseKind {
  return {
    name: 'sqlite',
    available: true,
    create() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-test-'));
      return Promise.resolve({
        url: `sqlite:${path.join(dir, 'daogou.db')}`,
        cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
      });
    },
  };
}

/** A fresh schema on the test PostgreSQL server, dropped afterwards. */
export async function postgresKind(): Promise<TestDatabaseKind> {
  const available = await postgresReachable();
  return {
    name: 'postgres',
    available,
    async create() {
      const schema = `daogou_t_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`;
      return {
        url,
        async cleanup() {
          const client = new pg.Client({ connectionString: PG_URL });
          await client.connect();
          await client.query(`drop schema if exists ${schema} cascade`);
          await client.end();
        },
      };
    },
  };
}

/** Both backends, for suites that run on every storage engine. */
export async function allDatabaseKinds(): Promise<TestDatabaseKind[]> {
  return [sqliteKind(), await postgresKind()];
}

/** A store on a fresh database of the kind, migrated: what every storage contract opens before its tests. */
export async function openTestStore(kind: TestDatabaseKind): Promise<{ database: TestDatabase; store: Store }> {
  const database = await kind.create();
  return { database, store: await Store.open(database.url) };
}

/** Closes a store openTestStore opened and drops its database (either may be missing if opening failed). */
export async function closeTestStore(store: Store | undefined, database: TestDatabase | undefined): Promise<void> {
  await store?.close();
  await database?.cleanup();
}
