/**
 * The console's overview reads the log by time range (totals, buckets, breakdowns) and counts customers
 * created in a period: index the event time and the customer creation time. Events mostly arrive in
 * time order, so the ts index grows at its right edge and costs appends little (unlike per-customer ones).
 */
import type { Kysely } from 'kysely';

/** Creates the time indexes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('events_ts').on('events').column('ts').execute();
  await db.schema.createIndex('customers_created_at').on('customers').column('created_at').execute();
}
