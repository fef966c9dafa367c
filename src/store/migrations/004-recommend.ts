/**
 * Recommendations: trained model artifacts and the log of served recommendations. Both are derived
 * (a model can be retrained from the event log; the served log only feeds attribution), so they live
 * apart from the source data. Models sit in the database, not a local file, so that several
 * stateless API processes share one model.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** Creates the recommendation tables. */
export async function up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  const json = sql.raw(dialect.jsonType);
  const blob = sql.raw(dialect.blobType);

  await db.schema
    .createTable('model_artifacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('bytes', sql`${blob}`, (c) => c.notNull())
    .addColumn('metrics', sql`${json}`, (c) => c.notNull())
    // Log position the model was trained up to, so readers can tell how fresh it is.
    .addColumn('event_seq', 'bigint', (c) => c.notNull())
    .addColumn('trained_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('model_artifacts_kind_trained')
    .on('model_artifacts')
    .columns(['kind', 'trained_at'])
    .execute();

  await db.schema
    .createTable('recommendation_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('surface', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('anonymous_id', 'text')
    .addColumn('item_ids', sql`${json}`, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recommendation_log_created').on('recommendation_log').column('created_at').execute();
}
