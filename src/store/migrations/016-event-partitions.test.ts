/**
 * Migration 016 on a PostgreSQL store that already holds events: the log moves into month partitions with
 * every row, its positions and the indexes later migrations added; new events continue the sequence.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresKind, type TestDatabase } from '../../../test/helpers/databases.js';
import { FLAT_EVENTS_DDL } from '../../../test/helpers/flat-events.js';
import { systemEvent } from '../../domain/index.js';
import { Store } from '../store.js';

const kind = await postgresKind();
const JAN = Date.UTC(2026, 0, 10);
const MAR = Date.UTC(2026, 2, 20);

describe.skipIf(!kind.available)('migration 016 on a PostgreSQL store with events', () => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = await kind.create();
    // A store as it was before 016: migrate, then put the single events table back and forget 016 and the
    // migrations after it that change the log (023's id registry, 024's index), which run again in order.
    const before = await Store.open(database.url);
    await sql`drop table events cascade`.execute(before.db);
    await sql`drop table event_rollups`.execute(before.db);
    await sql`drop table event_ids`.execute(before.db);
    await sql`delete from kysely_migration
      where name in ('016-event-partitions', '023-event-ids', '024-events-drop-id-ts', '025-event-ids-drop-ts-index')`.execute(
      before.db,
    );
    for (const ddl of FLAT_EVENTS_DDL) await sql.raw(ddl).execute(before.db);
    await sql`insert into events (id, type, customer_id, item_id, channel, ts, received_at)
      values ('e1', 'view', 'c1', 'i1', 'web', ${JAN}, ${JAN}), ('e2', 'purchase', 'c1', 'i1', 'web', ${MAR}, ${MAR}),
             ('e3', 'view', 'c2', 'i2', 'app', ${MAR + 1}, ${MAR})`.execute(before.db);
    await before.close();
    store = await Store.open(database.url);
  });
  afterAll(async () => {
    await store?.close();
    await database?.cleanup();
  });

  it('keeps every row and its position in a partition of its month, with the indexes', async () => {
    expect((await store.events.scan(0, 10)).map((e) => [e.seq, e.id])).toEqual([
      [1, 'e1'],
      [2, 'e2'],
      [3, 'e3'],
    ]);
    expect((await store.eventRetention.months()).map((m) => m.name)).toEqual([
      'events_p202601',
      'events_p202602',
      'events_p202603',
    ]);
    const { rows } = await sql<{ name: string }>`select indexname as name from pg_indexes
      where tablename = 'events' and schemaname = current_schema() order by 1`.execute(store.db);
    expect(rows.map((r) => r.name)).toEqual([
      'events_anonymous',
      'events_customer_ts',
      'events_item_ts',
      'events_pkey',
      'events_search_ts',
      'events_ts',
    ]);
  });

  it('continues the sequence and still skips an id already stored', async () => {
    const next = systemEvent({
      id: 'e4',
      type: 'view',
      customerId: 'c1',
      itemId: 'i1',
      channel: 'web',
      timestamp: MAR,
    });
    expect(await store.events.insertMany([next, { ...next, id: 'e2' }])).toBe(1);
    expect((await store.events.getByIds(['e4']))[0]?.seq).toBe(4);
    expect((await store.events.timeline('c1', { limit: 5 })).map((e) => e.id)).toEqual(['e4', 'e2', 'e1']);
  });
});
