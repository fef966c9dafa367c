/** Reads our CSV layout: a header row of API field names (dotted for nested fields), one record per row. */
import { planColumns, rowToValue } from './csv-columns.js';
import { readCsvRows } from './csv-rows.js';
import { parseIssue, type ReadResult } from './parse-issue.js';
import type { RecordKind } from './source-record.js';
import { describeSource, type DescribedSource } from './source-spec.js';

/** Options for {@link readCsv}. */
export interface ReadCsvOptions {
  /** Field separator; ',' by default (use '\t' for TSV). */
  delimiter?: string;
  /** Separator inside list cells (`images`, `tags`); '|' by default. */
  listSeparator?: string;
}

/**
 * Yields one record per data row. A row that cannot be split, or has a different number of fields
 * than the header, yields a {@link ParseIssue}; a bad header yields one issue and nothing else.
 */
export function readCsv(
  path: string,
  kind: RecordKind,
  options: ReadCsvOptions = {},
): DescribedSource<AsyncGenerator<ReadResult>> {
  const format = options.delimiter === '\t' ? 'tsv' : 'csv';
  return describeSource(rows(path, kind, options), { reader: 'file', path, kind, format, ...options });
}

async function* rows(path: string, kind: RecordKind, options: ReadCsvOptions): AsyncGenerator<ReadResult> {
  const rows = readCsvRows(path, { delimiter: options.delimiter ?? ',' });
  let plans: ReturnType<typeof planColumns> | undefined;
  for await (const row of rows) {
    if ('error' in row) {
      yield parseIssue(path, row.line, row.error, kind);
      continue;
    }
    if (!plans) {
      plans = planColumns(row.fields);
      if ('error' in plans) {
        yield parseIssue(path, row.line, plans.error, kind);
        return;
      }
      continue;
    }
    if ('error' in plans) return;
    if (row.fields.length !== plans.length) {
      yield parseIssue(path, row.line, `row has ${row.fields.length} fields, the header has ${plans.length}`, kind);
      continue;
    }
    yield { kind, value: rowToValue(plans, row.fields, options.listSeparator), source: { file: path, line: row.line } };
  }
}
