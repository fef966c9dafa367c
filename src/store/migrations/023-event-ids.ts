/**
 * Exact event-id idempotency on PostgreSQL (issue 22). The partitioned events table (016) can only be unique
 * on (id, ts), and checking for the id within a day of the event's time missed two retries in flight at once
 * in two API processes, or an id sent again days later. `event_ids` is one small unpartitioned table keyed by
 * the id alone: the insert claims each id there first (ON CONFLICT DO NOTHING, in the same statement and
 * transaction as the event), so a second claim waits for the first to commit and then stores nothing. `ts` is
 * the stored event's time: retention forgets the ids older than every event it kept, erasure those it deleted.
 * SQLite needs none of it: its events table is one table, unique on the id.
 *
 * Existing ids are copied in (one INSERT … SELECT over the log): plan for a minute per few million events.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** Creates and fills event_ids on PostgreSQL. */
export async function up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  if (dialect.name !== 'postgres') return;
  await sql`create table event_ids (id text primary key, ts bigint not null)`.execute(db);
  // The log may already hold an id twice (the race this table closes): the earliest row keeps it.
  await sql`insert into event_ids (id, ts) select id, min(ts) from events group by id`.execute(db);
  await sql`create index event_ids_ts on event_ids (ts)`.execute(db);
}
