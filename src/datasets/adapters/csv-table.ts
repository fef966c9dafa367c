/** Reads a public CSV with a header row, giving each row's cells by column name (trimmed). */
import { ValidationError } from '../../domain/errors.js';
import { readCsvRows } from '../csv-rows.js';
import { columnIndex } from './fields.js';

/** A data row whose cells are looked up by column name, or a row that could not be read. */
export type TableRow<K extends string> = { line: number; cell: (c: K) => string } | { line: number; error: string };

/**
 * Yields the data rows of a CSV whose header must contain `columns` (in any order, others ignored).
 * A file without them fails with a validation error; a short row yields an error row.
 */
export async function* readCsvTable<K extends string>(
  path: string,
  columns: readonly K[],
): AsyncGenerator<TableRow<K>> {
  let index: Record<K, number> | undefined;
  for await (const row of readCsvRows(path)) {
    if ('error' in row) {
      yield row;
      continue;
    }
    if (!index) {
      const found = columnIndex(row.fields, columns);
      if (found.missing.length > 0)
        throw new ValidationError([{ field: 'file', message: `${path}: missing columns ${found.missing.join(', ')}` }]);
      index = found.index;
      continue;
    }
    const needed = Math.max(...Object.values<number>(index)) + 1;
    if (row.fields.length < needed) {
      yield { line: row.line, error: `row has ${row.fields.length} fields, expected at least ${needed}` };
      continue;
    }
    const { fields } = row;
    const idx = index;
    yield { line: row.line, cell: (c) => (fields[idx[c]] ?? '').trim() };
  }
}
