/** Everything that differs between SQLite and PostgreSQL, behind one small interface. */
import type { Kysely } from 'kysely';
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
  /** Whether `select … for update skip locked` exists (lets several workers claim jobs without waiting). */
  readonly skipLocked: boolean;
  /** Engine-specific set-up after migrations (pragmas, statistics). */
  afterMigrate?(db: Kysely<Database>): Promise<void>;
}

/** Writes one record's event columns (EVENT_COLUMNS order) into `out` at positions `at`, `at + stride`, …. */
export type EventRowWriter<T> = (record: T, out: unknown[], at: number, stride: number) => void;

/** The event columns written by {@link DialectAdapter.insertEventRows}, in order. */
export const EVENT_COLUMNS = [
  'id',
  'type',
  'customer_id',
  'anonymous_id',
  'item_id',
  'quantity',
  'price',
  'revenue',
  'currency',
  'order_id',
  'query',
  'rating',
  'review',
  'channel',
  'session_id',
  'recommendation_id',
  'ts',
  'received_at',
  'properties',
] as const;
