/**
 * Aggregates over the event log by time range, for dashboards: totals, time buckets, breakdowns by channel
 * and type, and per-customer activity. Everything is computed by the database (GROUP BY), never by loading
 * events; the log's time index (migration 006) keeps a range query to the rows in range.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** A half-open time range [from, to) in epoch ms, plus event types to leave out (system-written ones). */
export interface EventRange {
  from: number;
  to: number;
  excludeTypes?: readonly string[];
}

/** Totals over a range. */
export interface RangeTotals {
  events: number;
  /** Distinct customers plus distinct anonymous visitors without a customer. */
  activeCustomers: number;
  /** Distinct order ids of purchases, plus purchases without an order id (each its own order). */
  orders: number;
  revenue: number;
  /** Distinct sessions; events without a session count their visitor instead. */
  sessions: number;
  /** Sessions (or visitors) with at least one purchase. */
  convertedSessions: number;
}

/** The newest events of one item, channel, type and value, summed (see `recentItemActivity`). */
export interface ItemActivity {
  itemId: string;
  channel: string;
  type: string;
  /** A purchase's quantity or a rating's stars; null for other types. */
  value: number | null;
  events: number;
  /** Σ 0.5^(age / half-life) over those events. */
  decayed: number;
}

/** One time bucket. */
export interface BucketTotals {
  /** Bucket start, epoch ms. */
  start: number;
  events: number;
  activeCustomers: number;
  orders: number;
  revenue: number;
}

/** Totals of one channel. */
export interface ChannelTotals {
  channel: string;
  events: number;
  orders: number;
  revenue: number;
}

/** Events and last event time of one customer. */
export interface CustomerActivity {
  events: number;
  lastSeenAt: number;
}

// Prefixes keep a customer id, an anonymous id and a session id that happen to be equal apart.
const VISITOR = sql`case when customer_id is not null then 'c:' || customer_id else 'a:' || anonymous_id end`;
const VISIT = sql`case when session_id is not null then 's:' || session_id when customer_id is not null then 'c:' || customer_id else 'a:' || anonymous_id end`;
const ORDERS = sql<number>`count(distinct case when type = 'purchase' then order_id end) + coalesce(sum(case when type = 'purchase' and order_id is null then 1 else 0 end), 0)`;
const REVENUE = sql<number>`coalesce(sum(case when type = 'purchase' then revenue end), 0)`;

