/**
 * The log read by customer partition (the profile fold's, issue 22): the database and customerPartition() in
 * JavaScript put every customer in the same partition, the partitions together hold every event with a customer
 * exactly once, and seqHoles() names the positions a partition's reader skipped that hold no event at all.
 * Run on SQLite and PostgreSQL by store.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeTestStore,
  openTestStore,
  type TestDatabase,
  type TestDatabaseKind,
} from '../../test/helpers/databases.js';
import { systemEvent } from '../domain/index.js';
import { customerPartition } from './customer-partition.js';
import type { Store } from './store.js';

const T0 = Date.UTC(2026, 5, 15);
const PARTITIONS = 4;

/** Registers the partitioned-read contract for one backend. */
export function customerPartitionsStoreContract(kind: TestDatabaseKind): void {
  describe(`log read by customer partition on ${kind.name}`, () => {
    let database: TestDatabase | undefined;
    let store: Store | undefined;
    beforeAll(async () => {
      ({ database, store } = await openTestStore(kind));
      const events = Array.from({ length: 300 }, (_, n) =>
        systemEvent({
          id: `p-${n}`,
          type: 'view',
          // Ids of several shapes (and non-ASCII ones), and some anonymous events, which are in no partition.
          ...(n % 10 === 9 ? {} : { customerId: n % 3 === 0 ? `客户-${n % 37}` : `c${n % 41}` }),
          itemId: 'i1',
          timestamp: T0 + n,
        }),
      );
      await store.events.insertMany(events);
    });
    afterAll(async () => {
      await closeTestStore(store, database);
    });

    it('puts each event with a customer in exactly one partition, the one JavaScript computes', async () => {
      const all = await store!.events.scanEntries(0, 1000, { withCustomer: true });
      const seen = new Set<number>();
      for (let index = 0; index < PARTITIONS; index++) {
        const part = await store!.events.scanEntries(0, 1000, { partition: { index, count: PARTITIONS } });
        expect(part.length).toBeGreaterThan(0);
        for (const e of part) {
          expect(customerPartition(e.customerId!, PARTITIONS)).toBe(index);
          expect(seen.has(e.seq)).toBe(false);
          seen.add(e.seq);
        }
        // Paged reads of a partition come in log order and continue after the last position read.
        const first = await store!.events.scanEntries(0, 5, { partition: { index, count: PARTITIONS } });
        const rest = await store!.events.scanEntries(first[4]!.seq, 1000, { partition: { index, count: PARTITIONS } });
        expect([...first, ...rest].map((e) => e.seq)).toEqual(part.map((e) => e.seq));
      }
      expect(seen.size).toBe(all.length);
      expect(all.length).toBe(270);
    });

    it('names the positions that hold no event, and none where every position is stored', async () => {
      const all = await store!.events.scanEntries(0, 1000);
      const seqs = all.map((e) => e.seq);
      const [a, b, c] = [seqs[10]!, seqs[11]!, seqs[40]!];
      expect(await store!.events.seqHoles(seqs[0]!, seqs[60]!)).toEqual([]);
      await store!.db.deleteFrom('events').where('seq', 'in', [a, b, c]).execute();
      expect(await store!.events.seqHoles(seqs[0]!, seqs[60]!)).toEqual([
        [a, b],
        [c, c],
      ]);
      // A hole right after the starting position, and none past the end of the range.
      expect(await store!.events.seqHoles(seqs[9]!, seqs[12]!)).toEqual([[a, b]]);
      expect(await store!.events.seqHoles(seqs[12]!, seqs[12]!)).toEqual([]);
    });
  });
}
