/** PostgreSQL specifics: events are inserted with one UNNEST statement per chunk (19 array parameters, any row count). */
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import { EVENT_COLUMNS, type DialectAdapter } from './dialect-adapter.js';

const COLUMN_TYPES: Record<(typeof EVENT_COLUMNS)[number], string> = {
  id: 'text',
  type: 'text',
  customer_id: 'text',
  anonymous_id: 'text',
  item_id: 'text',
  quantity: 'integer',
  price: 'double precision',
  revenue: 'double precision',
  currency: 'text',
  order_id: 'text',
  query: 'text',
  rating: 'double precision',
  review: 'text',
  channel: 'text',
  session_id: 'text',
  recommendation_id: 'text',
  ts: 'bigint',
  received_at: 'bigint',
  properties: 'jsonb',
};
const ROWS_PER_STATEMENT = 5000;
const INSERT_SQL = `insert into events (${EVENT_COLUMNS.join(',')}) select * from unnest(${EVENT_COLUMNS.map(
  (c, i) => `$${i + 1}::${COLUMN_TYPES[c]}[]`,
).join(',')}) on conflict (id) do nothing`;

/** The PostgreSQL dialect adapter. */
export const postgresAdapter: DialectAdapter = {
  name: 'postgres',
  jsonType: 'jsonb',
  boolType: 'boolean',
  skipLocked: true,
  async insertEventRows(db: Kysely<Database>, rows: unknown[][]): Promise<number> {
    let inserted = 0;
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
      const columns = EVENT_COLUMNS.map((_, c) => chunk.map((row) => row[c]));
      const result = await db.executeQuery(CompiledQuery.raw(INSERT_SQL, columns));
      inserted += Number(result.numAffectedRows ?? 0n);
    }
    return inserted;
  },
};
