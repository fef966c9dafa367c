/**
 * SQLite bulk loads. The events table's indexes that new rows land in at random places (a customer's
 * timeline, anonymous ids) are dropped for the load and built again at its end: sorting once was ~7× cheaper
 * than a million random B-tree inserts. Indexes led by the timestamp stay, since imported logs arrive about
 * in time order and append to them. And the commit leaves the load's pages in the write-ahead log: a
 * second connection on a worker thread copies them into the database file afterwards (a checkpoint of
 * ~1 s per million events that would otherwise hold up the thread serving requests).
 */
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { BulkLoad } from './dialect-adapter.js';
import { autoCheckpointPages, databaseFile, literal, quoted, rows, run } from './sqlite-raw.js';
import { sqliteDriverPath } from './sqlite-driver.js';

interface DeferredIndex {
  name: string;
  sql: string;
}

/** Starts a bulk load of events in the current transaction of `db`. */
export async function beginSqliteBulkLoad(db: Kysely<Database>): Promise<BulkLoad> {
  const deferred = await deferrableIndexes(db);
  for (const index of deferred) await run(db, `drop index ${quoted(index.name)}`);
  const file = await databaseFile(db);
  const autoCheckpoint = await autoCheckpointPages(db);
  await run(db, 'pragma wal_autocheckpoint = 0');
  return {
    async finish() {
      for (const index of deferred) await run(db, index.sql);
    },
    async settle(store) {
      await run(store, `pragma wal_autocheckpoint = ${autoCheckpoint}`);
      if (file !== undefined) await checkpointOnThread(file);
    },
  };
}

/** Indexes a migration created on events (not the UNIQUE(id) that ON CONFLICT needs) not led by `ts`. */
async function deferrableIndexes(db: Kysely<Database>): Promise<DeferredIndex[]> {
  const list = await rows<{ name: string; origin: string }>(db, `pragma index_list('events')`);
  const out: DeferredIndex[] = [];
  for (const { name, origin } of list) {
    if (origin !== 'c') continue;
    const [first] = await rows<{ name: string | null }>(db, `pragma index_info(${quoted(name)})`);
    if (first?.name === 'ts') continue;
    const [definition] = await rows<{ sql: string | null }>(
      db,
      `select sql from sqlite_master where type = 'index' and name = ${literal(name)}`,
    );
    if (definition?.sql) out.push({ name, sql: definition.sql });
  }
  return out;
}

/**
 * A PASSIVE checkpoint from its own connection on a worker thread: it never blocks this connection's readers
 * or writers. A failed one only leaves the work to SQLite's next automatic checkpoint, so it is not an error.
 */
function checkpointOnThread(file: string): Promise<void> {
  const sqlite = sqliteDriverPath();
  const source = `
    const { workerData } = require('node:worker_threads');
    const Database = require(workerData.sqlite);
    let db;
    try {
      db = new Database(workerData.file, { fileMustExist: true });
      db.pragma('busy_timeout = 10000');
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
    } finally {
      if (db) db.close();
    }`;
  return new Promise((resolve) => {
    const worker = new Worker(source, { eval: true, workerData: { file, sqlite } });
    worker.once('exit', () => resolve());
    worker.once('error', () => resolve());
  });
}
