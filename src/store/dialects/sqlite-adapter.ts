/** SQLite specifics: a multi-row INSERT whose text is cached per row count, so nothing is compiled per row. */
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import { EVENT_COLUMNS, type DialectAdapter } from './dialect-adapter.js';

// SQLite allows 32,766 bound parameters per statement; 19 columns × 1,000 rows stays well below.
const ROWS_PER_STATEMENT = 1000;
const sqlByRowCount = new Map<number, string>();

function insertSql(rowCount: number): string {
  let text = sqlByRowCount.get(rowCount);
  if (!text) {
    const row = `(${EVENT_COLUMNS.map(() => '?').join(',')})`;
    text = `insert into events (${EVENT_COLUMNS.join(',')}) values ${Array.from({ length: rowCount }, () => row).join(',')} on conflict (id) do nothing`;
    sqlByRowCount.set(rowCount, text);
  }
  return text;
}

/** The SQLite dialect adapter. */
export const sqliteAdapter: DialectAdapter = {
  name: 'sqlite',
  jsonType: 'text',
  boolType: 'integer',
  // SQLite has one writer at a time: the claiming UPDATE is atomic without row locks.
  skipLocked: false,
  async insertEventRows(db: Kysely<Database>, rows: unknown[][]): Promise<number> {
    let inserted = 0;
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
      const result = await db.executeQuery(CompiledQuery.raw(insertSql(chunk.length), chunk.flat()));
      inserted += Number(result.numAffectedRows ?? 0n);
    }
    return inserted;
  },
  async afterMigrate(db) {
    await db.executeQuery(CompiledQuery.raw('pragma optimize'));
  },
};
