/** Runs the schema migrations (in code, in order) with Kysely's migrator; called on every start. */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from '../database.js';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';
import * as initial from './001-initial.js';
import * as jobs from './002-jobs.js';

type DialectMigration = { up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> };
const MIGRATIONS: Record<string, DialectMigration> = { '001-initial': initial, '002-jobs': jobs };

/** Brings the schema up to date; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Kysely<Database>, dialect: DialectAdapter): Promise<string[]> {
  const provider: MigrationProvider = {
    getMigrations: () =>
      Promise.resolve(
        Object.fromEntries(
          Object.entries(MIGRATIONS).map(([name, m]): [string, Migration] => [
            name,
            { up: (kdb) => m.up(kdb, dialect) },
          ]),
        ),
      ),
  };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      {
        cause: error,
      },
    );
  }
  await dialect.afterMigrate?.(db);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
