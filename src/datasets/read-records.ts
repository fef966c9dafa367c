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

/**
 * Reads records of one kind from a file, choosing the reader by extension (or `format` when given). The
 * stream carries its recipe (see source-spec.ts), so the importer can read it on a worker thread.
 */
export function readRecords(
  path: string,
  kind: RecordKind,
  options: ReadCsvOptions & { format?: FileFormat } = {},
): AsyncGenerator<ReadResult> {
  const { format = detectFormat(path), ...csv } = options;
  if (format === 'jsonl') return readJsonl(path, kind);
  if (format === 'csv') return readCsv(path, kind, csv);
  if (format === 'tsv') return readCsv(path, kind, { ...csv, delimiter: csv.delimiter ?? '\t' });
  return unknownFormat(path);
}

// A generator, so the error surfaces where records are read, as it did when readRecords was one.
// eslint-disable-next-line require-yield
async function* unknownFormat(path: string): AsyncGenerator<ReadResult> {
  throw new ValidationError([
    { field: 'file', message: `${path}: unknown format; name it .csv, .tsv, .jsonl or .ndjson (optionally .gz)` },
  ]);
}
