/** Builds the event rows of an import batch: normalised events laid out as the table's columns. */
import { normaliseEvent, type Channel, type EventInput, type NewEvent } from '../../domain/index.js';
import { EVENT_WIDTH, type EventRowBatch } from './import-batch.js';

const EMPTY_JSON = '{}';

/** Accumulates validated events as rows; {@link take} hands over a batch and starts the next. */
export class EventRowBuilder {
  private rows: unknown[] = [];
  private anonymous: number[] = [];
  private firstSeen = new Map<string, number>();
  private origins: { file: string; line: number; value: unknown }[] = [];
  /** Customers already handed over in an earlier batch: the writer need not ensure them again. */
  private readonly announced = new Set<string>();
  /** Rows in the current batch. */
  count = 0;

  constructor(private readonly settings: { now: number; strict: boolean }) {}

  /** Adds one schema- and rule-valid event. */
  add(input: EventInput, source: { file: string; line: number }): void {
    const e = normaliseEvent(input, this.settings.now);
    // EVENT_COLUMNS order (see store/event-columns.ts).
    this.rows.push(
      e.id,
      e.type,
      e.customerId,
      e.anonymousId,
      e.itemId,
      e.quantity,
      e.price,
      e.revenue,
      e.currency,
      e.orderId,
      e.query,
      e.rating,
      e.review,
      e.channel,
      e.sessionId,
      e.recommendationId,
      e.timestamp,
      e.receivedAt,
      isEmpty(e.properties) ? EMPTY_JSON : JSON.stringify(e.properties),
    );
    if (e.customerId === null) {
      if (e.anonymousId !== null) this.anonymous.push(this.count);
    } else if (!this.settings.strict && !this.announced.has(e.customerId)) {
      const seen = this.firstSeen.get(e.customerId);
      if (seen === undefined || e.timestamp < seen) this.firstSeen.set(e.customerId, e.timestamp);
    }
    // Rows whose item turns out unknown are dropped by the writer, which then works out their customers itself.
    if (this.settings.strict) this.origins.push({ file: source.file, line: source.line, value: input });
    this.count += 1;
  }

  /** The batch so far; the builder starts empty again. */
  take(read: number, rejected: EventRowBatch['rejected']): EventRowBatch {
    const newCustomers = [...this.firstSeen.keys()];
    for (const id of newCustomers) this.announced.add(id);
    const batch: EventRowBatch = {
      kind: 'events',
      count: this.count,
      rows: this.rows,
      anonymous: this.anonymous,
      newCustomers,
      newCustomerTimes: [...this.firstSeen.values()],
      read,
      rejected,
    };
    if (this.settings.strict) batch.origins = this.origins;
    this.rows = [];
    this.anonymous = [];
    this.firstSeen = new Map();
    this.origins = [];
    this.count = 0;
    return batch;
  }
}

/** The event a row holds (the inverse of {@link EventRowBuilder.add}), for append listeners. */
export function rowToEvent(rows: readonly unknown[], r: number): NewEvent {
  const v = (c: number) => rows[r * EVENT_WIDTH + c];
  return {
    id: v(0) as string,
    type: v(1) as string,
    customerId: v(2) as string | null,
    anonymousId: v(3) as string | null,
    itemId: v(4) as string | null,
    quantity: v(5) as number | null,
    price: v(6) as number | null,
    revenue: v(7) as number | null,
    currency: v(8) as string | null,
    orderId: v(9) as string | null,
    query: v(10) as string | null,
    rating: v(11) as number | null,
    review: v(12) as string | null,
    channel: v(13) as Channel,
    sessionId: v(14) as string | null,
    recommendationId: v(15) as string | null,
    timestamp: v(16) as number,
    receivedAt: v(17) as number,
    properties: JSON.parse(v(18) as string) as NewEvent['properties'],
  };
}

function isEmpty(value: object): boolean {
  for (const _ in value) return false;
  return true;
}
