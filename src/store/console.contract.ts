/** The storage contract of the console's reads: log aggregates, text filters and job results, on every backend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeTestStore,
  openTestStore,
  type TestDatabase,
  type TestDatabaseKind,
} from '../../test/helpers/databases.js';
import { systemEvent, type NewEvent } from '../domain/index.js';
import type { Store } from './store.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 2, 1);

function event(id: string, overrides: Partial<NewEvent>): NewEvent {
  return systemEvent({ id, type: 'view', itemId: 'i1', channel: 'web', timestamp: T0, ...overrides });
}

/** Registers the console storage contract tests for one backend. */
export function consoleStoreContract(kind: TestDatabaseKind): void {
  describe(`console storage contract on ${kind.name}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeAll(async () => {
      ({ database, store } = await openTestStore(kind));
      await store.events.insertMany([
        event('v1', { customerId: 'c1', sessionId: 's1', timestamp: T0 + 1 * H }),
        event('b1', {
          type: 'purchase',
          customerId: 'c1',
          sessionId: 's1',
          orderId: 'o1',
          revenue: 10,
          timestamp: T0 + 2 * H,
        }),
        event('b2', {
          type: 'purchase',
          customerId: 'c1',
          sessionId: 's1',
          orderId: 'o1',
          revenue: 5,
          timestamp: T0 + 2 * H,
        }),
        event('b3', { type: 'purchase', anonymousId: 'a1', revenue: 2.5, channel: 'app', timestamp: T0 + 26 * H }),
        event('v2', { anonymousId: 'a2', sessionId: 's2', channel: 'app', timestamp: T0 + 27 * H }),
        event('id1', { type: 'identify', customerId: 'c1', itemId: null, channel: 'other', timestamp: T0 + 3 * H }),
        event('late', { customerId: 'c2', timestamp: T0 + 72 * H }),
      ]);
    });
    afterAll(() => closeTestStore(store, database));

    const range = { from: T0, to: T0 + 48 * H, excludeTypes: ['identify'] };

    it('totals a time range: events, visitors, orders, revenue and sessions', async () => {
      expect(await store.eventAnalytics.totals(range)).toEqual({
        events: 5,
        activeCustomers: 3,
        orders: 2,
        revenue: 17.5,
        sessions: 3,
        convertedSessions: 2,
      });
      expect(await store.eventAnalytics.totals({ from: T0 + 100 * H, to: T0 + 200 * H })).toEqual({
        events: 0,
        activeCustomers: 0,
        orders: 0,
        revenue: 0,
        sessions: 0,
        convertedSessions: 0,
      });
      expect((await store.eventAnalytics.totals({ from: T0, to: T0 + 48 * H })).events).toBe(6);
    });

    it('groups by day buckets, shifted by an offset, and by channel and type', async () => {
      expect(await store.eventAnalytics.buckets(range, 24 * H)).toEqual([
        { start: T0, events: 3, activeCustomers: 1, orders: 1, revenue: 15 },
        { start: T0 + 24 * H, events: 2, activeCustomers: 2, orders: 1, revenue: 2.5 },
      ]);
      // Days starting at 02:00 UTC: the 01:00 view falls into the day before.
      const shifted = await store.eventAnalytics.buckets(range, 24 * H, 22 * H);
      expect(shifted.map((b) => [b.start, b.events])).toEqual([
        [T0 - 22 * H, 1],
        [T0 + 2 * H, 2],
        [T0 + 26 * H, 2],
      ]);
      expect(await store.eventAnalytics.byChannel(range)).toEqual([
        { channel: 'web', events: 3, orders: 1, revenue: 15 },
        { channel: 'app', events: 2, orders: 1, revenue: 2.5 },
      ]);
      expect(await store.eventAnalytics.byType(range)).toEqual([
        { type: 'purchase', events: 3 },
        { type: 'view', events: 2 },
      ]);
    });

    it('counts new customers by creation time and reads customer activity', async () => {
      await store.customers.ensureExist(
        new Map([
          ['c1', T0],
          ['c2', T0 + 72 * H],
        ]),
        T0,
      );
      expect(await store.eventAnalytics.newCustomers(T0, T0 + 48 * H)).toBe(1);
      const activity = await store.eventAnalytics.customerActivity(['c1', 'c2', 'nobody'], ['identify']);
      expect(Object.fromEntries(activity)).toEqual({
        c1: { events: 3, lastSeenAt: T0 + 2 * H },
        c2: { events: 1, lastSeenAt: T0 + 72 * H },
      });
      expect((await store.eventAnalytics.customerActivity(['c1'])).get('c1')?.events).toBe(4);
      expect((await store.eventAnalytics.customerActivity([])).size).toBe(0);
    });

    it('filters items and customers by text, ignoring case, with LIKE wildcards taken literally', async () => {
      const base = { description: null, category: null, brand: null, price: null, currency: null, stock: null };
      const more = {
        attributes: {},
        images: [],
        tags: [],
        translations: {},
        active: true,
        createdAt: T0,
        updatedAt: T0,
      };
      await store.items.upsertMany([
        { id: 'A-1', title: 'Red Dress 连衣裙', ...base, ...more },
        { id: 'b_2', title: '100% cotton', ...base, ...more },
      ]);
      const ids = async (q: string) => (await store.items.list({ limit: 10, q })).map((i) => i.id).sort();
      expect(await ids('dress')).toEqual(['A-1']);
      expect(await ids('a-')).toEqual(['A-1']);
      expect(await ids('连衣')).toEqual(['A-1']);
      expect(await ids('%')).toEqual(['b_2']);
      expect(await ids('_')).toEqual(['b_2']);
      await store.customers.upsertMany([
        {
          id: 'k1',
          traits: { name: 'Li Na', email: 'LINA@example.com', city: 'Dress Town' },
          consent: { email: false, sms: false, push: false },
          createdAt: T0,
          updatedAt: T0,
        },
      ]);
      const customers = async (q: string) => (await store.customers.list({ limit: 10, q })).map((c) => c.id);
      expect(await customers('li n')).toEqual(['k1']);
      expect(await customers('lina@')).toEqual(['k1']);
      expect(await customers('dress town')).toEqual([]);
    });

    it('stores a result on a job before it fails, and keeps it', async () => {
      const job = await store.jobs.enqueue('x', {}, T0, { maxAttempts: 1 });
      const claimed = (await store.jobs.claim('w', ['x'], T0, 1000))!;
      await store.jobs.recordResult(job.id, { error: { line: 3 } });
      await store.jobs.fail(claimed, 'line 3: bad', T0, T0);
      expect(await store.jobs.get(job.id)).toMatchObject({
        status: 'failed',
        lastError: 'line 3: bad',
        result: { error: { line: 3 } },
      });
    });
  });
}
