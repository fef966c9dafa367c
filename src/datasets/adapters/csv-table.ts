/** Reads a CSV with a header row, giving each row's cells by column name: the one way to read such a file. */
import { ValidationError } from '../../domain/errors.js';
import { readCsvRows } from '../csv-rows.js';
import { columnIndex } from './fields.js';

/** A data row whose cells are looked up by column name, or a row that could not be read. */
export type TableRow<K extends string> = { line: number; cell: (c: K) => string } | { line: number; error: string };

/** Options for {@link readCsvTable}. */
export interface CsvTableOptions<O extends string> {
  /** Columns that may be absent from the header (their cells read ''), or cut short in a row. */
  optional?: readonly O[];
  /** Match header names without regard to case (for files people write by hand); false by default. */
  ignoreCase?: boolean;
  /** Trim white space around each cell; true by default (false keeps text exactly as written, e.g. for corpora). */
  trim?: boolean;
}

/** The header lacks required columns; names the file and the columns. */
export class CsvColumnsError extends ValidationError {
  constructor(
    readonly path: string,
    readonly missing: readonly string[],
  ) {
    super([{ field: 'file', message: `${path}: missing columns ${missing.join(', ')}` }]);
  }
}

/**
 * Yields the data rows of a CSV whose header must contain `columns` (in any order, others ignored).
 * A file without them fails with a {@link CsvColumnsError}; a row too short for the required columns
 * yields an error row with its line.
 */
export async function* readCsvTable<K extends string, O extends string = never>(
  path: string,
  columns: readonly K[],
  options: CsvTableOptions<O> = {},
): AsyncGenerator<TableRow<K | O>> {
  const optional = options.optional ?? [];
  const trim = options.trim ?? true;
  const fold = options.ignoreCase ? (s: string) => s.toLowerCase() : (s: string) => s;
  let index: Record<K | O, number> | undefined;
  let needed = 0;
  for await (const row of readCsvRows(path)) {
    if ('error' in row) {
      yield row;
      continue;
    }
    if (!index) {
      const header = row.fields.map(fold);
      const found = columnIndex<string>(header, columns.map(fold));
      if (found.missing.length > 0) throw new CsvColumnsError(path, found.missing);
      const extra = columnIndex<string>(header, optional.map(fold));
      const map = {} as Record<K | O, number>;
      columns.forEach((c) => (map[c] = found.index[fold(c)]!));
      optional.forEach((c) => (map[c] = extra.index[fold(c)]!));
      index = map;
      needed = Math.max(...columns.map((c) => map[c])) + 1;
      continue;
    }
    if (row.fields.length < needed) {
      yield { line: row.line, error: `row has ${row.fields.length} fields, expected at least ${needed}` };
      continue;
    }
    const { fields } = row;
    const idx = index;
    const raw = (c: K | O): string => (idx[c] < 0 ? '' : (fields[idx[c]] ?? ''));
    yield { line: row.line, cell: trim ? (c) => raw(c).trim() : raw };
  }
}
