/**
 * The shopping assistant: conversation sessions (multi-turn state, expiring), the log of every turn (the
 * console's conversation log, unanswered questions and hand-off queue) and the merchant's FAQ documents.
 */
import type { Kysely } from 'kysely';

/** Creates the assistant tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assistant_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text')
    .addColumn('anonymous_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assistant_sessions_customer').on('assistant_sessions').column('customer_id').execute();
  await db.schema.createIndex('assistant_sessions_expires').on('assistant_sessions').column('expires_at').execute();
  await db.schema
    .createTable('assistant_turns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('anonymous_id', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('reply', 'text', (c) => c.notNull())
    .addColumn('intent', 'text', (c) => c.notNull())
    .addColumn('slots', 'text', (c) => c.notNull())
    .addColumn('item_ids', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assistant_turns_created').on('assistant_turns').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('assistant_turns_session').on('assistant_turns').column('session_id').execute();
  await db.schema.createIndex('assistant_turns_customer').on('assistant_turns').column('customer_id').execute();
  await db.schema
    .createTable('assistant_faq')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}
