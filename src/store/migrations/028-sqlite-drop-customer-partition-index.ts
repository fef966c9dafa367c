/**
 * Migration 027's index on SQLite came out again (issue 22): its expression calls `daogou_customer_partition`, a
 * function only Daogou's own connections register, so `pragma integrity_check`, `vacuum` and any write to
 * events from another tool (the sqlite3 shell, a backup script) failed with "unknown function". 027 now makes
 * the index on PostgreSQL only; this drops it from SQLite stores that ran the earlier 027. SQLite's fold readers
 * filter by the function instead.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';
import { CUSTOMER_PARTITION_INDEX } from './027-events-customer-partition.js';

/** Drops events_customer_part on SQLite, where it exists. */
export async function up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  if (dialect.name !== 'sqlite') return;
  await sql`drop index if exists ${sql.id(CUSTOMER_PARTITION_INDEX)}`.execute(db);
}
