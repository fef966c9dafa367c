/**
 * Product search: configured synonyms and merchandising rules (settings the merchant owns), index
 * snapshots (derived: any of them can be dropped and rebuilt from the catalogue), and an index on
 * search events so query analytics do not scan the whole log.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** Creates the search tables. */
export async function up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  const json = sql.raw(dialect.jsonType);
  const blob = sql.raw(dialect.blobType);
  await db.schema
    .createTable('search_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('data', sql`${blob}`, (c) => c.notNull())
    // Largest items.updated_at folded in: a loaded snapshot catches up on items changed since.
    .addColumn('item_high_water', 'bigint', (c) => c.notNull())
    .addColumn('documents', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_snapshots_created').on('search_snapshots').column('created_at').execute();

  await db.schema
    .createTable('search_synonyms')
    .addColumn('position', 'integer', (c) => c.primaryKey())
    .addColumn('rule', sql`${json}`, (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('search_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('rule', sql`${json}`, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  // Only search events pay for this index; stats and synonym learning read them by time.
  await db.schema
    .createIndex('events_search_ts')
    .on('events')
    .column('ts')
    .where(sql.ref('type'), '=', sql.lit('search'))
    .execute();
}
