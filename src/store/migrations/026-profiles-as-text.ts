/**
 * Profile folds (issue 22): `customer_profiles.profile` and `recent_orders` become `text` on PostgreSQL, as they
 * are on SQLite. Nothing queries inside them (the repository reads and writes whole documents), and jsonb made
 * every write parse each affinity score into a `numeric` and every read print it back: writing 5,000 profiles of
 * ~15 KB took 5.9 s as jsonb and 0.6–0.7 s as text on this machine, and the fold writes every profile a page
 * touches. The JSON text is stored as written, so the numbers read back are the same doubles. The table is
 * derived data; the change rewrites it once (minutes at millions of profiles).
 */
import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** Turns the profile columns into text on PostgreSQL (SQLite stores JSON as text already). */
export async function up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  if (dialect.name !== 'postgres') return;
  await sql`alter table customer_profiles
    alter column profile type text using profile::text,
    alter column recent_orders type text using recent_orders::text`.execute(db);
}
