/**
 * Upkeep of the month partitions on PostgreSQL: rows waiting in the default partition move into their month's new
 * partition, and the default partition is vacuumed afterwards, so reads of a customer's events stop visiting the
 * dead rows left behind.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresKind, type TestDatabase } from '../../../test/helpers/databases.js';
import { systemEvent } from '../../domain/index.js';
import { Store } from '../store.js';
import { DEFAULT_PARTITION } from './postgres-partitions.js';

const kind = await postgresKind();
/** A month long before any partition the migrations make. */
const OLD = Date.UTC(2020, 4, 10);
const NOW = Date.UTC(2026, 11, 7);

describe.skipIf(!kind.available)('month partitions on PostgreSQL', () => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = await kind.create();
    store = await Store.open(database.url);
  });
  afterAll(async () => {
    await store?.close();
    await database?.cleanup();
  });

  const vacuums = async () => {
    const { rows } = await sql<{ n: string }>`select vacuum_count as n from pg_stat_user_tables
      where schemaname = current_schema() and relname = ${DEFAULT_PARTITION}`.execute(store.db);
    return Number(rows[0]?.n ?? 0);
  };

  it('moves waiting rows into their month and vacuums the default partition after', async () => {
    const events = Array.from({ length: 20 }, (_, i) =>
      systemEvent({ id: `old${i}`, type: 'view', customerId: 'c1', itemId: 'i1', channel: 'web', timestamp: OLD + i }),
    );
    expect(await store.events.insertMany(events)).toBe(20);
    const { rows: waiting } = await sql<{
      n: string;
    }>`select count(*) as n from ${sql.table(DEFAULT_PARTITION)}`.execute(store.db);
    expect(Number(waiting[0]!.n)).toBe(20);
    const before = await vacuums();

    const created = await store.eventRetention.prepareMonths(NOW - 31 * 86_400_000, NOW);
    expect(created).toContain('events_p202005');
    const { rows: left } = await sql<{ n: string }>`select count(*) as n from ${sql.table(DEFAULT_PARTITION)}`.execute(
      store.db,
    );
    expect(Number(left[0]!.n)).toBe(0);
    expect(await vacuums()).toBe(before + 1);
    expect((await store.events.timeline('c1', { limit: 30 })).length).toBe(20);

    // Nothing waiting: no vacuum.
    await store.eventRetention.prepareMonths(NOW - 31 * 86_400_000, NOW);
    expect(await vacuums()).toBe(before + 1);
  });
});
