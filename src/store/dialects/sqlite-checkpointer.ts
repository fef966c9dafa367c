/**
 * Write-ahead log checkpoints on a worker thread, for long-running processes. By default SQLite checkpoints
 * inside the commit that crosses 1,000 WAL pages: that commit copies ~4 MB into the database file and syncs it,
 * 10–20 ms during which the thread serving requests does nothing else (at 1,000 logged searches a second, a
 * stall every few seconds and the largest part of the HTTP p99). Here the serving connection never
 * checkpoints; a second connection on a worker thread runs a PASSIVE checkpoint every interval, which copies
 * what no reader still needs without taking the write lock.
 */
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { BackgroundUpkeep } from './dialect-adapter.js';
import { autoCheckpointPages, databaseFile, run } from './sqlite-raw.js';
import { sqliteDriverPath } from './sqlite-driver.js';

// CommonJS run with `eval`: the worker needs nothing of ours, only better-sqlite3.
const WORKER_SOURCE = `
  const { workerData, parentPort } = require('node:worker_threads');
  const Database = require(workerData.sqlite);
  const db = new Database(workerData.file, { fileMustExist: true });
  const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)');
  const timer = setInterval(() => {
    try {
      checkpoint();
    } catch (error) {
      clearInterval(timer);
      db.close();
      throw error;
    }
  }, workerData.intervalMs);
  parentPort.on('message', () => {
    clearInterval(timer);
    try {
      checkpoint();
    } finally {
      db.close();
      parentPort.close();
    }
  });
  parentPort.postMessage('ready');`;

/**
 * Starts checkpointing the database of `db` every `intervalMs` on a worker thread and turns the connection's
 * own automatic checkpoints off. Resolves to null for a database without a file (nothing to checkpoint).
 * Should the worker stop early, automatic checkpoints come back on, so the log cannot grow without bound.
 */
export async function startSqliteCheckpoints(
  db: Kysely<Database>,
  intervalMs: number,
): Promise<BackgroundUpkeep | null> {
  const file = await databaseFile(db);
  if (file === undefined) return null;
  const previous = await autoCheckpointPages(db);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, sqlite: sqliteDriverPath(), intervalMs },
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the checkpoint thread exited (code ${code}) before it started`)));
  });
  await run(db, 'pragma wal_autocheckpoint = 0');
  let stopping = false;
  const restore = () => run(db, `pragma wal_autocheckpoint = ${previous}`);
  worker.once('exit', () => {
    if (!stopping) restore().catch(() => undefined);
  });
  worker.on('error', () => undefined);
  // A process may end without closing its store (a CLI command that exits): the thread must not keep it alive.
  worker.unref();
  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      // Held while it finishes: an unreferenced thread let a process with nothing else to do end mid-close.
      worker.ref();
      worker.postMessage('stop');
      await exited;
      await restore();
    },
  };
}
