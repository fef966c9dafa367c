/**
 * Event ids are idempotency keys (issue 22): an id is stored once whatever the time it is sent with and however
 * many processes send it at once; erasure and retention leave no trace of the ids they delete, so an erased or
 * dropped id is new again. Two stores on one database stand for two API processes. Run on SQLite and
 * PostgreSQL by event-retention-store.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeTestStore,
  openTestStore,
  type TestDatabase,
  type TestDatabaseKind,
} from '../../test/helpers/databases.js';
import { DAY_MS, systemEvent, type NewEvent } from '../domain/index.js';
import { Store } from './store.js';

const T0 = Date.UTC(2026, 5, 15);

function event(id: string, overrides: Partial<NewEvent> = {}): NewEvent {
  return systemEvent({ id, type: 'view', customerId: 'c1', itemId: 'i1', channel: 'web', timestamp: T0, ...overrides });
}

/** Registers the event-id contract for one backend. */
export function eventIdsStoreContract(kind: TestDatabaseKind): void {
  describe(`event ids on ${kind.name}`, () => {
    let database: TestDatabase | undefined;
    let one: Store | undefined;
    let two: Store | undefined;
    beforeAll(async () => {
      ({ database, store: one } = await openTestStore(kind));
      two = await Store.open(database.url);
    });
    afterAll(async () => {
      await two?.close();
      await closeTestStore(one, database);
    });
    const count = async (id: string) => (await one!.events.getByIds([id])).length;

    it('stores an id once whatever the time it is sent again with, days later included', async () => {
      expect(await one!.events.insertMany([event('late-1')])).toBe(1);
      expect(await one!.events.insertMany([event('late-1', { timestamp: T0 + 40 * DAY_MS })])).toBe(0);
      expect(await two!.events.insertMany([event('late-1', { timestamp: T0 - 3 * DAY_MS })])).toBe(0);
      expect(await count('late-1')).toBe(1);
    });

    // SQLite has one writer at a time, so the second write waits for the first by design; and two connections
    // in one thread (better-sqlite3 is synchronous) cannot wait for each other, so this runs where writers overlap.
    it.skipIf(kind.name === 'sqlite')(
      'stores an id once when a second process sends it while the first one’s transaction is in flight',
      async () => {
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let inserted!: () => void;
        const wrote = new Promise<void>((resolve) => (inserted = resolve));
        const first = one!.transaction(async (repos) => {
          const n = await repos.events.insertMany([event('race-1', { timestamp: T0 + 1000 })]);
          inserted();
          await gate;
          return n;
        });
        await wrote;
        // A retry stamped with a new server time, in another process, before the first has committed.
        const second = two!.events.insertMany([event('race-1', { timestamp: T0 + 2000 })]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        release();
        expect(await first).toBe(1);
        expect(await second).toBe(0);
        expect(await count('race-1')).toBe(1);
      },
    );

    it('stores each id once when two processes send the same batches at once, each with its own times', async () => {
      let stored = 0;
      for (let round = 0; round < 10; round++) {
        const ids = Array.from({ length: 40 }, (_, i) => `burst-${round}-${i}`);
        const send = (store: Store, offset: number) =>
          store.transaction((repos) =>
            repos.events.insertMany(ids.map((id, i) => event(id, { timestamp: T0 + offset + i }))),
          );
        const counts = await Promise.all([send(one!, 0), send(two!, 5000), send(one!, 9000), send(two!, 70_000)]);
        stored += counts.reduce((a, b) => a + b, 0);
      }
      expect(stored).toBe(400);
      const rows = await one!.events.scan(0, 10_000);
      const burst = rows.filter((e) => e.id.startsWith('burst-'));
      expect(new Set(burst.map((e) => e.id)).size).toBe(400);
      expect(burst).toHaveLength(400);
    });

    it('forgets the ids of erased events: sent again after erasure, an id is new', async () => {
      await one!.events.insertMany([
        event('erase-1', { customerId: 'ce' }),
        event('erase-2', { customerId: null, anonymousId: 'ae' }),
      ]);
      expect(await one!.events.deleteForCustomer('ce', ['ae'])).toBe(2);
      expect(await two!.events.insertMany([event('erase-1', { customerId: 'ce2' }), event('erase-2')])).toBe(2);
    });

    it('forgets the ids of events retention dropped, and keeps those of events it kept', async () => {
      const old = T0 - 200 * DAY_MS;
      await one!.events.insertMany([event('old-1', { timestamp: old }), event('old-2', { timestamp: old + 1 })]);
      await one!.eventRetention.prepareMonths(T0, T0);
      expect((await one!.eventRetention.dropBefore(T0 - 100 * DAY_MS)).rows).toBe(2);
      expect(await one!.events.insertMany([event('old-1', { timestamp: old }), event('late-1')])).toBe(1);
      expect(await count('old-1')).toBe(1);
      expect(await count('late-1')).toBe(1);
      // Rows of months without a partition are deleted in batches, their ids with them (old-1 again, and far-1).
      await one!.events.insertMany([event('far-1', { timestamp: old - 400 * DAY_MS })]);
      expect((await one!.eventRetention.dropBefore(T0 - 100 * DAY_MS, 1)).rows).toBe(2);
      expect(await two!.events.insertMany([event('far-1', { timestamp: old - 400 * DAY_MS }), event('late-1')])).toBe(
        1,
      );
      expect(await count('far-1')).toBe(1);
      expect(await count('late-1')).toBe(1);
    });
  });
}
