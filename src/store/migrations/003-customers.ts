/**
 * Customer analytics: profiles, scores, model runs and saved segments. All of it is derived from the
 * event log and can be rebuilt, so it lives in its own tables apart from the source data.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** Creates the customer analytics tables. */
export async function up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  const json = sql.raw(dialect.jsonType);

  await db.schema
    .createTable('customer_profiles')
    .addColumn('customer_id', 'text', (c) => c.primaryKey())
    .addColumn('profile', sql`${json}`, (c) => c.notNull())
    // Order ids already counted, so lines of one order folded in different runs count as one order.
    .addColumn('recent_orders', sql`${json}`, (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('customer_scores')
    .addColumn('customer_id', 'text', (c) => c.primaryKey())
    .addColumn('rfm_r', 'integer')
    .addColumn('rfm_f', 'integer')
    .addColumn('rfm_m', 'integer')
    .addColumn('rfm_group', 'text')
    .addColumn('p_alive', 'double precision')
    .addColumn('expected_purchases', 'double precision')
    .addColumn('predicted_clv', 'double precision')
    .addColumn('churn_risk', 'double precision')
    .addColumn('next_order_at', 'bigint')
    .addColumn('cluster', 'integer')
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_scores_group').on('customer_scores').column('rfm_group').execute();

  await db.schema
    .createTable('customer_models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('params', sql`${json}`, (c) => c.notNull())
    .addColumn('clusters', sql`${json}`, (c) => c.notNull())
    .addColumn('notes', sql`${json}`, (c) => c.notNull())
    .addColumn('as_of', 'bigint', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_models_computed').on('customer_models').column('computed_at').execute();

  await db.schema
    .createTable('segments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('size', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('evaluated_at', 'bigint')
    .execute();

  await db.schema
    .createTable('segment_members')
    .addColumn('segment_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('segment_members_pk', ['segment_id', 'customer_id'])
    .execute();
  // Incremental updates and erasure look members up by customer.
  await db.schema.createIndex('segment_members_customer').on('segment_members').column('customer_id').execute();
}
