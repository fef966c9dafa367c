/** Everything that differs between SQLite and PostgreSQL, behind one small interface. */
import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from '../database.js';

/** Which database engine a store runs on. */
export type DialectName = 'sqlite' | 'postgres';

/** Column and write differences between the engines. */
export interface DialectAdapter {
  readonly name: DialectName;
  /** SQL type for JSON documents. */
  readonly jsonType: 'text' | 'jsonb';
  /** SQL type for booleans. */
  readonly boolType: 'integer' | 'boolean';
  /** SQL type for binary data (model artifacts). */
  readonly blobType: 'blob' | 'bytea';
  /**
   * Inserts one event row per record, skipping ids already stored; returns how many were new. `write` puts a
   * record's values (in EVENT_COLUMNS order) straight into the statement's parameters, so no per-row arrays.
   */
  insertEventRows<T>(db: Kysely<Database>, records: readonly T[], write: EventRowWriter<T>): Promise<number>;
  /**
   * Inserts bare customers (no traits, no consent) for the ids not stored yet, `createdAt[i]` for `ids[i]`.
   * Absent where the generic multi-row insert does as well (SQLite); on PostgreSQL two array parameters
   * replace seven per row, which the API paid for on every tracked batch.
   */
  insertBareCustomers?(
    db: Kysely<Database>,
    ids: readonly string[],
    createdAt: readonly number[],
    now: number,
  ): Promise<void>;
  /**
   * Which of `hashes` are in `erased_subjects`, read with one array parameter. Absent where the generic
   * `in (…)` list does as well (SQLite); on PostgreSQL a batch's check was two statements of 500 parameters
   * each, which the API compiled and sent and PostgreSQL parsed and planned for every tracked batch.
   */
  erasedHashesAmong?(db: Kysely<Database>, hashes: readonly string[]): Promise<string[]>;
  /**
   * The ids of stored events, kept apart from the log where the log cannot be unique on the id alone
   * (PostgreSQL's month partitions, migration 023). Absent where the events table is (SQLite).
   */
  readonly eventIds?: EventIdRegistry;
  /** Whether `select … for update skip locked` exists (lets several workers claim jobs without waiting). */
  readonly skipLocked: boolean;
  /**
   * Whether log positions (event seq) can commit out of order: several writers on PostgreSQL can; SQLite has
   * one writer at a time, so positions commit in order and a reader never sees a hole that fills later.
   */
  readonly commitsOutOfOrder: boolean;
  /**
   * Readies the events table for a large load inside the caller's transaction. Absent where it would not
   * pay: on PostgreSQL, dropping indexes would lock every reader out of the table until the load commits.
   */
  beginBulkLoad?(db: Kysely<Database>): Promise<BulkLoad>;
  /**
   * Moves the engine's periodic housekeeping of writes (SQLite's WAL checkpoints) off the calling thread; null
   * when there is none to move. Absent where the database server does it already (PostgreSQL).
   */
  startBackgroundUpkeep?(db: Kysely<Database>, intervalMs: number): Promise<BackgroundUpkeep | null>;
  /**
   * The events table's month partitions (PostgreSQL, migration 016): made ahead of time, dropped whole by
   * retention. Absent where the log is one table (SQLite), where retention deletes rows in batches.
   */
  readonly eventPartitions?: EventPartitions;
  /**
   * Makes the transaction `trx` (before its first query) read-only and reading one snapshot of the database
   * throughout (see `Store.snapshotReads`). Absent where positions commit in order (SQLite).
   */
  startSnapshot?(trx: Kysely<Database>): Promise<void>;
  /** Engine-specific set-up after migrations (pragmas, statistics). */
  afterMigrate?(db: Kysely<Database>): Promise<void>;
  /**
   * The start (epoch ms) of the fixed-width bucket holding an epoch-ms column, for GROUP BY; `offsetMs`
   * shifts bucket boundaries (e.g. days starting at local midnight). Width and offset are inlined integers.
   */
  timeBucket(column: string, widthMs: number, offsetMs: number): RawBuilder<number>;
  /** The text of one top-level key of a JSON column (null when absent). */
  jsonText(column: string, key: string): RawBuilder<string | null>;
  /**
   * The partition (0 … count − 1) of a text column holding a customer id, as `customerPartition` in
   * `customer-partition.ts` computes it (null for null). `count` is inlined.
   */
  customerPartition(column: string, count: number): RawBuilder<number | null>;
}

