/**
 * PostgreSQL keeps the events table range-partitioned by calendar month (UTC) of `ts` (migration 016), so that
 * retention drops a month as one table instead of deleting millions of rows. A default partition catches any
 * row whose month has no partition yet (an import of old history, a clock far ahead); upkeep moves such rows
 * into their month's partition when it creates it.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { EventMonth } from './dialect-adapter.js';

/** Where rows go whose month has no partition. */
export const DEFAULT_PARTITION = 'events_default';

/** The first millisecond (UTC) of the month holding `ms`. */
export function monthStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** The first millisecond of the month after the one holding `ms`. */
export function nextMonthStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** The partition table of the month starting at `from`: events_pYYYYMM. */
export function partitionName(from: number): string {
  const d = new Date(from);
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  return `events_p${year}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month partitions of events (not the default one), oldest first. */
export async function listMonthPartitions(db: Kysely<Database>): Promise<EventMonth[]> {
  const { rows } = await sql<{ name: string; bound: string }>`
    select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = to_regclass('events')`.execute(db);
  const out: EventMonth[] = [];
  for (const { name, bound } of rows) {
    // FOR VALUES FROM ('1700000000000') TO ('1702592000000'); the default partition says DEFAULT.
    const m = /FROM \('?(-?\d+)'?\) TO \('?(-?\d+)'?\)/.exec(bound);
    if (m) out.push({ name, from: Number(m[1]), to: Number(m[2]) });
  }
  return out.sort((a, b) => a.from - b.from);
}

/**
 * Creates the month partitions covering [fromMs, toMs] that are missing; rows of those months waiting in the
 * default partition move into them. Runs inside the caller's transaction, under a lock that serialises it with
 * every other process doing the same. A new partition is filled and indexed before it is attached, and ATTACH
 * takes only a lock that lets reads and inserts go on. Returns the partitions created.
 */
export async function ensureMonthPartitions(db: Kysely<Database>, fromMs: number, toMs: number): Promise<string[]> {
  await sql`select pg_advisory_xact_lock(hashtext(current_schema() || '.events_partitions'))`.execute(db);
  const existing = new Set((await listMonthPartitions(db)).map((p) => p.from));
  const created: string[] = [];
  for (let from = monthStart(fromMs); from <= toMs; from = nextMonthStart(from)) {
    if (existing.has(from)) continue;
    const to = nextMonthStart(from);
    const name = partitionName(from);
    const table = sql.table(name);
    await sql`create table ${table} (like events including defaults)`.execute(db);
    // The constraint lets ATTACH skip its scan of the new table.
    await sql`alter table ${table} add constraint ${sql.id(`${name}_range`)} check (ts >= ${sql.lit(from)} and ts < ${sql.lit(to)})`.execute(
      db,
    );
    await sql`with moved as (delete from ${sql.table(DEFAULT_PARTITION)} where ts >= ${sql.lit(from)} and ts < ${sql.lit(to)} returning *)
      insert into ${table} select * from moved`.execute(db);
    await sql`alter table events attach partition ${table} for values from (${sql.lit(from)}) to (${sql.lit(to)})`.execute(
      db,
    );
    created.push(name);
  }
  return created;
}

/** The months that rows waiting in the default partition belong to (each month's first millisecond). */
export async function monthsInDefault(db: Kysely<Database>): Promise<number[]> {
  const { rows } = await sql<{ first: number | string }>`
    select min(ts) as first from ${sql.table(DEFAULT_PARTITION)}`.execute(db);
  const first = rows[0]?.first;
  if (first === null || first === undefined) return [];
  const months: number[] = [];
  // Walk month by month from the oldest waiting row, asking for the next row at or after each month's end.
  for (let at: number | null = Number(first); at !== null;) {
    const from = monthStart(at);
    months.push(from);
    const next = await sql<{ ts: number | string }>`
      select ts from ${sql.table(DEFAULT_PARTITION)} where ts >= ${sql.lit(nextMonthStart(from))} order by ts limit 1`.execute(
      db,
    );
    at = next.rows[0] ? Number(next.rows[0].ts) : null;
  }
  return months;
}

/**
 * Detaches and drops the month partitions that end at or before `cutoff`, oldest first, each in its own
 * transaction after `beforeDrop` has read it (to keep its aggregates). A short lock timeout makes the drop give
 * way to a long reader (a training scan) rather than queue every request behind it; it is tried again next run.
 */
export async function dropMonthsBefore(
  db: Kysely<Database>,
  cutoff: number,
  beforeDrop: (trx: Kysely<Database>, partition: EventMonth) => Promise<void>,
): Promise<{ partitions: string[]; rows: number }> {
  const dropped: string[] = [];
  let rows = 0;
  for (const partition of await listMonthPartitions(db)) {
    if (partition.to > cutoff) break;
    rows += await db.transaction().execute(async (trx) => {
      const { rows: counted } = await sql<{ n: number | string }>`
        select count(*) as n from ${sql.table(partition.name)}`.execute(trx);
      await beforeDrop(trx, partition);
      await sql`set local lock_timeout = '5s'`.execute(trx);
      await sql`alter table events detach partition ${sql.table(partition.name)}`.execute(trx);
      await sql`drop table ${sql.table(partition.name)}`.execute(trx);
      return Number(counted[0]?.n ?? 0);
    });
    dropped.push(partition.name);
  }
  return { partitions: dropped, rows };
}
