/**
 * Forecasting and pricing results (derived: recomputed from the event log and the catalogue by a job).
 * One row per forecast series (an item, a category, a channel or the whole store) holding its recent
 * history, forecast, intervals, chosen methods and, for items, inventory status; and price suggestions
 * with their explanation, which a person accepts or rejects.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** Creates the forecast and price suggestion tables. */
export async function up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  const json = sql.raw(dialect.jsonType);
  await db.schema
    .createTable('forecast_series')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    // Risk rank for the inventory table (0 stock-out … 3 overstock; null when not an item with stock).
    .addColumn('risk_rank', 'integer')
    .addColumn('body', sql`${json}`, (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('forecast_series_level_risk')
    .on('forecast_series')
    .columns(['level', 'risk_rank'])
    .execute();
  await db.schema
    .createTable('price_suggestions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current_price', 'double precision', (c) => c.notNull())
    .addColumn('suggested_price', 'double precision', (c) => c.notNull())
    .addColumn('body', sql`${json}`, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('price_suggestions_status')
    .on('price_suggestions')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema.createIndex('price_suggestions_item').on('price_suggestions').column('item_id').execute();
}
