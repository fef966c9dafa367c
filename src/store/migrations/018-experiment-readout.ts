/**
 * Experiments: an index that covers the read-out. The read-out walks every exposure of an experiment to join
 * its events; from the table rows that cost one random row read per exposure (6 of the 11 s for 1,000,000
 * exposures on SQLite). This index holds every column the walk reads, in the order it groups by (customer
 * id, then unit), so the walk reads the index alone and folds each unit's events without sorting.
 */
import type { Kysely } from 'kysely';

/** Creates the covering index of the experiments read-out. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('experiment_exposures_readout')
    .on('experiment_exposures')
    .columns(['experiment_id', 'customer_id', 'unit_id', 'variant', 'exposed_at', 'anonymous_id'])
    .execute();
}
