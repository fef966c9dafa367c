/**
 * Review insight (derived: rebuilt from the review events of the log by a job). One row per review
 * event with its sentiment and aspect mentions; the reviewer's ids are kept so erasure can remove the row.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** Creates the review scores table. */
export async function up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  const json = sql.raw(dialect.jsonType);
  await db.schema
    .createTable('review_scores')
    .addColumn('event_seq', 'bigint', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('anonymous_id', 'text')
    .addColumn('rating', 'double precision')
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('aspects', sql`${json}`, (c) => c.notNull())
    .addColumn('reviewed_at', 'bigint', (c) => c.notNull())
    .addColumn('scored_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_scores_item').on('review_scores').columns(['item_id', 'reviewed_at']).execute();
  await db.schema.createIndex('review_scores_customer').on('review_scores').column('customer_id').execute();
}
