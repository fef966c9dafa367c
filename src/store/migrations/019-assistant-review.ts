/**
 * The assistant's console queues: each turn keeps the classifier's confidence (low-confidence turns join the
 * unanswered questions) and how the merchant resolved it (a hand-off marked done, a question turned into a
 * FAQ passage or a training example, or dismissed); and the merchant's own example utterances, which keep
 * the ids of the turn they came from so that erasing that shopper removes them too.
 */
import type { Kysely } from 'kysely';

/** Adds the review columns to assistant_turns and creates assistant_examples. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('assistant_turns').addColumn('confidence', 'double precision').execute();
  await db.schema.alterTable('assistant_turns').addColumn('resolution', 'text').execute();
  await db.schema.alterTable('assistant_turns').addColumn('resolved_at', 'bigint').execute();
  await db.schema
    .createIndex('assistant_turns_outcome')
    .on('assistant_turns')
    .columns(['outcome', 'created_at'])
    .execute();
  await db.schema
    .createTable('assistant_examples')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('intent', 'text', (c) => c.notNull())
    .addColumn('turn_id', 'text')
    .addColumn('customer_id', 'text')
    .addColumn('anonymous_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}
