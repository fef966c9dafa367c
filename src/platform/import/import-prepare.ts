/**
 * The import's preparation step: validates every record read and groups the valid ones into batches
 * (events already as table rows). No I/O beyond the reading itself, so it runs on a worker thread or,
 * for sources a worker cannot re-open, inline on the main thread.
 */
import {
  CustomerInputSchema,
  EventInputSchema,
  ItemInputSchema,
  compileValidator,
  eventRuleIssues,
  type EventInput,
  type FieldIssue,
} from '../../domain/index.js';
import type { ReadResult } from '../../datasets/parse-issue.js';
import type { PreparedBatch, PrepareSettings, RecordBatch, Rejection } from './import-batch.js';
import { EventRowBuilder } from './import-rows.js';

const validators = {
  items: compileValidator(ItemInputSchema),
  customers: compileValidator(CustomerInputSchema),
  events: compileValidator(EventInputSchema),
};

/** Why a record cannot be imported, or undefined when it can. */
function check(record: ReadResult, limits: { now: number; maxFutureMs: number }): Rejection | undefined {
  const { file, line } = record.source;
  if (record.kind === 'issue') {
    return { file, line, kind: record.recordKind ?? 'unknown', issues: [{ field: '(line)', message: record.message }] };
  }
  let issues: FieldIssue[] = validators[record.kind].issues(record.value);
  if (issues.length === 0 && record.kind === 'events') issues = eventRuleIssues(record.value as EventInput, limits);
  return issues.length > 0 ? { file, line, kind: record.kind, issues, value: record.value } : undefined;
}

/**
 * Turns batches of read results into prepared batches, in reading order except that items and customers
 * read before an event are handed over before it (events may refer to them). Stops with an `invalid`
 * batch at the first bad record unless skipping; always ends with an `end` batch otherwise.
 */
export async function* prepareImport(
  source: AsyncIterable<readonly ReadResult[]>,
  settings: PrepareSettings,
): AsyncGenerator<PreparedBatch> {
  const limits = { now: settings.now, maxFutureMs: settings.maxFutureMs };
  const events = new EventRowBuilder(settings);
  const pending: Record<RecordBatch['kind'], unknown[]> = { items: [], customers: [] };
  let rejected: Rejection[] = [];
  let read = 0;
  const takeRejected = () => {
    const taken = rejected;
    rejected = [];
    return taken;
  };
  const takeRecords = (kind: RecordBatch['kind']): RecordBatch => {
    const values = pending[kind];
    pending[kind] = [];
    return { kind, values, read, rejected: takeRejected() };
  };

  for await (const results of source) {
    for (const record of results) {
      read += 1;
      const rejection = check(record, limits);
      if (rejection) {
        if (!settings.skipInvalid) {
          yield { kind: 'invalid', rejection, read, rejected: [] };
          return;
        }
        rejected.push(rejection);
        continue;
      }
      if (record.kind === 'issue') continue; // (never: issues are always rejected)
      if (record.kind !== 'events') {
        const values = pending[record.kind];
        values.push(record.value);
        if (values.length >= settings.batchSize) yield takeRecords(record.kind);
        continue;
      }
      if (pending.items.length > 0) yield takeRecords('items');
      if (pending.customers.length > 0) yield takeRecords('customers');
      events.add(record.value as EventInput, record.source);
      if (events.count >= settings.batchSize) yield events.take(read, takeRejected());
    }
  }
  if (pending.items.length > 0) yield takeRecords('items');
  if (pending.customers.length > 0) yield takeRecords('customers');
  if (events.count > 0) yield events.take(read, takeRejected());
  yield { kind: 'end', read, rejected: takeRejected() };
}
