/**
 * The part of the event log a model trains on: a window of the newest events, bounded by count and by age, read
 * by position in pages with only the columns models use. On PostgreSQL the age bound prunes the month partitions
 * of migration 016 and each page walks the primary key (seq, ts) of the partitions left; on SQLite the window's
 * first position is found on `events_ts` and pages walk the rowid from there.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Channel, StoredEvent } from '../../domain/index.js';
import type { Database, EventsTable } from '../database.js';

/** What bounds a training window; each bound is optional (null: not bounded that way). */
export interface TrainingWindowLimits {
  /** At most this many of the newest positions in the log (fewer events where positions were skipped). */
  maxEvents: number | null;
  /** Only events this many milliseconds or less before the newest event's time. */
  maxAgeMs: number | null;
}

/** A window of the log: the events with afterSeq < seq ≤ lastSeq and ts ≥ sinceTs. */
export interface TrainingWindow {
  afterSeq: number;
  /** The newest position when the window was taken; events stored later wait for the next training. */
  lastSeq: number;
  /** Epoch ms; -Infinity when age does not bound the window. */
  sinceTs: number;
  /** Positions in the window (an upper bound on its events). */
  positions: number;
  /** Positions in the whole log (an upper bound on its events), to say what the window left out. */
  logPositions: number;
}

/** The columns of an event that recommender training reads. */
export type TrainingEvent = Pick<
  StoredEvent,
  'seq' | 'type' | 'customerId' | 'anonymousId' | 'itemId' | 'quantity' | 'rating' | 'channel' | 'orderId' | 'timestamp'
>;

type TrainingRow = Pick<
  Selectable<EventsTable>,
  'seq' | 'type' | 'customer_id' | 'anonymous_id' | 'item_id' | 'quantity' | 'rating' | 'channel' | 'order_id' | 'ts'
>;

/** Reads training windows of the event log. */
export class TrainingLogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The window the limits allow now (each bound read in O(log n) or over the window's own index entries). */
  async window(limits: TrainingWindowLimits): Promise<TrainingWindow> {
    const top = await this.db
      .selectFrom('events')
      .select((eb) => [eb.fn.max('seq').as('seq'), eb.fn.max('ts').as('ts')])
      .executeTakeFirst();
    const lastSeq = Number(top?.seq ?? 0);
    let afterSeq = limits.maxEvents === null ? 0 : Math.max(0, lastSeq - limits.maxEvents);
    let sinceTs = Number.NEGATIVE_INFINITY;
    if (limits.maxAgeMs !== null && top?.ts !== null && top?.ts !== undefined) {
      sinceTs = Number(top.ts) - limits.maxAgeMs;
      // The first position in the window: pages then start there instead of filtering the older log out.
      const first = await this.db
        .selectFrom('events')
        .select((eb) => eb.fn.min('seq').as('seq'))
        .where('ts', '>=', sinceTs)
        .where('seq', '>', afterSeq)
        .executeTakeFirst();
      afterSeq = first?.seq === null || first?.seq === undefined ? lastSeq : Math.max(afterSeq, Number(first.seq) - 1);
    }
    return { afterSeq, lastSeq, sinceTs, positions: lastSeq - afterSeq, logPositions: lastSeq };
  }

  /** The window's events after position `after`, in log order, at most `limit`. */
  async page(window: TrainingWindow, after: number, limit: number): Promise<TrainingEvent[]> {
    let query = this.db
      .selectFrom('events')
      .select([
        'seq',
        'type',
        'customer_id',
        'anonymous_id',
        'item_id',
        'quantity',
        'rating',
        'channel',
        'order_id',
        'ts',
      ])
      .where('seq', '>', Math.max(after, window.afterSeq))
      .where('seq', '<=', window.lastSeq)
      .orderBy('seq')
      .limit(limit);
    if (Number.isFinite(window.sinceTs)) query = query.where('ts', '>=', window.sinceTs);
    return (await query.execute()).map(fromRow);
  }
}

function fromRow(r: TrainingRow): TrainingEvent {
  return {
    seq: Number(r.seq),
    type: r.type,
    customerId: r.customer_id,
    anonymousId: r.anonymous_id,
    itemId: r.item_id,
    quantity: r.quantity,
    rating: r.rating,
    channel: r.channel as Channel,
    orderId: r.order_id,
    timestamp: Number(r.ts),
  };
}
