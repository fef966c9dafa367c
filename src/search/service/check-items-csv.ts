/** Checks an items CSV for batch search before indexing it, so a bad file is reported by line and field. */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { ValidationError } from '../../domain/index.js';

/** Throws a ValidationError naming the file's line and field for a missing header column, id, title or a bad price. */
export async function checkItemsCsv(file: string): Promise<number> {
  const parser = createReadStream(file).pipe(
    parse({ bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }),
  );
  const fail = (line: number, field: string, message: string): never => {
    throw new ValidationError([{ field: `${file}:${line} ${field}`, message }]);
  };
  let header: string[] | null = null;
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record.map((c) => c.trim().toLowerCase());
        for (const required of ['id', 'title']) {
          if (!header.includes(required)) fail(info.lines, required, `the header must name a "${required}" column`);
        }
        continue;
      }
      const value = (name: string): string => record[header!.indexOf(name)] ?? '';
      if (value('id') === '') fail(info.lines, 'id', 'is empty');
      if (value('title') === '') fail(info.lines, 'title', 'is empty');
      const price = header.includes('price') ? value('price') : '';
      if (price !== '' && !(Number.isFinite(Number(price)) && Number(price) >= 0))
        fail(info.lines, 'price', `must be a number ≥ 0, got "${price}"`);
      rows++;
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    // csv-parse errors (an unclosed quote…) carry the line.
    const e = error as { lines?: number; message?: string };
    fail(e.lines ?? 0, '(row)', e.message ?? String(error));
  }
  if (!header) fail(1, '(header)', 'the file is empty');
  return rows;
}
