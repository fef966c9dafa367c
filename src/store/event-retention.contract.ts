/**
 * Event log retention and partitions (issue 22): raw events past a cutoff are dropped with their daily
 * aggregates kept, a retry with a new server time is still a duplicate, and on PostgreSQL months are made
 * ahead and dropped whole. Run on SQLite and PostgreSQL by event-retention-store.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { contractStore } from '../../test/helpers/contract-store.js';
import type { TestDatabaseKind } from '../../test/helpers/databases.js';
import { DAY_MS, systemEvent, type NewEvent } from '../domain/index.js';

const T0 = Date.UTC(2026, 5, 15);
const OLD = T0 - 100 * DAY_MS;

function event(id: string, overrides: Partial<NewEvent> = {}): NewEvent {
  return systemEvent({ id, type: 'view', customerId: 'c1', itemId: 'i1', channel: 'web', timestamp: T0, ...overrides });
}

/** Registers the retention contract for one backend. */
export function eventRetentionStoreContract(kind: TestDatabaseKind): void {
  describe(`event retention on ${kind.name}`, () => {
    const store = contractStore(kind);

    it('treats a retry within a day as a duplicate even with a new time, and a repeated id in one batch once', async () => {
      expect(await store().events.insertMany([event('retry-1', { timestamp: T0 + 1000 })])).toBe(1);
      expect(await store().events.insertMany([event('retry-1', { timestamp: T0 + 61_000 })])).toBe(0);
      expect(
        await store().events.insertMany([event('retry-2', { timestamp: T0 }), event('retry-2', { timestamp: T0 + 5 })]),
      ).toBe(1);
      expect((await store().events.getByIds(['retry-1', 'retry-2'])).map((e) => e.timestamp).sort()).toEqual([
        T0,
        T0 + 1000,
      ]);
    });

    it('makes month partitions ahead and files old rows into theirs (PostgreSQL; none on SQLite)', async () => {
      await store().events.insertMany([
        event('old-view', { timestamp: OLD }),
        event('old-buy-1', { type: 'purchase', quantity: 2, price: 5, timestamp: OLD + 1000 }),
        event('old-buy-2', { type: 'purchase', quantity: 1, revenue: 7, customerId: 'c2', timestamp: OLD + 2000 }),
        event('old-anon', { type: 'purchase', customerId: null, anonymousId: 'a1', timestamp: OLD + 3000 }),
      ]);
      const created = await store().eventRetention.prepareMonths(T0, T0 + 62 * DAY_MS);
      const months = await store().eventRetention.months();
      if (kind.name === 'postgres') {
        // The old rows' month (March 2026) and June to August 2026.
        expect(created).toEqual(
          expect.arrayContaining(['events_p202603', 'events_p202606', 'events_p202607', 'events_p202608']),
        );
        expect(months.map((m) => m.name)).toEqual(created.slice().sort());
        expect(await store().eventRetention.prepareMonths(T0, T0 + 62 * DAY_MS)).toEqual([]);
      } else {
        expect(created).toEqual([]);
        expect(months).toEqual([]);
      }
      expect(await store().events.getByIds(['old-view', 'retry-1'])).toHaveLength(2);
    });

    it('drops raw events past the cutoff, keeps their daily purchases, and leaves newer ones', async () => {
      const before = await store().events.count();
      const result = await store().eventRetention.dropBefore(T0 - 30 * DAY_MS, 2);
      expect(result.rows).toBe(4);
      expect(result.partitions).toEqual(kind.name === 'postgres' ? ['events_p202603'] : []);
      expect(await store().events.count()).toBe(before - 4);
      expect(await store().events.getByIds(['old-view', 'old-buy-1'])).toEqual([]);
      const day = Math.floor(OLD / DAY_MS) * DAY_MS;
      expect(await store().eventRetention.purchaseRollups()).toEqual([
        { day, itemId: 'i1', customerId: null, channel: 'web', events: 1, units: 1, revenue: 0 },
        { day, itemId: 'i1', customerId: 'c1', channel: 'web', events: 1, units: 2, revenue: 10 },
        { day, itemId: 'i1', customerId: 'c2', channel: 'web', events: 1, units: 1, revenue: 7 },
      ]);
      // Nothing left to drop: a second run changes nothing.
      expect((await store().eventRetention.dropBefore(T0 - 30 * DAY_MS)).rows).toBe(0);
      // Rows still waiting for a partition (any month, on PostgreSQL) are deleted in batches.
      await store().events.insertMany([event('far-old', { timestamp: OLD - 400 * DAY_MS })]);
      expect((await store().eventRetention.dropBefore(T0 - 30 * DAY_MS)).rows).toBe(1);
      expect(await store().events.getByIds(['retry-1'])).toHaveLength(1);
    });
  });
}
