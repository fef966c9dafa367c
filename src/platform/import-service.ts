/**
 * Bulk import: validates every record read from files and writes them all in one transaction, so an
 * invalid line (or a crash) leaves the store unchanged — or, with `skipInvalid`, imports the valid
 * records and returns the rejected ones with their line, field and reason.
 */
import {
  CustomerInputSchema,
  EventInputSchema,
  ItemInputSchema,
  ValidationError,
  compileValidator,
  eventRuleIssues,
  type CustomerInput,
  type EventInput,
  type FieldIssue,
  type ItemInput,
} from '../domain/index.js';
import type { ReadResult } from '../datasets/parse-issue.js';
import type { RecordKind, SourceRecord } from '../datasets/source-record.js';
import type { Repositories, Store } from '../store/store.js';
import type { Clock } from './clock.js';
import type { CustomerService } from './customer-service.js';
import type { EventService } from './event-service.js';
import type { ItemService } from './item-service.js';

/** A record that was not imported, and why. */
export interface Rejection {
  file: string;
  line: number;
  kind: RecordKind | 'unknown';
  issues: { field: string; message: string }[];
  value?: unknown;
}

/** Options for one import. */
export interface ImportOptions {
  /** Import the valid records and report the others, instead of stopping at the first invalid one. */
  skipInvalid?: boolean;
  /** Reject events naming items that are neither stored nor imported earlier in this run. */
  strict?: boolean;
  /** Records written per statement group. */
  batchSize?: number;
  /** Called as records are read: how many so far. */
  onProgress?: (read: number) => void;
}

/** What an import did. */
export interface ImportResult {
  read: number;
  imported: Record<RecordKind, number>;
  /** Events skipped because their id was already stored. */
  duplicateEvents: number;
  rejected: Rejection[];
  /** Wall time, ms. */
  elapsedMs: number;
}

const validators = {
  items: compileValidator(ItemInputSchema),
  customers: compileValidator(CustomerInputSchema),
  events: compileValidator(EventInputSchema),
};

/** The import service. */
export class ImportService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly services: { items: ItemService; customers: CustomerService; events: EventService },
    private readonly settings: { maxFutureSeconds: number },
  ) {}

  /** Reads, validates and writes every record, atomically. Throws ValidationError naming the first bad line. */
  async import(records: AsyncIterable<ReadResult>, options: ImportOptions = {}): Promise<ImportResult> {
    const started = this.clock();
    const batchSize = options.batchSize ?? 5000;
    const result: ImportResult = {
      read: 0,
      imported: { items: 0, customers: 0, events: 0 },
      duplicateEvents: 0,
      rejected: [],
      elapsedMs: 0,
    };
    const limits = { now: started, maxFutureMs: this.settings.maxFutureSeconds * 1000 };

    await this.store.transaction(async (repos) => {
      const buffers = { items: [] as SourceRecord[], customers: [] as SourceRecord[], events: [] as SourceRecord[] };
      const flush = async (kind: RecordKind) => {
        const batch = buffers[kind];
        if (batch.length === 0) return;
        buffers[kind] = [];
        await this.write(kind, batch, repos, options, result);
      };
      for await (const record of records) {
        result.read += 1;
        if (result.read % 10_000 === 0) options.onProgress?.(result.read);
        if (record.kind === 'issue') {
          this.reject(result, options, {
            file: record.source.file,
            line: record.source.line,
            kind: record.recordKind ?? 'unknown',
            issues: [{ field: '(line)', message: record.message }],
          });
          continue;
        }
        let issues = validators[record.kind].issues(record.value);
        if (issues.length === 0 && record.kind === 'events')
          issues = eventRuleIssues(record.value as EventInput, limits);
        if (issues.length > 0) {
          this.reject(result, options, {
            file: record.source.file,
            line: record.source.line,
            kind: record.kind,
            issues,
            value: record.value,
          });
          continue;
        }
        // Events may refer to items and customers: write those first so strict checks and profiles see them.
        // Tested here rather than in flush so the common case (nothing buffered) costs no await per record.
        if (record.kind === 'events') {
          if (buffers.items.length > 0) await flush('items');
          if (buffers.customers.length > 0) await flush('customers');
        }
        const buffer = buffers[record.kind];
        buffer.push(record);
        if (buffer.length >= batchSize) await flush(record.kind);
      }
      await flush('items');
      await flush('customers');
      await flush('events');
    });
    options.onProgress?.(result.read);
    result.elapsedMs = this.clock() - started;
    return result;
  }

  private reject(result: ImportResult, options: ImportOptions, rejection: Rejection): void {
    if (!options.skipInvalid) {
      const issues: FieldIssue[] = rejection.issues.map((i) => ({ ...i, line: rejection.line }));
      throw new ValidationError(
        issues,
        `${rejection.file} line ${rejection.line}: ${rejection.issues.map((i) => `${i.field}: ${i.message}`).join('; ')} — nothing was imported`,
      );
    }
    result.rejected.push(rejection);
  }

  private async write(
    kind: RecordKind,
    batch: SourceRecord[],
    repos: Repositories,
    options: ImportOptions,
    result: ImportResult,
  ): Promise<void> {
    if (kind === 'items') {
      result.imported.items += (
        await this.services.items.upsert(
          batch.map((r) => r.value as ItemInput),
          repos,
        )
      ).length;
      return;
    }
    if (kind === 'customers') {
      result.imported.customers += (
        await this.services.customers.upsert(
          batch.map((r) => r.value as CustomerInput),
          repos,
        )
      ).length;
      return;
    }
    let accepted = batch;
    if (options.strict) {
      const known = await repos.items.existingIds(
        batch.flatMap((r) => ((r.value as EventInput).itemId === undefined ? [] : [(r.value as EventInput).itemId!])),
      );
      accepted = [];
      for (const r of batch) {
        const itemId = (r.value as EventInput).itemId;
        if (itemId === undefined || known.has(itemId)) accepted.push(r);
        else
          this.reject(result, options, {
            file: r.source.file,
            line: r.source.line,
            kind: 'events',
            issues: [{ field: 'itemId', message: `unknown item "${itemId}" (strict mode)` }],
            value: r.value,
          });
      }
    }
    // Every record passed eventRuleIssues when it was read (with an earlier clock), and strict items just above.
    const tracked = await this.services.events.track(
      accepted.map((r) => r.value as EventInput),
      { strict: false, prechecked: true },
      repos,
    );
    result.imported.events += tracked.stored;
    result.duplicateEvents += tracked.duplicates;
  }
}
