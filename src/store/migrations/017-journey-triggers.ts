/**
 * Journey triggers on items and dates: the last price and stock seen per item (a price drop or a return to
 * stock is a change against it), and an index on events by item and time (who viewed, carted or wished for
 * an item lately).
 */
import type { Kysely } from 'kysely';

/** Creates the item-state table and the events-by-item index. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('journey_item_states')
    .addColumn('item_id', 'text', (c) => c.primaryKey())
    .addColumn('price', 'double precision')
    .addColumn('stock', 'double precision')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_item_ts').on('events').columns(['item_id', 'ts']).execute();
}
