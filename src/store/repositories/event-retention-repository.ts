/**
 * Retention of raw events: what is older than a cutoff is dropped, and its daily aggregates are kept in
 * `event_rollups` for the features that read old history, forecasts (weekly units and revenue per item) and
 * customer analytics (RFM, CLV): purchases per day, item, customer and channel; other types per day and
 * channel only (per item they were nearly as many rows as the raw events, and nothing reads them). PostgreSQL
 * drops whole month partitions; SQLite, and rows waiting in PostgreSQL's default partition, are deleted in
 * batches, each batch's rollup and delete in one transaction so a crash never counts a row twice.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { DAY_MS } from '../../domain/index.js';
import type { Database } from '../database.js';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';
import { retryWhileLocked } from '../dialects/sqlite-immediate.js';

/** What one retention run dropped. */
export interface RetentionResult {
  /** Events older than this (epoch ms) were due. */
  cutoff: number;
  /** Month partitions dropped whole (PostgreSQL). */
  partitions: string[];
  /** Raw events dropped, in partitions and in batches together. */
  rows: number;
}

/** Daily purchases kept of dropped events: one row per day, item, customer and channel. */
export interface PurchaseRollup {
  /** The day's first millisecond (UTC). */
  day: number;
  itemId: string | null;
  customerId: string | null;
  channel: string;
  /** Purchase events (order lines) that day. */
  events: number;
  units: number;
  revenue: number;
}

/** Raw-event retention and the aggregates it keeps. */
export class EventRetentionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly adapter: DialectAdapter,
  ) {}

  /**
   * Creates the month partitions covering [from, to] that are missing and files rows waiting in the default
   * partition into theirs (PostgreSQL); returns the partitions created (none on SQLite: one table).
   */
  async prepareMonths(from: number, to: number): Promise<string[]> {
    return (await this.adapter.eventPartitions?.prepare(this.db, from, to)) ?? [];
  }

  /** The month partitions of the log with their ranges (empty on SQLite). */
  async months(): Promise<{ name: string; from: number; to: number }[]> {
    return (await this.adapter.eventPartitions?.list(this.db)) ?? [];
  }

  /** Drops raw events older than `cutoff`, keeping their daily rollups; `batch` rows per deleting transaction. */
  async dropBefore(cutoff: number, batch = 5000): Promise<RetentionResult> {
    const partitions = this.adapter.eventPartitions;
    let dropped: { partitions: string[]; rows: number } = { partitions: [], rows: 0 };
    if (partitions) {
      dropped = await partitions.dropBefore(this.db, cutoff, async (trx, p) => {
        await rollup(trx, sql.table(p.name), sql`true`);
        // The ids of dropped events go with them (PostgreSQL keeps them apart from the log, migration 023).
        await this.adapter.eventIds?.forgetRowsOf(trx, p.name, sql`true`);
      });
    }
    // On PostgreSQL only the default partition is deleted from: a month partially past the cutoff waits until
    // the whole month is, so retention never deletes row by row from a month partition.
    const table = partitions ? partitions.overflowTable : 'events';
    let rows = dropped.rows;
    for (;;) {
      const n = await this.deleteBatch(table, cutoff, batch);
      rows += n;
      if (n < batch) break;
    }
    return { cutoff, partitions: dropped.partitions, rows };
  }

  /** Every kept purchase rollup, by day, then customer (none first), item and channel. */
  async purchaseRollups(): Promise<PurchaseRollup[]> {
    const rows = await this.db
      .selectFrom('event_rollups')
      .select(['day', 'item_id', 'customer_id', 'channel', 'events', 'units', 'revenue'])
      .where('type', '=', 'purchase')
      .orderBy('day')
      .orderBy('customer_id')
      .orderBy('item_id')
      .orderBy('channel')
      .execute();
    return rows.map((r) => ({
      day: Number(r.day),
      itemId: r.item_id === '' ? null : r.item_id,
      customerId: r.customer_id === '' ? null : r.customer_id,
      channel: r.channel,
      events: Number(r.events),
      units: Number(r.units),
      revenue: Number(r.revenue),
    }));
  }

  private async deleteBatch(table: string, cutoff: number, batch: number): Promise<number> {
    return retryWhileLocked(() =>
      this.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ seq: number | string }>`
          select seq from ${sql.table(table)} where ts < ${cutoff} order by ts limit ${batch}`.execute(trx);
        if (rows.length === 0) return 0;
        const seqs = rows.map((r) => Number(r.seq));
        const inBatch = sql`seq in (${sql.join(seqs)})`;
        await rollup(trx, sql.table(table), inBatch);
        await this.adapter.eventIds?.forgetRowsOf(trx, table, inBatch);
        await sql`delete from ${sql.table(table)} where ${inBatch}`.execute(trx);
        return seqs.length;
      }),
    );
  }
}

/** Adds the daily aggregates of `source`'s rows matching `where` to event_rollups (sums, so batches add up). */
function rollup(db: Kysely<Database>, source: RawBuilder<unknown>, where: RawBuilder<unknown>) {
  const day = sql.lit(DAY_MS);
  return sql`insert into event_rollups (day, type, item_id, customer_id, channel, events, units, revenue)
    select (ts / ${day}) * ${day}, type, case when type = 'purchase' then coalesce(item_id, '') else '' end,
      case when type = 'purchase' then coalesce(customer_id, '') else '' end, channel,
      count(*), sum(coalesce(quantity, 1)), sum(coalesce(revenue, price * coalesce(quantity, 1), 0))
    from ${source} where ${where}
    group by 1, 2, 3, 4, 5
    on conflict (day, type, item_id, customer_id, channel) do update set
      events = event_rollups.events + excluded.events,
      units = event_rollups.units + excluded.units,
      revenue = event_rollups.revenue + excluded.revenue`.execute(db);
}
