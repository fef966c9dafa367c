/**
 * Price elasticity per item (derived: recomputed from the purchase log by every pricing run), kept so that the
 * estimates can be listed and filtered by category without refitting them on a request.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** Creates the item_elasticities table. */
export async function up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('item_elasticities')
    .addColumn('item_id', 'text', (c) => c.primaryKey())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('elasticity', 'double precision', (c) => c.notNull())
    .addColumn('low', 'double precision', (c) => c.notNull())
    .addColumn('high', 'double precision', (c) => c.notNull())
    // 'item', 'shrunk' or 'category': whether the item's own price variation informed the estimate.
    .addColumn('source', 'text', (c) => c.notNull())
    // The full estimate (own regression, shrinkage weight, category average, promotion lift) and the item's title.
    .addColumn('body', sql`${sql.raw(dialect.jsonType)}`, (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('item_elasticities_category')
    .on('item_elasticities')
    .columns(['category', 'item_id'])
    .execute();
}
