/**
 * The log read by customer partition (the profile fold's, issue 22): the database and customerPartition() in
 * JavaScript put every customer in the same partition, the partitions together hold every event with a customer
 * exactly once, a read by the fold's partition count goes through migration 027's index (and sees events attached
 * to a customer after they were stored), and seqHoles() names the positions a partition's reader skipped that
 * hold no event at all. Run on SQLite and PostgreSQL by store.test.ts.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeTestStore,
  openTestStore,
  type TestDatabase,
  type TestDatabaseKind,
} from '../../test/helpers/databases.js';
import { systemEvent } from '../domain/index.js';
import { INDEXED_CUSTOMER_PARTITIONS, customerPartition } from './customer-partition.js';
import { CUSTOMER_PARTITION_INDEX } from './migrations/027-events-customer-partition.js';
import type { Store } from './store.js';

const T0 = Date.UTC(2026, 5, 15);
// The indexed count (the fold's) and one read by scanning.
const COUNTS = [INDEXED_CUSTOMER_PARTITIONS, 4];

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

    it.each(COUNTS)(
      'puts each event with a customer in exactly one of %i partitions, the one JavaScript computes',
      async (count) => {
        const all = await store!.events.scanEntries(0, 1000, { withCustomer: true });
        const seen = new Set<number>();
        for (let index = 0; index < count; index++) {
          const part = await store!.events.scanEntries(0, 1000, { partition: { index, count } });
          expect(part.length).toBeGreaterThan(0);
          for (const e of part) {
            expect(customerPartition(e.customerId!, count)).toBe(index);
            expect(seen.has(e.seq)).toBe(false);
            seen.add(e.seq);
          }
          // Paged reads of a partition come in log order and continue after the last position read.
          const first = await store!.events.scanEntries(0, 5, { partition: { index, count } });
          const rest = await store!.events.scanEntries(first[4]!.seq, 1000, { partition: { index, count } });
          expect([...first, ...rest].map((e) => e.seq)).toEqual(part.map((e) => e.seq));
        }
        expect(seen.size).toBe(all.length);
        expect(all.length).toBe(270);
      },
    );

    it('reads a partition of the fold through the index on PostgreSQL (SQLite keeps none: migration 028)', async () => {
      const plan = await partitionReadPlan(store!, kind.name);
      expect(plan.uses).toBe(kind.name === 'postgres');
      if (kind.name === 'postgres') expect(plan.text).not.toMatch(/Seq Scan/);
    });

    it('finds an anonymous event in its customer’s partition once it is attached, and not once erased', async () => {
      const count = INDEXED_CUSTOMER_PARTITIONS;
      await store!.events.insertMany([
        systemEvent({ id: 'anon-1', type: 'view', anonymousId: 'a-1', itemId: 'i1', timestamp: T0 + 1000 }),
      ]);
      const [stored] = await store!.events.getByIds(['anon-1']);
      const index = customerPartition('late-customer', count);
      const read = async () =>
        (await store!.events.scanEntries(stored!.seq - 1, 10, { partition: { index, count } })).map((e) => e.id);
      expect(await read()).toEqual([]);
      expect(await store!.events.attachAnonymous('a-1', 'late-customer')).toBe(1);
      expect(await read()).toEqual(['anon-1']);
      await store!.events.anonymiseForCustomer('late-customer', [], 'pseudonym');
      expect(await read()).toEqual([]);
    });

    it.skipIf(kind.name !== 'postgres')(
      'reads a partition and its holes as of one moment, not seeing what commits between the two reads',
      async () => {
        const index = customerPartition('snap', INDEXED_CUSTOMER_PARTITIONS);
        const partition = { index, count: INDEXED_CUSTOMER_PARTITIONS };
        const top = await store!.events.approximateCount();
        // Two events of one customer: the first takes its position, the second commits before the first does.
        let commit!: () => void;
        const held = new Promise<void>((resolve) => (commit = resolve));
        let inserted!: () => void;
        const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
        const slow = store!.transaction(async (repos) => {
          await repos.events.insertMany([
            systemEvent({ id: 'snap-1', type: 'view', customerId: 'snap', itemId: 'i1', timestamp: T0 }),
          ]);
          inserted();
          await held;
        });
        await insertedYet;
        await store!.events.insertMany([
          systemEvent({ id: 'snap-2', type: 'view', customerId: 'snap', itemId: 'i1', timestamp: T0 }),
        ]);
        const seen = await store!.snapshotReads(async ({ events }) => {
          const read = await events.scanEntries(top, 10, { partition });
          // The slow insert commits between the partition's read and the question about holes.
          commit();
          await slow;
          return { read, holes: await events.seqHoles(top, read[read.length - 1]!.seq) };
        });
        expect(seen.read.map((e) => e.id)).toEqual(['snap-2']);
        const [first] = await store!.events.getByIds(['snap-1']);
        // Outside the snapshot the position is filled; inside it, it was a hole, so a tailer revisits it.
        expect(seen.holes).toEqual([[first!.seq, first!.seq]]);
      },
    );

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

/**
 * The plan of a fold partition's read, and whether it uses migration 027's index. On PostgreSQL sequential scans
 * are discouraged for the check, since a table of a few hundred rows is cheaper to scan than to look up; what is
 * checked is that the index can serve the query (its expression and condition match).
 */
export async function partitionReadPlan(store: Store, kind: string): Promise<{ text: string; uses: boolean }> {
  const partition = store.adapter.customerPartition('customer_id', INDEXED_CUSTOMER_PARTITIONS);
  const query = sql`select seq from events where seq > 0 and customer_id is not null and ${partition} = 3
    order by seq limit 20000`;
  if (kind === 'sqlite') {
    const { rows } = await sql<{ detail: string }>`explain query plan ${query}`.execute(store.db);
    const text = rows.map((r) => r.detail).join('\n');
    return { text, uses: text.includes(CUSTOMER_PARTITION_INDEX) };
  }
  return store.db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(trx);
    const text = rows.map((r) => r['QUERY PLAN']).join('\n');
    // Each month partition has its own copy of the index, named by PostgreSQL.
    const { rows: copies } = await sql<{ name: string }>`select c.relname as name from pg_inherits i
      join pg_class c on c.oid = i.inhrelid where i.inhparent = to_regclass(${CUSTOMER_PARTITION_INDEX})`.execute(trx);
    return { text, uses: copies.length > 0 && copies.some((c) => text.includes(c.name)) };
  });
}
