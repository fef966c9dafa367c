/**
 * Experiments: definitions (source data), exposures (one row per unit and experiment, written when a variant
 * is shown) and computed read-outs (derived). Exposures are read per experiment and variant for results, per
 * customer and anonymous id for sticky assignment across identity merges and for erasure.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** Creates the experiments tables. */
export async function up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  const json = sql.raw(dialect.jsonType);
  const bool = sql.raw(dialect.boolType);

  await db.schema
    .createTable('experiments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('surface', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('salt', 'text', (c) => c.notNull())
    .addColumn('variants', sql`${json}`, (c) => c.notNull())
    .addColumn('metrics', sql`${json}`, (c) => c.notNull())
    .addColumn('traffic', 'double precision', (c) => c.notNull())
    .addColumn('layer', 'text')
    .addColumn('layer_start', 'double precision', (c) => c.notNull())
    .addColumn('layer_end', 'double precision', (c) => c.notNull())
    .addColumn('segment_id', 'text')
    .addColumn('sequential', sql`${bool}`, (c) => c.notNull())
    .addColumn('correction', 'text', (c) => c.notNull())
    .addColumn('min_sample', 'integer', (c) => c.notNull())
    .addColumn('bandit_floor', 'double precision', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('stopped_at', 'bigint')
    .execute();

  await db.schema
    .createTable('experiment_exposures')
    .addColumn('experiment_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('anonymous_id', 'text')
    .addColumn('exposed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('experiment_exposures_pk', ['experiment_id', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('experiment_exposures_variant')
    .on('experiment_exposures')
    .columns(['experiment_id', 'variant', 'exposed_at'])
    .execute();
  await db.schema
    .createIndex('experiment_exposures_customer')
    .on('experiment_exposures')
    .column('customer_id')
    .where(sql.ref('customer_id'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('experiment_exposures_anonymous')
    .on('experiment_exposures')
    .column('anonymous_id')
    .where(sql.ref('anonymous_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('experiment_results')
    .addColumn('experiment_id', 'text', (c) => c.primaryKey())
    .addColumn('result', sql`${json}`, (c) => c.notNull())
    .addColumn('exposures', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .execute();
}
