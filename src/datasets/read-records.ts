/** Reads a file of items, customers or events in whichever of our formats its name says. */
import { ValidationError } from '../domain/errors.js';
import type { ReadResult } from './parse-issue.js';
import { readCsv, type ReadCsvOptions } from './read-csv.js';
import { readJsonl } from './read-jsonl.js';
import type { RecordKind } from './source-record.js';

/** The file formats {@link readRecords} understands. */
export type FileFormat = 'csv' | 'tsv' | 'jsonl';

/** The format a file name implies (`.csv`, `.tsv`, `.jsonl`, `.ndjson`, each optionally `.gz`), or null. */
export function detectFormat(path: string): FileFormat | null {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.tsv')) return 'tsv';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  return null;
}

/** Reads records of one kind from a file, choosing the reader by extension (or `format` when given). */
export async function* readRecords(
  path: string,
  kind: RecordKind,
  options: ReadCsvOptions & { format?: FileFormat } = {},
): AsyncGenerator<ReadResult> {
  const format = options.format ?? detectFormat(path);
  if (format === 'jsonl') yield* readJsonl(path, kind);
  else if (format === 'csv') yield* readCsv(path, kind, options);
  else if (format === 'tsv') yield* readCsv(path, kind, { ...options, delimiter: options.delimiter ?? '\t' });
  else
    throw new ValidationError([
      { field: 'file', message: `${path}: unknown format; name it .csv, .tsv, .jsonl or .ndjson (optionally .gz)` },
    ]);
}
