/**
 * Sentiment drop state per item, written by the review scoring job: whether the item's recent sentiment is
 * below its own baseline now, and since when (raised_at), so journeys fire once per new drop.
 */
import type { Kysely } from 'kysely';

/** Creates the review_drops table. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('review_drops')
    .addColumn('item_id', 'text', (c) => c.primaryKey())
    // 1 while the item raises the signal, 0 once it has cleared (kept so a later drop is new again).
    .addColumn('active', 'integer', (c) => c.notNull())
    // When the current (or last) drop was first seen; unchanged while it lasts.
    .addColumn('raised_at', 'bigint', (c) => c.notNull())
    .addColumn('recent_reviews', 'integer', (c) => c.notNull())
    .addColumn('recent_mean', 'double precision', (c) => c.notNull())
    .addColumn('baseline_reviews', 'integer', (c) => c.notNull())
    .addColumn('baseline_mean', 'double precision', (c) => c.notNull())
    .addColumn('evaluated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('review_drops_raised')
    .on('review_drops')
    .columns(['active', 'raised_at', 'item_id'])
    .execute();
}
