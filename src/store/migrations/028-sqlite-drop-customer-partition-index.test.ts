import { afterEach, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { closeTestStore, openTestStore, sqliteKind, type TestDatabase } from '../../../test/helpers/databases.js';
import { systemEvent } from '../../domain/index.js';
import { INDEXED_CUSTOMER_PARTITIONS } from '../customer-partition.js';
import { sqliteDriver } from '../dialects/sqlite-driver.js';
import type { Store } from '../store.js';
import { CUSTOMER_PARTITION_INDEX } from './027-events-customer-partition.js';
import { up } from './028-sqlite-drop-customer-partition-index.js';

const T0 = Date.UTC(2026, 5, 15);

/** What a tool with none of Daogou's functions finds when it checks the file (the sqlite3 shell would do the same). */
function integrityFromOutside(url: string): unknown {
  const Sqlite = sqliteDriver();
  const raw = new Sqlite(url.replace(/^sqlite:/, ''), { readonly: true });
  try {
    return raw.pragma('integrity_check', { simple: true });
  } finally {
    raw.close();
  }
}

describe('SQLite without the customer-partition index (migration 028)', () => {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await closeTestStore(store, database);
    store = database = undefined;
  });

  const someEvents = () =>
    Array.from({ length: 40 }, (_, n) =>
      systemEvent({ id: `e-${n}`, type: 'view', customerId: `c${n % 9}`, itemId: 'i1', timestamp: T0 + n * 1000 }),
    );

  it('leaves a new store checkable by tools without Daogou’s functions', async () => {
    ({ database, store } = await openTestStore(sqliteKind()));
    await store.events.insertMany(someEvents());
    expect(integrityFromOutside(database.url)).toBe('ok');
  });

  it('drops the index the earlier 027 made, and the store reads every partition as before', async () => {
    ({ database, store } = await openTestStore(sqliteKind()));
    const partition = store.adapter.customerPartition('customer_id', INDEXED_CUSTOMER_PARTITIONS);
    // A store migrated by the earlier 027, which indexed the function's result on SQLite too.
    await sql`create index ${sql.id(CUSTOMER_PARTITION_INDEX)} on events ((${partition}), seq)
      where customer_id is not null`.execute(store.db);
    await store.events.insertMany(someEvents());
    expect(() => integrityFromOutside(database!.url)).toThrow(/daogou_customer_partition/);
    await up(store.db as unknown as Kysely<unknown>, store.adapter);
    expect(integrityFromOutside(database.url)).toBe('ok');
    let read = 0;
    for (let index = 0; index < INDEXED_CUSTOMER_PARTITIONS; index++) {
      const part = await store.events.scanEntries(0, 100, { partition: { index, count: INDEXED_CUSTOMER_PARTITIONS } });
      read += part.length;
    }
    expect(read).toBe(40);
  });
});
