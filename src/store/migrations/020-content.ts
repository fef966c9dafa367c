/**
 * Copy drafts: generated texts saved for an item (from the console, the API or a bulk job) with their
 * grounding report, awaiting a person's decision. Accepting one never changes the item by itself.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** Creates the content_drafts table. */
export async function up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  const json = sql.raw(dialect.jsonType);
  await db.schema
    .createTable('content_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('tone', 'text', (c) => c.notNull())
    .addColumn('length', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('grounding', sql`${json}`, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // The bulk job that wrote it; null when saved by hand.
    .addColumn('job_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('content_drafts_item')
    .on('content_drafts')
    .columns(['item_id', 'status', 'created_at'])
    .execute();
  await db.schema.createIndex('content_drafts_status').on('content_drafts').columns(['status', 'created_at']).execute();
}
