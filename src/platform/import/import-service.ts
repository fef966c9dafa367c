/**
 * Bulk import: validates every record read from files and writes them all in one transaction, so an
 * invalid line (or a crash) leaves the store unchanged — or, with `skipInvalid`, imports the valid
 * records and returns the rejected ones with their line, field and reason.
 *
 * Reading, parsing, validating and building rows (import-prepare.ts) run on a worker thread for files
 * of any size that matters, overlapping with the writes here: SQLite writes on one thread, and that
 * thread had spent nearly half of a large import parsing JSON and checking schemas.
 */
import { availableParallelism } from 'node:os';
import { ValidationError, type FieldIssue } from '../../domain/index.js';
import { sourceBatches } from '../../datasets/open-source.js';
import type { ReadResult } from '../../datasets/parse-issue.js';
import type { RecordKind } from '../../datasets/source-record.js';
import { sourceSpec } from '../../datasets/source-spec.js';
import type { Store } from '../../store/store.js';
import type { Clock } from '../clock.js';
import type { CustomerRecordService } from '../customer-record-service.js';
import type { EventService } from '../event-service.js';
import type { PreparedBatch, PrepareSettings, Rejection } from './import-batch.js';
import { prepareImport } from './import-prepare.js';
import { prepareInWorker } from './import-thread.js';
import { expectedEvents, totalBytes } from './import-size.js';
import { ImportWriter } from './import-writer.js';
import type { ItemService } from '../item-service.js';

export type { Rejection } from './import-batch.js';

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
  /**
   * Prepare records on a worker thread. By default ('auto') when every source carries its recipe (readRecords,
   * readJsonl, readCsv, the dataset adapters), their files hold 1 MiB or more and the machine has more than
   * one core; other sources run inline.
   */
  thread?: boolean | 'auto';
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

// Below this, starting a thread (and loading the validators into it) costs more than it saves.
const THREAD_MIN_BYTES = 1 << 20;

/** The import service. */
export class ImportService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly services: { items: ItemService; customers: CustomerRecordService; events: EventService },
    private readonly settings: { maxFutureSeconds: number },
  ) {}

  /**
   * Reads, validates and writes every record of the sources, in order, atomically. Throws ValidationError
   * naming the first bad line. Every imported event is received at the import's start.
   */
  async import(
    sources: AsyncIterable<ReadResult> | readonly AsyncIterable<ReadResult>[],
    options: ImportOptions = {},
  ): Promise<ImportResult> {
    const started = this.clock();
    const result: ImportResult = {
      read: 0,
      imported: { items: 0, customers: 0, events: 0 },
      duplicateEvents: 0,
      rejected: [],
      elapsedMs: 0,
    };
    const settings: PrepareSettings = {
      now: started,
      maxFutureMs: this.settings.maxFutureSeconds * 1000,
      skipInvalid: Boolean(options.skipInvalid),
      strict: Boolean(options.strict),
      batchSize: options.batchSize ?? 5000,
    };
    const list = isSourceList(sources) ? sources : [sources];
    const specs = list.map(sourceSpec).filter((s) => s !== undefined);
    await this.store.bulkTransaction(expectedEvents(specs), async (repos) => {
      const reject = (rejection: Rejection) => this.reject(result, options, rejection);
      const writer = new ImportWriter(repos, this.services, settings, reject, result);
      for await (const batch of prepared(list, settings, options.thread ?? 'auto')) {
        result.read = batch.read;
        for (const rejection of batch.rejected) reject(rejection);
        if (batch.kind === 'invalid') reject(batch.rejection);
        else if (batch.kind === 'events') await writer.writeEvents(batch);
        else if (batch.kind !== 'end') await writer.writeRecords(batch);
        options.onProgress?.(result.read);
      }
    });
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
}

function isSourceList(
  sources: AsyncIterable<ReadResult> | readonly AsyncIterable<ReadResult>[],
): sources is readonly AsyncIterable<ReadResult>[] {
  return Array.isArray(sources);
}

/** The prepared batches of all sources: from a worker thread when they are files worth one, else inline. */
function prepared(
  sources: readonly AsyncIterable<ReadResult>[],
  settings: PrepareSettings,
  thread: boolean | 'auto',
): AsyncIterable<PreparedBatch> {
  const specs = sources.map(sourceSpec);
  if (thread !== false && specs.every((s) => s !== undefined)) {
    // On one core the two threads would only take turns, paying for the hand-over.
    const worthIt = availableParallelism() > 1 && totalBytes(specs) >= THREAD_MIN_BYTES;
    if (thread === true || worthIt) return prepareInWorker(specs, settings);
  }
  return prepareImport(concatBatches(sources), settings);
}

async function* concatBatches(sources: readonly AsyncIterable<ReadResult>[]): AsyncGenerator<ReadResult[]> {
  for (const source of sources) yield* sourceBatches(source);
}
