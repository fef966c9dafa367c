/** Appends to and reads the behaviour log. */
import { sql, type CompiledQuery, type Kysely, type Selectable } from 'kysely';
import type { Channel, NewEvent, StoredEvent } from '../../domain/index.js';
import { decodeJson, encodeJson } from '../codec.js';
import type { Database, EventsTable } from '../database.js';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** The columns of an event that models read (see {@link EventRepository.scanEntries}). */
export type LogEntry = Pick<
  StoredEvent,
  | 'seq'
  | 'id'
  | 'type'
  | 'customerId'
  | 'itemId'
  | 'quantity'
  | 'price'
  | 'revenue'
  | 'orderId'
  | 'channel'
  | 'timestamp'
>;

/** The columns of a customer's recent event that recommendations read. */
export type RecentInteraction = Pick<
  StoredEvent,
  'seq' | 'type' | 'itemId' | 'timestamp' | 'quantity' | 'rating' | 'channel' | 'orderId'
>;

type RecentRow = Pick<
  Selectable<EventsTable>,
  'seq' | 'type' | 'item_id' | 'ts' | 'quantity' | 'rating' | 'channel' | 'order_id'
>;

/** Aggregate figures over the log. */
export interface EventStats {
  total: number;
  byType: Record<string, number>;
  byChannel: Record<string, number>;
  customers: number;
  orders: number;
  revenue: number;
  firstAt: number | null;
  lastAt: number | null;
}

/** An event as journey triggers and exits read it (see {@link EventRepository.scanTriggers}). */
export type TriggerEvent = Omit<LogEntry, 'quantity' | 'price'> & Pick<StoredEvent, 'receivedAt' | 'properties'>;

