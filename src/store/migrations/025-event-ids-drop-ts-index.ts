/**
 * Ingest efficiency (issue 22): `event_ids` (023) loses its index on `ts` on PostgreSQL. Retention used it to
 * forget the ids older than every kept event; now it forgets the ids of the very rows it drops, in the same
 * transaction, joined on the id's primary key (`EventIdRegistry.forgetRowsOf`), so every claim was paying for an
 * index entry that only the hourly upkeep read. `ts` itself stays: `EventRepository.getByIds` finds an event's
 * month by it.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** Drops event_ids_ts on PostgreSQL. */
export async function up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  if (dialect.name !== 'postgres') return;
  await sql`drop index if exists event_ids_ts`.execute(db);
}
