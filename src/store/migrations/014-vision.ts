/**
 * Image features per catalogue image (derived: recomputed from the item's images by the vision job) and
 * attribute suggestions read from them (category, colour, pattern), which a person accepts or rejects.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** Creates the image feature and attribute suggestion tables. */
export async function up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  const json = sql.raw(dialect.jsonType);
  const blob = sql.raw(dialect.blobType);
  await db.schema
    .createTable('item_image_features')
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('image_url', 'text', (c) => c.notNull())
    // The model the embedding came from: features of another model are recomputed, never mixed.
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('embedding', sql`${blob}`)
    .addColumn('colours', sql`${json}`, (c) => c.notNull())
    .addColumn('pattern', sql`${json}`)
    .addColumn('phash', 'text')
    // Why the image has no features (unreadable, too large, not reachable); null when it has them.
    .addColumn('error', 'text')
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_image_features_pk', ['item_id', 'image_url'])
    .execute();
  await db.schema
    .createTable('attribute_suggestions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('confidence', 'double precision', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body', sql`${json}`, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('attribute_suggestions_status')
    .on('attribute_suggestions')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('attribute_suggestions_item')
    .on('attribute_suggestions')
    .columns(['item_id', 'field'])
    .execute();
}
