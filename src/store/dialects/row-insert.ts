/**
 * Multi-row INSERTs of plain rows without the query builder: the statement text is built once per table,
 * column list, row count and engine, and the parameters go in one flat array. Building and compiling a
 * 200-row insert through Kysely, then hashing its long text to find the prepared statement, cost more than a
 * third of what SQLite spent storing the rows (journey placement).
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { DialectName } from './dialect-adapter.js';

/** Rows per statement: under SQLite's 32,766 and PostgreSQL's 65,535 parameters for up to 60 columns. */
export const ROWS_PER_INSERT = 500;

const texts = new Map<string, string>();

function insertText(
  dialect: DialectName,
  table: string,
  columns: readonly string[],
  rowCount: number,
  conflictKey: string | null,
  returning: string | null = null,
): string {
  const key = `${dialect}|${table}|${columns.join(',')}|${rowCount}|${conflictKey ?? ''}|${returning ?? ''}`;
  let text = texts.get(key);
  if (!text) {
    const width = columns.length;
    const rows: string[] = [];
    for (let r = 0; r < rowCount; r++) {
      const marks = columns.map((_, c) => (dialect === 'postgres' ? `$${r * width + c + 1}` : '?'));
      rows.push(`(${marks.join(',')})`);
    }
    text = `insert into ${table} (${columns.join(',')}) values ${rows.join(',')}${
      conflictKey ? ` on conflict (${conflictKey}) do nothing` : ''
    }${returning ? ` returning ${returning}` : ''}`;
    if (texts.size > 200) texts.clear();
    texts.set(key, text);
  }
  return text;
}

/**
 * Inserts rows (each a value per column, in order) in statements of {@link ROWS_PER_INSERT}; with a
 * `conflictKey`, rows whose key is already stored are skipped. Returns how many rows were inserted.
 */
export async function insertRows(
  db: Kysely<Database>,
  dialect: DialectName,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  conflictKey: string | null = null,
): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const end = Math.min(rows.length, start + ROWS_PER_INSERT);
    const params: unknown[] = [];
    for (let r = start; r < end; r++) for (const value of rows[r]!) params.push(value);
    const result = await db.executeQuery(
      CompiledQuery.raw(insertText(dialect, table, columns, end - start, conflictKey), params),
    );
    inserted += Number(result.numAffectedRows ?? 0n);
  }
  return inserted;
}

/**
 * Inserts rows like {@link insertRows}, skipping those whose `conflictKey` is stored, and returns the keys of
 * the rows this call inserted (RETURNING): a caller that acts on new rows only must know which they were.
 */
export async function insertNewRows(
  db: Kysely<Database>,
  dialect: DialectName,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  conflictKey: string,
): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const end = Math.min(rows.length, start + ROWS_PER_INSERT);
    const params: unknown[] = [];
    for (let r = start; r < end; r++) for (const value of rows[r]!) params.push(value);
    const result = await db.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(insertText(dialect, table, columns, end - start, conflictKey, conflictKey), params),
    );
    for (const row of result.rows) inserted.add(String(row[conflictKey]));
  }
  return inserted;
}
