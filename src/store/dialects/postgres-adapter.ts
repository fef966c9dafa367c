/** PostgreSQL specifics: events are inserted with one UNNEST statement per chunk (19 array parameters, any row count). */
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import { EVENT_COLUMNS, type DialectAdapter, type EventRowWriter } from './dialect-adapter.js';

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
  blobType: 'bytea',
  skipLocked: true,
  async insertEventRows<T>(db: Kysely<Database>, records: readonly T[], write: EventRowWriter<T>): Promise<number> {
    const width = EVENT_COLUMNS.length;
    let inserted = 0;
    for (let start = 0; start < records.length; start += ROWS_PER_STATEMENT) {
      const end = Math.min(records.length, start + ROWS_PER_STATEMENT);
      const count = end - start;
      // Column-major: column c of the chunk is params[c * count … (c + 1) * count), sliced into one array parameter each.
      const params = new Array<unknown>(count * width);
      for (let r = start; r < end; r++) write(records[r]!, params, r - start, count);
      const columns = EVENT_COLUMNS.map((_, c) => params.slice(c * count, (c + 1) * count));
      const result = await db.executeQuery(CompiledQuery.raw(INSERT_SQL, columns));
      inserted += Number(result.numAffectedRows ?? 0n);
    }
    return inserted;
  },
};
