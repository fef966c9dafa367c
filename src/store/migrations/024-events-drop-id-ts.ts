/**
 * Ingest efficiency (issue 22): the unique (id, ts) index on the partitioned events table (016) is dropped on
 * PostgreSQL. Since 023 an event's id is claimed in `event_ids` in the same statement and transaction as the
 * event, and only claimed ids are stored, so the index decided nothing any more; no query looks events up by
 * id alone (`EventRepository.getByIds` goes through `event_ids` to the event's time). Its entry, a text key with
 * a uniqueness check, cost PostgreSQL about as much CPU per event as the claim (docs/scale.md).
 *
 * API processes of an earlier version insert with ON CONFLICT (id, ts), which fails without the index: restart
 * them right after this migration.
 * SQLite keeps its one table, unique on the id: that is its dedup.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** Drops events_id_ts on PostgreSQL (each month partition's copy with it). */
export async function up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  if (dialect.name !== 'postgres') return;
  await sql`drop index if exists events_id_ts`.execute(db);
}
