/**
 * Scale-out (issue 22): an index on the events of customers by their profile-fold partition and position, so
 * each of the fold's partition readers reads only its own events. Without it each of the 8 readers scanned
 * every position after its cursor and hashed every row's customer id (8 scans of the log where the unpartitioned
 * fold made one).
 *
 * The partition is an expression index (`DialectAdapter.customerPartition`: `md5()` in SQL on PostgreSQL, the
 * function registered on the connection on SQLite), not a column: no insert path (API batches, imports, bulk
 * loads, the benchmark's SQL) has to write it, an anonymous event attached to a customer later is re-indexed by
 * the UPDATE itself, and existing rows need no backfill, which on PostgreSQL would write a new version of every
 * row (the whole log again, and its bloat). Building the index is the upgrade's cost: the partitioned table's
 * index is built in each month's partition (and in every month made later), under a lock that holds inserts
 * (not reads) until the migration commits.
 *
 * PostgreSQL only: on SQLite the expression would call a function only Daogou's own connections have, so
 * `pragma integrity_check`, `vacuum` or a write to events from any other tool (the sqlite3 shell) would fail
 * with "unknown function" (migration 028 drops the index where this migration made it). SQLite readers filter
 * by that function instead, which a single-process store can afford.
 */
import { sql, type Kysely } from 'kysely';
import { INDEXED_CUSTOMER_PARTITIONS } from '../customer-partition.js';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** The index's name. */
export const CUSTOMER_PARTITION_INDEX = 'events_customer_part';

/** Creates events_customer_part on (partition of customer_id, seq) for events with a customer (PostgreSQL). */
export async function up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  if (dialect.name !== 'postgres') return;
  const partition = dialect.customerPartition('customer_id', INDEXED_CUSTOMER_PARTITIONS);
  await sql`create index if not exists ${sql.id(CUSTOMER_PARTITION_INDEX)} on events ((${partition}), seq)
    where customer_id is not null`.execute(db);
}