/** A bulk load in progress (see {@link DialectAdapter.beginBulkLoad}). */
export interface BulkLoad {
  /** In the same transaction, after the last row: puts back what the load set aside (indexes). */
  finish(): Promise<void>;
  /**
   * After the transaction ended, committed or not, on the store's own handle `db` (the transaction's is spent):
   * restores settings; resolves when deferred upkeep is done.
   */
  settle(db: Kysely<Database>): Promise<void>;
}

/** Writes one record's event columns (EVENT_COLUMNS order) into `out` at positions `at`, `at + stride`, …. */
export type EventRowWriter<T> = (record: T, out: unknown[], at: number, stride: number) => void;

/** The event columns, re-exported where the adapters read them. */
export { EVENT_COLUMNS } from '../event-columns.js';

/** Bucket width and offset as safe integers, since adapters inline them into SQL. */
export function checkedBucket(widthMs: number, offsetMs: number): { width: number; offset: number } {
  if (!Number.isSafeInteger(widthMs) || widthMs <= 0 || !Number.isSafeInteger(offsetMs)) {
    throw new Error(`invalid time bucket: width ${widthMs} ms, offset ${offsetMs} ms`);
  }
  return { width: widthMs, offset: offsetMs };
}

/** A JSON key checked to be a plain word, since adapters inline it into SQL. */
export function checkedJsonKey(key: string): string {
  if (!/^[A-Za-z0-9_]{1,64}$/.test(key)) throw new Error(`invalid JSON key "${key}"`);
  return key;
}

/** Housekeeping running beside the store (see {@link DialectAdapter.startBackgroundUpkeep}). */
export interface BackgroundUpkeep {
  /** Finishes a last round and stops; the store's own connection takes the work back. */
  stop(): Promise<void>;
}

/** The registry of stored event ids (see {@link DialectAdapter.eventIds}). */
export interface EventIdRegistry {
  /** Forgets the ids of deleted events (erasure), so no trace of them is left. */
  forget(db: Kysely<Database>, ids: readonly string[]): Promise<void>;
  /**
   * Forgets the ids of the rows of `table` (a month partition, or the overflow table) that match `where`, in the
   * caller's transaction before retention deletes those rows: each id goes with its event, found by its key.
   */
  forgetRowsOf(db: Kysely<Database>, table: string, where: RawBuilder<unknown>): Promise<void>;
}

/** A month partition of the events table and its range [from, to) of `ts`. */
export interface EventMonth {
  name: string;
  from: number;
  to: number;
}

/** Month partitions of the events table (see {@link DialectAdapter.eventPartitions}). */
export interface EventPartitions {
  /** The table holding rows of months without a partition; retention deletes from it in batches. */
  readonly overflowTable: string;
  /** The month partitions, oldest first. */
  list(db: Kysely<Database>): Promise<EventMonth[]>;
  /** Creates the missing months of [from, to] and of rows in the overflow table; returns the tables created. */
  prepare(db: Kysely<Database>, from: number, to: number): Promise<string[]>;
  /** Detaches and drops the months ending at or before `cutoff`, each after `beforeDrop` has read it. */
  dropBefore(
    db: Kysely<Database>,
    cutoff: number,
    beforeDrop: (trx: Kysely<Database>, month: EventMonth) => Promise<void>,
  ): Promise<{ partitions: string[]; rows: number }>;
}

/** A partition count that is safe to inline in SQL (see {@link DialectAdapter.customerPartition}). */
export function checkedPartitionCount(count: number): number {
  if (!Number.isSafeInteger(count) || count < 1)
    throw new Error(`partition count must be a positive integer: ${count}`);
  return count;
}