/** Event log persistence. */
export class EventRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly adapter: DialectAdapter,
  ) {}

  /** The compiled query of {@link recentInteractions} (parameters: customer id, limit). */
  private recentQuery: CompiledQuery<RecentRow> | undefined;

  /** Appends events; an id already stored is skipped (idempotency). Returns how many were new. */
  async insertMany(events: readonly NewEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    return this.adapter.insertEventRows(this.db, events, writeRow);
  }

  /** Events by id (to tell duplicates apart after an insert). */
  async getByIds(ids: readonly string[]): Promise<StoredEvent[]> {
    if (ids.length === 0) return [];
    // On PostgreSQL no index holds the id alone (migration 024): event_ids gives the event's time, and the
    // time index of its month finds it.
    const rows = this.adapter.eventIds
      ? (
          await sql<Selectable<EventsTable>>`select e.* from event_ids i join events e on e.ts = i.ts and e.id = i.id
            where i.id = any(${[...ids]}::text[])`.execute(this.db)
        ).rows
      : await this.db.selectFrom('events').selectAll().where('id', 'in', ids).execute();
    return rows.map(fromRow);
  }

  /** A customer's events, newest first; `before` (epoch ms) pages back in time. */
  async timeline(
    customerId: string,
    options: { limit: number; before?: number; types?: string[] },
  ): Promise<StoredEvent[]> {
    let query = this.db
      .selectFrom('events')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('ts', 'desc')
      .orderBy('seq', 'desc')
      .limit(options.limit);
    if (options.before !== undefined) query = query.where('ts', '<', options.before);
    if (options.types && options.types.length > 0) query = query.where('type', 'in', options.types);
    return (await query.execute()).map(fromRow);
  }

  /**
   * A customer's newest events with only the columns recommendations read, newest first. Read on every
   * recommendation request, so the query is compiled once and rows skip the JSON properties.
   */
  async recentInteractions(customerId: string, limit: number): Promise<RecentInteraction[]> {
    this.recentQuery ??= this.db
      .selectFrom('events')
      .select(['seq', 'type', 'item_id', 'ts', 'quantity', 'rating', 'channel', 'order_id'])
      .where('customer_id', '=', '')
      .orderBy('ts', 'desc')
      .orderBy('seq', 'desc')
      .limit(1)
      .compile();
    const { rows } = await this.db.executeQuery<RecentRow>({ ...this.recentQuery, parameters: [customerId, limit] });
    return rows.map((r) => ({
      seq: Number(r.seq),
      type: r.type,
      itemId: r.item_id,
      timestamp: Number(r.ts),
      quantity: r.quantity,
      rating: r.rating,
      channel: r.channel as Channel,
      orderId: r.order_id,
    }));
  }

  /** Every event of a customer, oldest first (for export). */
  async allForCustomer(customerId: string): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('ts')
      .orderBy('seq')
      .execute();
    return rows.map(fromRow);
  }

  /** Attributes earlier anonymous events to the customer an anonymous id was merged into. */
  async attachAnonymous(anonymousId: string, customerId: string): Promise<number> {
    const result = await this.db
      .updateTable('events')
      .set({ customer_id: customerId })
      .where('anonymous_id', '=', anonymousId)
      .where('customer_id', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Deletes every event of a customer (and of their anonymous ids), and their ids where kept apart. */
  async deleteForCustomer(customerId: string, anonymousIds: readonly string[]): Promise<number> {
    const registry = this.adapter.eventIds;
    let total = 0;
    const remove = async (query: ReturnType<typeof this.deleteWhere>) => {
      if (!registry) return Number((await query.executeTakeFirst()).numDeletedRows);
      const ids = (await query.returning('id').execute()).map((r) => r.id);
      await registry.forget(this.db, ids);
      return ids.length;
    };
    total += await remove(this.deleteWhere().where('customer_id', '=', customerId));
    if (anonymousIds.length > 0) total += await remove(this.deleteWhere().where('anonymous_id', 'in', anonymousIds));
    return total;
  }

  private deleteWhere() {
    return this.db.deleteFrom('events');
  }

  /**
   * Strips a customer's events of everything personal (ids, review and query text, free properties,
   * session) but keeps type, item, quantity, price, order and time, so aggregate statistics and
   * item-to-item models (baskets) stay right.
   */
  async anonymiseForCustomer(customerId: string, anonymousIds: readonly string[], pseudonym: string): Promise<number> {
    const scrub = {
      customer_id: null,
      anonymous_id: pseudonym,
      review: null,
      query: null,
      session_id: null,
      // An order or a served list can be joined back to the person through other systems.
      order_id: null,
      recommendation_id: null,
      properties: encodeJson({}),
    };
    let total = Number(
      (await this.db.updateTable('events').set(scrub).where('customer_id', '=', customerId).executeTakeFirst())
        .numUpdatedRows,
    );
    if (anonymousIds.length > 0) {
      total += Number(
        (await this.db.updateTable('events').set(scrub).where('anonymous_id', 'in', anonymousIds).executeTakeFirst())
          .numUpdatedRows,
      );
    }
    return total;
  }

  /**
   * Events after a log position, in log order (for building models incrementally); with `type`, only events of
   * that type (reviews are read through the index of their positions, migration 029).
   */
  async scan(afterSeq: number, limit: number, type?: string): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .$if(type !== undefined, (q) => q.where('type', '=', type!))
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /**
   * Like {@link scan} but only the columns models read (no JSON properties or text), optionally only some
   * types and only events with a customer: reading the whole log for a batch job is several times faster.
   */
  async scanEntries(
    afterSeq: number,
    limit: number,
    options: {
      types?: readonly string[];
      withCustomer?: boolean;
      /**
       * Only events of customers in this partition (see `customer-partition.ts`); implies `withCustomer`. Read
       * through an index for INDEXED_CUSTOMER_PARTITIONS partitions on PostgreSQL; another count scans every position after `afterSeq`.
       */
      partition?: { index: number; count: number };
    } = {},
  ): Promise<LogEntry[]> {
    let query = this.db
      .selectFrom('events')
      .select([
        'seq',
        'id',
        'type',
        'customer_id',
        'item_id',
        'quantity',
        'price',
        'revenue',
        'order_id',
        'channel',
        'ts',
      ])
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit);
    if (options.types) query = query.where('type', 'in', [...options.types]);
    if (options.withCustomer || options.partition) query = query.where('customer_id', 'is not', null);
    if (options.partition) {
      // With the count of migration 027's index, this is that index's expression and condition (both engines use
      // a partial index only where the query repeats its condition): the read finds only this partition's rows.
      const { index, count } = options.partition;
      query = query.where(this.adapter.customerPartition('customer_id', count), '=', index);
    }
    return (await query.execute()).map((r) => ({
      seq: Number(r.seq),
      id: r.id,
      type: r.type,
      customerId: r.customer_id,
      itemId: r.item_id,
      quantity: r.quantity,
      price: r.price,
      revenue: r.revenue,
      orderId: r.order_id,
      channel: r.channel as Channel,
      timestamp: Number(r.ts),
    }));
  }

  /**
   * Like {@link scan} with only the columns triggers and exits read (journeys): rows of all twenty columns
   * cost SQLite and better-sqlite3 about twice as much as these eleven (measured: 14 against 7 µs a row).
   */
  async scanTriggers(afterSeq: number, limit: number): Promise<TriggerEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .select(['seq', 'id', 'type', 'customer_id', 'item_id', 'order_id', 'revenue', 'channel', 'ts', 'received_at'])
      .select('properties')
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      id: r.id,
      type: r.type,
      customerId: r.customer_id,
      itemId: r.item_id,
      orderId: r.order_id,
      revenue: r.revenue,
      channel: r.channel as Channel,
      timestamp: Number(r.ts),
      receivedAt: Number(r.received_at),
      properties: decodeJson(r.properties, {}),
    }));
  }

  /** The texts of the latest `limit` review events that still have one (erasure clears them), oldest first. */
  async reviewTexts(limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('events')
      .select('review')
      .where('type', '=', 'review')
      .where('review', 'is not', null)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.review ?? '').reverse();
  }

  /** Events whose position falls in any of the inclusive ranges, in log order (for late-committed events). */
  async bySeqRanges(ranges: readonly (readonly [number, number])[]): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    for (let i = 0; i < ranges.length; i += 200) {
      const part = ranges.slice(i, i + 200);
      const rows = await this.db
        .selectFrom('events')
        .selectAll()
        .where((eb) => eb.or(part.map(([from, to]) => eb.between('seq', from, to))))
        .orderBy('seq')
        .execute();
      for (const row of rows) out.push(fromRow(row));
    }
    return out;
  }

  /**
   * The positions missing from the log after `afterSeq` up to `upToSeq` (a stored position), as inclusive
   * ranges: what a reader of one customer partition, which sees only its own events, read past without seeing.
   * The database returns the holes only, not every position.
   */
  async seqHoles(afterSeq: number, upToSeq: number): Promise<[from: number, to: number][]> {
    if (upToSeq <= afterSeq) return [];
    const { rows } = await sql<{ prev: number | string; seq: number | string }>`
      select prev, seq from (
        select seq, lag(seq, 1, cast(${afterSeq} as bigint)) over (order by seq) as prev
        from events where seq > ${afterSeq} and seq <= ${upToSeq}
      ) t where seq > prev + 1 order by seq`.execute(this.db);
    return rows.map((r) => [Number(r.prev) + 1, Number(r.seq) - 1]);
  }

  /** About how many events are stored (the highest sequence number: exact but for deletions), read in O(log n). */
  async approximateCount(): Promise<number> {
    const row = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('seq').as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Number of events. */
  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Counts by type and channel, distinct customers and orders, revenue and time span. */
  async stats(): Promise<EventStats> {
    const byType = await this.db
      .selectFrom('events')
      .select(['type', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('type')
      .execute();
    const byChannel = await this.db
      .selectFrom('events')
      .select(['channel', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('channel')
      .execute();
    const totals = await this.db
      .selectFrom('events')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.count<number>('customer_id').distinct().as('customers'),
        eb.fn.min<number>('ts').as('first_at'),
        eb.fn.max<number>('ts').as('last_at'),
      ])
      .executeTakeFirstOrThrow();
    const purchases = await this.db
      .selectFrom('events')
      .select((eb) => [
        eb.fn.count<number>('order_id').distinct().as('orders'),
        eb.fn.sum<number>('revenue').as('revenue'),
      ])
      .where('type', '=', 'purchase')
      .executeTakeFirstOrThrow();
    return {
      total: Number(totals.total),
      byType: Object.fromEntries(byType.map((r) => [r.type, Number(r.n)])),
      byChannel: Object.fromEntries(byChannel.map((r) => [r.channel, Number(r.n)])),
      customers: Number(totals.customers),
      orders: Number(purchases.orders),
      revenue: Number(purchases.revenue ?? 0),
      firstAt: totals.first_at === null ? null : Number(totals.first_at),
      lastAt: totals.last_at === null ? null : Number(totals.last_at),
    };
  }
}

// Writes straight into the statement's parameters (see EventRowWriter): bulk imports call this per event.
function writeRow(e: NewEvent, out: unknown[], at: number, stride: number): void {
  out[at] = e.id;
  out[(at += stride)] = e.type;
  out[(at += stride)] = e.customerId;
  out[(at += stride)] = e.anonymousId;
  out[(at += stride)] = e.itemId;
  out[(at += stride)] = e.quantity;
  out[(at += stride)] = e.price;
  out[(at += stride)] = e.revenue;
  out[(at += stride)] = e.currency;
  out[(at += stride)] = e.orderId;
  out[(at += stride)] = e.query;
  out[(at += stride)] = e.rating;
  out[(at += stride)] = e.review;
  out[(at += stride)] = e.channel;
  out[(at += stride)] = e.sessionId;
  out[(at += stride)] = e.recommendationId;
  out[(at += stride)] = e.timestamp;
  out[(at += stride)] = e.receivedAt;
  out[(at += stride)] = encodeJson(e.properties);
}

function fromRow(row: Selectable<EventsTable>): StoredEvent {
  return {
    seq: Number(row.seq),
    id: row.id,
    type: row.type,
    customerId: row.customer_id,
    anonymousId: row.anonymous_id,
    itemId: row.item_id,
    quantity: row.quantity,
    price: row.price,
    revenue: row.revenue,
    currency: row.currency,
    orderId: row.order_id,
    query: row.query,
    rating: row.rating,
    review: row.review,
    channel: row.channel as Channel,
    sessionId: row.session_id,
    recommendationId: row.recommendation_id,
    timestamp: Number(row.ts),
    receivedAt: Number(row.received_at),
    properties: decodeJson(row.properties, {}),
  };
}