/** Event log aggregates. */
export class EventAnalyticsRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly adapter: DialectAdapter,
  ) {}

  /** Totals over a range. */
  async totals(range: EventRange): Promise<RangeTotals> {
    const row = await this.inRange(range)
      .select([
        sql<number>`count(*)`.as('events'),
        sql<number>`count(distinct ${VISITOR})`.as('active'),
        ORDERS.as('orders'),
        REVENUE.as('revenue'),
        sql<number>`count(distinct ${VISIT})`.as('sessions'),
        sql<number>`count(distinct case when type = 'purchase' then ${VISIT} end)`.as('converted'),
      ])
      .executeTakeFirstOrThrow();
    return {
      events: Number(row.events),
      activeCustomers: Number(row.active),
      orders: Number(row.orders),
      revenue: Number(row.revenue),
      sessions: Number(row.sessions),
      convertedSessions: Number(row.converted),
    };
  }

  /** Totals per fixed-width time bucket, only buckets with events, in time order. */
  async buckets(range: EventRange, widthMs: number, offsetMs = 0): Promise<BucketTotals[]> {
    const bucket = this.adapter.timeBucket('ts', widthMs, offsetMs);
    const rows = await this.inRange(range)
      .select([
        bucket.as('bucket'),
        sql<number>`count(*)`.as('events'),
        sql<number>`count(distinct ${VISITOR})`.as('active'),
        ORDERS.as('orders'),
        REVENUE.as('revenue'),
      ])
      .groupBy(bucket)
      .orderBy(bucket)
      .execute();
    return rows.map((r) => ({
      start: Number(r.bucket),
      events: Number(r.events),
      activeCustomers: Number(r.active),
      orders: Number(r.orders),
      revenue: Number(r.revenue),
    }));
  }

  /** Events, orders and revenue per channel, most events first. */
  async byChannel(range: EventRange): Promise<ChannelTotals[]> {
    const rows = await this.inRange(range)
      .select(['channel', sql<number>`count(*)`.as('events'), ORDERS.as('orders'), REVENUE.as('revenue')])
      .groupBy('channel')
      .execute();
    return rows
      .map((r) => ({
        channel: r.channel,
        events: Number(r.events),
        orders: Number(r.orders),
        revenue: Number(r.revenue),
      }))
      .sort((a, b) => b.events - a.events || a.channel.localeCompare(b.channel));
  }

  /** Events per type, most first. */
  async byType(range: EventRange): Promise<{ type: string; events: number }[]> {
    const rows = await this.inRange(range)
      .select(['type', sql<number>`count(*)`.as('events')])
      .groupBy('type')
      .execute();
    return rows
      .map((r) => ({ type: r.type, events: Number(r.events) }))
      .sort((a, b) => b.events - a.events || a.type.localeCompare(b.type));
  }

  /** Customers created (first seen or imported) within [from, to). */
  async newCustomers(from: number, to: number): Promise<number> {
    const row = await this.db
      .selectFrom('customers')
      .select(sql<number>`count(*)`.as('n'))
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Number of events and last event time per customer (customers without events are absent). */
  async customerActivity(
    customerIds: readonly string[],
    excludeTypes: readonly string[] = [],
  ): Promise<Map<string, CustomerActivity>> {
    const out = new Map<string, CustomerActivity>();
    if (customerIds.length === 0) return out;
    // Served by the (customer_id, ts) index: a page of customers reads only their own events.
    let query = this.db
      .selectFrom('events')
      .select(['customer_id', sql<number>`count(*)`.as('n'), sql<number>`max(ts)`.as('last')])
      .where('customer_id', 'in', [...customerIds])
      .groupBy('customer_id');
    if (excludeTypes.length > 0) query = query.where('type', 'not in', [...excludeTypes]);
    for (const r of await query.execute()) {
      if (r.customer_id !== null) out.set(r.customer_id, { events: Number(r.n), lastSeenAt: Number(r.last) });
    }
    return out;
  }

  /**
   * The newest events' weight per item, channel, type and value (a purchase's quantity, a rating's stars):
   * how many, and their sum of 0.5^(age / halfLife) with age counted back from the newest event. At most
   * `limit` events of people (customers or anonymous visitors) that name an item, none more than `window` ms
   * older than the newest, read newest first through the time index: the same cost at any length of log.
   */
  async recentItemActivity(options: { window: number; limit: number; halfLife: number }): Promise<ItemActivity[]> {
    const newest = await this.db
      .selectFrom('events')
      .select(sql<number | null>`max(ts)`.as('ts'))
      .executeTakeFirst();
    if (newest?.ts === null || newest?.ts === undefined) return [];
    const ref = Number(newest.ts);
    const recent = this.db
      .selectFrom('events')
      .select(['item_id', 'channel', 'type', 'quantity', 'rating', 'ts'])
      .where('item_id', 'is not', null)
      .where((eb) => eb.or([eb('customer_id', 'is not', null), eb('anonymous_id', 'is not', null)]))
      .where('ts', '>=', ref - options.window)
      .orderBy('ts', 'desc')
      .limit(options.limit)
      .as('recent');
    const value = sql<number | null>`case when type = 'purchase' then quantity when type = 'rating' then rating end`;
    const rows = await this.db
      .selectFrom(recent)
      .select([
        'item_id',
        'channel',
        'type',
        value.as('value'),
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(power(cast(0.5 as double precision), cast(${ref} - ts as double precision) / ${options.halfLife}))`.as(
          'decayed',
        ),
      ])
      .groupBy(['item_id', 'channel', 'type', value])
      .execute();
    return rows.map((r) => ({
      itemId: r.item_id!,
      channel: r.channel,
      type: r.type,
      value: r.value === null ? null : Number(r.value),
      events: Number(r.n),
      decayed: Number(r.decayed),
    }));
  }

  private inRange(range: EventRange) {
    let query = this.db.selectFrom('events').where('ts', '>=', range.from).where('ts', '<', range.to);
    if (range.excludeTypes && range.excludeTypes.length > 0)
      query = query.where('type', 'not in', [...range.excludeTypes]);
    return query;
  }
}
