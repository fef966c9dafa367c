/**
 * Marketing automation: journeys and their versions, each customer's place in a journey (timers stored as
 * `wake_at`, so a restart mid-wait neither loses nor repeats a step), the message log (one row per run and
 * step, so a retried step cannot send twice), per-step counts, stored templates and the suppression list.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** Creates the journey tables. */
export async function up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  const json = sql.raw(dialect.jsonType);
  const bool = sql.raw(dialect.boolType);

  await db.schema
    .createTable('journeys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', sql`${json}`, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  // Runs keep the version they entered with: editing a live journey never moves customers already in it.
  await db.schema
    .createTable('journey_versions')
    .addColumn('journey_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', sql`${json}`, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('journey_versions_pk', ['journey_id', 'version'])
    .execute();

  await db.schema
    .createTable('journey_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('journey_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('node', 'text')
    .addColumn('wake_at', 'bigint')
    .addColumn('armed', 'text')
    .addColumn('waiting_for', 'text')
    .addColumn('holdout', sql`${bool}`, (c) => c.notNull())
    .addColumn('trigger', sql`${json}`, (c) => c.notNull())
    .addColumn('entered_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('exit_reason', 'text')
    .execute();
  await db.schema.createIndex('journey_runs_due').on('journey_runs').columns(['status', 'wake_at']).execute();
  await db.schema
    .createIndex('journey_runs_customer')
    .on('journey_runs')
    .columns(['customer_id', 'journey_id'])
    .execute();
  await db.schema.createIndex('journey_runs_journey').on('journey_runs').columns(['journey_id', 'status']).execute();

  await db.schema
    .createTable('journey_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('journey_id', 'text', (c) => c.notNull())
    .addColumn('node', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('payload', sql`${json}`, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('opened_at', 'bigint')
    .addColumn('clicked_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('journey_messages_due')
    .on('journey_messages')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('journey_messages_customer')
    .on('journey_messages')
    .columns(['customer_id', 'channel', 'sent_at'])
    .execute();
  await db.schema
    .createIndex('journey_messages_journey')
    .on('journey_messages')
    .columns(['journey_id', 'node', 'status'])
    .execute();

  await db.schema
    .createTable('journey_step_counts')
    .addColumn('journey_id', 'text', (c) => c.notNull())
    .addColumn('node', 'text', (c) => c.notNull())
    .addColumn('entered', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('journey_step_counts_pk', ['journey_id', 'node'])
    .execute();

  await db.schema
    .createTable('journey_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('content', sql`${json}`, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('journey_suppressions')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('journey_suppressions_pk', ['channel', 'address'])
    .execute();
}
