/**
 * Scale-out (issue 22): on PostgreSQL the events table becomes range-partitioned by month of `ts`, so retention
 * drops whole months and a month's indexes stay small; SQLite keeps its one table. Both get `event_rollups`,
 * the daily aggregates that retention keeps of the raw events it drops.
 *
 * A partitioned table's unique keys must hold the partition key: the primary key becomes (seq, ts) and the
 * id's uniqueness (id, ts). The id alone is unique through the event_ids table of migration 023.
 *
 * Existing rows are copied into the new table in this migration (one INSERT … SELECT; the indexes are built
 * after the copy): expect about the time of a bulk import of the log.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';
import { DEFAULT_PARTITION, ensureMonthPartitions, monthStart } from '../dialects/postgres-partitions.js';
import { EVENT_COLUMNS } from '../event-columns.js';

/** Creates the rollups table, and partitions events on PostgreSQL. */
export async function up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('event_rollups')
    .addColumn('day', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    // '' rather than null: these are key columns, and NULLs never conflict in a unique key.
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull())
    .addColumn('units', 'double precision', (c) => c.notNull())
    .addColumn('revenue', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_rollups_pk', ['day', 'type', 'item_id', 'customer_id', 'channel'])
    .execute();
  // Erasure deletes a customer's rows.
  await db.schema.createIndex('event_rollups_customer').on('event_rollups').column('customer_id').execute();
  if (dialect.name === 'postgres') await partitionEvents(db as Kysely<Database>);
}

async function partitionEvents(db: Kysely<Database>): Promise<void> {
  // The indexes later migrations added, recreated on the new table by their own definitions.
  const { rows: indexes } = await sql<{ name: string; def: string }>`
    select i.relname as name, pg_get_indexdef(i.oid) as def
    from pg_index x join pg_class i on i.oid = x.indexrelid
    where x.indrelid = to_regclass('events') and not x.indisprimary and not x.indisunique`.execute(db);
  const { rows: seqRows } = await sql<{ seq: string }>`select pg_get_serial_sequence('events', 'seq') as seq`.execute(
    db,
  );
  const sequence = seqRows[0]!.seq;
  await sql`alter sequence ${sql.raw(sequence)} owned by none`.execute(db);
  await sql`alter table events rename to events_unpartitioned`.execute(db);
  await sql`create table events (
    seq bigint not null default nextval(${sql.lit(sequence)}::regclass),
    id text not null,
    type text not null,
    customer_id text,
    anonymous_id text,
    item_id text,
    quantity integer,
    price double precision,
    revenue double precision,
    currency text,
    order_id text,
    query text,
    rating double precision,
    review text,
    channel text not null,
    session_id text,
    recommendation_id text,
    ts bigint not null,
    received_at bigint not null,
    properties jsonb not null default '{}'::jsonb
  ) partition by range (ts)`.execute(db);
  await sql`alter sequence ${sql.raw(sequence)} owned by events.seq`.execute(db);
  await sql`create table ${sql.table(DEFAULT_PARTITION)} partition of events default`.execute(db);
  const { rows: span } = await sql<{ first: number | null; last: number | null }>`
    select min(ts) as first, max(ts) as last from events_unpartitioned`.execute(db);
  const { first, last } = span[0]!;
  if (first !== null && last !== null) {
    // One partition per month from the oldest event to the newest (empty months too: cheap, and contiguous).
    await ensureMonthPartitions(db, monthStart(Number(first)), Number(last));
  }
  const columns = sql.raw(['seq', ...EVENT_COLUMNS].join(', '));
  await sql`insert into events (${columns}) select ${columns} from events_unpartitioned`.execute(db);
  await sql`drop table events_unpartitioned`.execute(db);
  await sql`alter table events add constraint events_pkey primary key (seq, ts)`.execute(db);
  await sql`create unique index events_id_ts on events (id, ts)`.execute(db);
  for (const { def } of indexes) await sql.raw(def).execute(db);
}
