/**
 * The erasure registry: a salted hash of every customer and anonymous id that was erased, so that the
 * ids are refused afterwards without keeping them (the hash cannot be recomputed without the salt).
 */
import type { Kysely } from 'kysely';

/** Creates the erased-subjects table. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('erased_subjects')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('erased_at', 'bigint', (c) => c.notNull())
    .execute();
}
