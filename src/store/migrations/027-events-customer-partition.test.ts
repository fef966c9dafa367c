import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { allDatabaseKinds, closeTestStore, openTestStore, type TestDatabase } from '../../../test/helpers/databases.js';
import { systemEvent } from '../../domain/index.js';
import { INDEXED_CUSTOMER_PARTITIONS, customerPartition } from '../customer-partition.js';
import { partitionReadPlan } from '../customer-partitions.contract.js';
import type { Store } from '../store.js';
import { CUSTOMER_PARTITION_INDEX, up } from './027-events-customer-partition.js';

const T0 = Date.UTC(2026, 5, 15);

// PostgreSQL only: SQLite keeps no such index (migration 028).
for (const kind of (await allDatabaseKinds()).filter((k) => k.name === 'postgres')) {
  describe.skipIf(!kind.available)(`events indexed by customer partition (migration 027) on ${kind.name}`, () => {
    let database: TestDatabase | undefined;
    let store: Store | undefined;
    beforeAll(async () => {
      ({ database, store } = await openTestStore(kind));
    });
    afterAll(async () => {
      await closeTestStore(store, database);
    });

    it('indexes the events stored before it, and those stored after', async () => {
      const count = INDEXED_CUSTOMER_PARTITIONS;
      const events = (from: number) =>
        Array.from({ length: 200 }, (_, n) =>
          systemEvent({
            id: `e-${from + n}`,
            type: 'view',
            ...(n % 7 === 6 ? { anonymousId: 'anon' } : { customerId: `c${(from + n) % 53}` }),
            itemId: 'i1',
            // Two months, so PostgreSQL has two month partitions with a copy of the index each.
            timestamp: T0 + (from + n) * 86_400_000 * 0.2,
          }),
        );
      // A store as it was before 027: the log without the index.
      await sql`drop index ${sql.id(CUSTOMER_PARTITION_INDEX)}`.execute(store!.db);
      await store!.events.insertMany(events(0));
      expect((await partitionReadPlan(store!, kind.name)).uses).toBe(false);
      await up(store!.db as unknown as Kysely<unknown>, store!.adapter);
      expect((await partitionReadPlan(store!, kind.name)).uses).toBe(true);
      await store!.events.insertMany(events(200));

      const all = await store!.events.scanEntries(0, 1000, { withCustomer: true });
      expect(all.length).toBe(400 - 2 * Math.floor(200 / 7));
      const read: number[] = [];
      for (let index = 0; index < count; index++) {
        const part = await store!.events.scanEntries(0, 1000, { partition: { index, count } });
        for (const e of part) expect(customerPartition(e.customerId!, count)).toBe(index);
        read.push(...part.map((e) => e.seq));
      }
      expect(read.sort((a, b) => a - b)).toEqual(all.map((e) => e.seq));
    });
  });
}
