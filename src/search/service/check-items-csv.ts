/** Checks an items CSV for batch search before indexing it, so a bad file is reported by line and field. */
import { readCsvRows } from '../../datasets/csv-rows.js';
import { ValidationError } from '../../domain/index.js';

/** Throws a ValidationError naming the file's line and field for a missing header column, id, title or a bad price. */
export async function checkItemsCsv(file: string): Promise<number> {
  const fail = (line: number, field: string, message: string): never => {
    throw new ValidationError([{ field: `${file}:${line} ${field}`, message }]);
  };
  let header: string[] | null = null;
  let rows = 0;
  // The same splitter as the batch path's reader (readCsvTable), so the check accepts what the batch reads.
  for await (const row of readCsvRows(file)) {
    if ('error' in row) return fail(row.line, '(row)', row.error);
    const record = row.fields.map((c) => c.trim());
    if (!header) {
      header = record.map((c) => c.toLowerCase());
      for (const required of ['id', 'title']) {
        if (!header.includes(required)) fail(row.line, required, `the header must name a "${required}" column`);
      }
      continue;
    }
    const value = (name: string): string => record[header!.indexOf(name)] ?? '';
    if (value('id') === '') fail(row.line, 'id', 'is empty');
    if (value('title') === '') fail(row.line, 'title', 'is empty');
    const price = header.includes('price') ? value('price') : '';
    if (price !== '' && !(Number.isFinite(Number(price)) && Number(price) >= 0))
      fail(row.line, 'price', `must be a number ≥ 0, got "${price}"`);
    rows++;
  }
  if (!header) fail(1, '(header)', 'the file is empty');
  return rows;
}
