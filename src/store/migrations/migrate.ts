/** Runs the schema migrations (in code, in order) with Kysely's migrator; called on every start. */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from '../database.js';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';
import { retryWhileLocked, WriteLockBusyError } from '../dialects/sqlite-immediate.js';
import * as initial from './001-initial.js';
import * as jobs from './002-jobs.js';
import * as customers from './003-customers.js';
import * as recommend from './004-recommend.js';
import * as search from './005-search.js';
import * as consoleIndexes from './006-console.js';
import * as security from './007-security.js';
import * as experiments from './009-experiments.js';
import * as journeys from './010-journeys.js';
import * as assistant from './011-assistant.js';
import * as reviews from './012-reviews.js';
import * as forecast from './013-forecast.js';
import * as vision from './014-vision.js';
import * as connectors from './015-connectors.js';
import * as eventPartitions from './016-event-partitions.js';
import * as journeyTriggers from './017-journey-triggers.js';
import * as experimentReadout from './018-experiment-readout.js';
import * as content from './020-content.js';
import * as reviewDrops from './021-review-drops.js';
import * as assistantReview from './019-assistant-review.js';
import * as itemElasticities from './022-item-elasticities.js';
import * as eventIds from './023-event-ids.js';
import * as eventsDropIdTs from './024-events-drop-id-ts.js';
import * as eventIdsDropTsIndex from './025-event-ids-drop-ts-index.js';
import * as profilesAsText from './026-profiles-as-text.js';
import * as eventsCustomerPartition from './027-events-customer-partition.js';
import * as sqliteDropCustomerPartitionIndex from './028-sqlite-drop-customer-partition-index.js';
import * as eventsReviewIndex from './029-events-review-index.js';

type DialectMigration = { up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> };
const MIGRATIONS: Record<string, DialectMigration> = {
  '001-initial': initial,
  '002-jobs': jobs,
  '003-customers': customers,
  '004-recommend': recommend,
  '005-search': search,
  '006-console': consoleIndexes,
  '007-security': security,
  '009-experiments': experiments,
  '010-journeys': journeys,
  '011-assistant': assistant,
  '012-reviews': reviews,
  '013-forecast': forecast,
  '014-vision': vision,
  '015-connectors': connectors,
  '016-event-partitions': eventPartitions,
  '017-journey-triggers': journeyTriggers,
  '018-experiment-readout': experimentReadout,
  '020-content': content,
  '019-assistant-review': assistantReview,
  '021-review-drops': reviewDrops,
  '022-item-elasticities': itemElasticities,
  '023-event-ids': eventIds,
  '024-events-drop-id-ts': eventsDropIdTs,
  '025-event-ids-drop-ts-index': eventIdsDropTsIndex,
  '026-profiles-as-text': profilesAsText,
  '027-events-customer-partition': eventsCustomerPartition,
  '028-sqlite-drop-customer-partition-index': sqliteDropCustomerPartitionIndex,
  '029-events-review-index': eventsReviewIndex,
};

/**
 * Brings the schema up to date; throws with the failing migration's name on error. `schema` names the
 * PostgreSQL schema the store lives in: Kysely looks for its own bookkeeping tables without a schema
 * filter, so a store in one schema could otherwise see another schema's tables and skip creating its own.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: DialectAdapter,
  schema: string | null = null,
): Promise<string[]> {
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
  // Without a schema in the URL, PostgreSQL tables land in 'public' (the default search path).
  const tableSchema = schema ?? (dialect.name === 'postgres' ? 'public' : null);
  // Kysely's migrator takes its lock before it looks: on PostgreSQL a session advisory lock with one fixed id
  // for the whole server, so every open (a worker thread's, a test file's in its own schema) would queue behind
  // any migration running anywhere on it. Look first; an up-to-date schema needs no lock.
  if (await upToDate(db, tableSchema)) {
    await dialect.afterMigrate?.(db);
    return [];
  }
  // Numbers are handed out per issue and land in any order (015 before 010): apply a lower one that arrives late.
  const migrator = new Migrator({
    db,
    provider,
    allowUnorderedMigrations: true,
    ...(tableSchema ? { migrationTableSchema: tableSchema } : {}),
  });
  // Another process (or the job thread) writing at this moment only delays the check, as for any transaction.
  const migrate = () =>
    retryWhileLocked(async () => {
      const outcome = await migrator.migrateToLatest();
      if (outcome.error instanceof WriteLockBusyError) throw outcome.error;
      return outcome;
    });
  let outcome = await migrate();
  for (let attempt = 1; attempt < 5 && otherSchemaVanished(outcome.error, tableSchema); attempt++)
    outcome = await migrate();
  const { error, results } = outcome;
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

/**
 * Whether a migration failed only because another schema vanished: Kysely's migrator first lists the tables
 * of every schema on the server, and one dropped meanwhile by another client (another tenant, a parallel test
 * file) fails that listing while this schema is fine — with 3F000 naming the schema, or 42P01 naming one of its
 * tables (`relation "other.events_p202603" does not exist`). Nothing has run yet then, so it is tried again.
 */
export function otherSchemaVanished(error: unknown, ownSchema: string | null): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  if (code === '3F000') return ownSchema === null || !error.message.includes(`"${ownSchema}"`);
  if (code !== '42P01') return false;
  // Only a table qualified by a schema that is not ours: an unqualified one may be this schema's own.
  const schema = /relation "([^".]+)\.[^"]+" does not exist/.exec(error.message)?.[1];
  return schema !== undefined && schema !== (ownSchema ?? 'public');
}

/** Whether exactly the known migrations are recorded as applied (false before the bookkeeping table exists). */
async function upToDate(db: Kysely<Database>, tableSchema: string | null): Promise<boolean> {
  try {
    const table = sql.table(tableSchema ? `${tableSchema}.kysely_migration` : 'kysely_migration');
    const { rows } = await sql<{ name: string }>`select name from ${table}`.execute(db);
    const applied = new Set(rows.map((r) => r.name));
    // Exactly the known set: a migration this code does not know goes to the migrator, which refuses it.
    const known = Object.keys(MIGRATIONS);
    return applied.size === known.length && known.every((name) => applied.has(name));
  } catch {
    return false;
  }
}
