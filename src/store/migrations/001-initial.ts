/** The first schema: catalogue, customers, identities, the event log, API keys and settings. */
import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** Creates the initial tables and indexes. */
export async function up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  const json = sql.raw(dialect.jsonType);
  const bool = sql.raw(dialect.boolType);
  const emptyObject = sql.raw(dialect.name === 'postgres' ? `'{}'::jsonb` : `'{}'`);
  const emptyArray = sql.raw(dialect.name === 'postgres' ? `'[]'::jsonb` : `'[]'`);

  await db.schema
    .createTable('items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('category', 'text')
    .addColumn('brand', 'text')
    .addColumn('price', 'double precision')
    .addColumn('currency', 'text')
    .addColumn('stock', 'integer')
    .addColumn('attributes', sql`${json}`, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('images', sql`${json}`, (c) => c.notNull().defaultTo(emptyArray))
    .addColumn('tags', sql`${json}`, (c) => c.notNull().defaultTo(emptyArray))
    .addColumn('translations', sql`${json}`, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('active', sql`${bool}`, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('items_category').on('items').column('category').execute();
  await db.schema.createIndex('items_updated_at').on('items').column('updated_at').execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('traits', sql`${json}`, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('consent_email', sql`${bool}`, (c) => c.notNull())
    .addColumn('consent_sms', sql`${bool}`, (c) => c.notNull())
    .addColumn('consent_push', sql`${bool}`, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('identities')
    .addColumn('anonymous_id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('merged_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('identities_customer').on('identities').column('customer_id').execute();

  await db.schema
    .createTable('events')
    .addColumn('seq', dialect.name === 'postgres' ? 'bigserial' : 'integer', (c) =>
      dialect.name === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('anonymous_id', 'text')
    .addColumn('item_id', 'text')
    .addColumn('quantity', 'integer')
    .addColumn('price', 'double precision')
    .addColumn('revenue', 'double precision')
    .addColumn('currency', 'text')
    .addColumn('order_id', 'text')
    .addColumn('query', 'text')
    .addColumn('rating', 'double precision')
    .addColumn('review', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('recommendation_id', 'text')
    .addColumn('ts', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('properties', sql`${json}`, (c) => c.notNull().defaultTo(emptyObject))
    .execute();
  // Every index costs each append (three fewer doubled the import rate on SQLite), so only the lookups
  // that serve requests are indexed: a customer's timeline, and merging or erasing an anonymous id.
  // Models and analytics read the log in order of seq (the primary key) and aggregate in memory.
  await db.schema.createIndex('events_customer_ts').on('events').columns(['customer_id', 'ts']).execute();
  await db.schema
    .createIndex('events_anonymous')
    .on('events')
    .column('anonymous_id')
    .where(sql.ref('anonymous_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();

  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}
