/**
 * The import's write step, inside its transaction: items and customers through their services, events
 * as the rows preparation built. For events this does what EventService.track does for a request
 * (identity links, customers first seen, idempotent append) without rebuilding the event objects.
 */
import type { CustomerInput, ItemInput } from '../../domain/index.js';
import type { Repositories } from '../../store/store.js';
import {
  ANONYMOUS_COLUMN,
  CUSTOMER_COLUMN,
  EVENT_WIDTH,
  ITEM_COLUMN,
  TIME_COLUMN,
  type EventRowBatch,
  type RecordBatch,
  type Rejection,
} from './import-batch.js';
import type { CustomerRecordService } from '../customer-record-service.js';
import type { EventService } from '../event-service.js';
import { rowToEvent } from './import-rows.js';
import type { ItemService } from '../item-service.js';

/** Counts a writer adds to. */
export interface WriteCounts {
  imported: { items: number; customers: number; events: number };
  /** Events skipped because their id was already stored. */
  duplicateEvents: number;
}

/** Writes prepared batches into one transaction's repositories. */
export class ImportWriter {
  // 0, 1, 2, …: the rows of a batch by position, grown on demand and shared by every batch.
  private positions: number[] = [];

  constructor(
    private readonly repos: Repositories,
    private readonly services: { items: ItemService; customers: CustomerRecordService; events: EventService },
    private readonly settings: { now: number; strict: boolean },
    /** Called for each event whose item is unknown in strict mode; throws to stop the import. */
    private readonly reject: (rejection: Rejection) => void,
    private readonly counts: WriteCounts,
  ) {}

  /** Upserts a batch of validated items or customers. */
  async writeRecords(batch: RecordBatch): Promise<void> {
    if (batch.kind === 'items') {
      const written = await this.services.items.upsert(batch.values as ItemInput[], this.repos);
      this.counts.imported.items += written.length;
    } else {
      const written = await this.services.customers.upsert(batch.values as CustomerInput[], this.repos);
      this.counts.imported.customers += written.length;
    }
  }

  /** Appends a batch of event rows; ids already stored are skipped and counted as duplicates. */
  async writeEvents(batch: EventRowBatch): Promise<void> {
    const { rows } = batch;
    const kept = this.settings.strict ? await this.knownItemRows(batch) : this.allRows(batch.count);
    if (kept.length === 0) return;
    const firstSeen = new Map<string, number>();
    if (!this.settings.strict) batch.newCustomers.forEach((id, i) => firstSeen.set(id, batch.newCustomerTimes[i]!));
    if (batch.anonymous.length > 0) {
      // Events sent under an anonymous id that was merged belong to that customer.
      const anonymousIds = batch.anonymous.map((r) => rows[r * EVENT_WIDTH + ANONYMOUS_COLUMN] as string);
      const links = await this.repos.identities.resolve(anonymousIds);
      batch.anonymous.forEach((r, i) => {
        const customer = links.get(anonymousIds[i]!);
        if (customer === undefined) return;
        rows[r * EVENT_WIDTH + CUSTOMER_COLUMN] = customer;
        if (!this.settings.strict) noteCustomer(firstSeen, rows, r);
      });
    }
    // Strict mode: preparation could not know which rows stay, so the customers come from the rows kept.
    if (this.settings.strict) for (const r of kept) noteCustomer(firstSeen, rows, r);
    if (firstSeen.size > 0) await this.repos.customers.ensureExist(firstSeen, this.settings.now);
    const stored = await this.repos.adapter.insertEventRows(this.repos.db, kept, (r, out, at, stride) => {
      for (let c = 0, from = r * EVENT_WIDTH; c < EVENT_WIDTH; c++, at += stride) out[at] = rows[from + c];
    });
    this.counts.imported.events += stored;
    this.counts.duplicateEvents += kept.length - stored;
    // As track() does: listeners hear of every event sent, duplicates included.
    this.services.events.announce(() => kept.map((r) => rowToEvent(rows, r)));
  }

  private allRows(count: number): readonly number[] {
    const positions = this.positions;
    for (let r = positions.length; r < count; r++) positions.push(r);
    return count === positions.length ? positions : positions.slice(0, count);
  }

  /** Strict mode: the rows whose item is stored (or imported earlier in this run); the others are rejected. */
  private async knownItemRows(batch: EventRowBatch): Promise<number[]> {
    const items: string[] = [];
    for (let r = 0; r < batch.count; r++) {
      const item = batch.rows[r * EVENT_WIDTH + ITEM_COLUMN];
      if (item !== null) items.push(item as string);
    }
    const known = await this.repos.items.existingIds(items);
    const kept: number[] = [];
    for (let r = 0; r < batch.count; r++) {
      const item = batch.rows[r * EVENT_WIDTH + ITEM_COLUMN] as string | null;
      if (item === null || known.has(item)) {
        kept.push(r);
        continue;
      }
      const origin = batch.origins?.[r];
      this.reject({
        file: origin?.file ?? '',
        line: origin?.line ?? 0,
        kind: 'events',
        issues: [{ field: 'itemId', message: `unknown item "${item}" (strict mode)` }],
        value: origin?.value,
      });
    }
    return kept;
  }
}

/** Records a customer's earliest event time in the batch. */
function noteCustomer(firstSeen: Map<string, number>, rows: readonly unknown[], r: number): void {
  const customer = rows[r * EVENT_WIDTH + CUSTOMER_COLUMN] as string | null;
  if (customer === null) return;
  const ts = rows[r * EVENT_WIDTH + TIME_COLUMN] as number;
  const seen = firstSeen.get(customer);
  if (seen === undefined || ts < seen) firstSeen.set(customer, ts);
}
