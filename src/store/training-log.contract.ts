/** The storage contract of training windows of the event log, on every backend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeTestStore,
  openTestStore,
  type TestDatabase,
  type TestDatabaseKind,
} from '../../test/helpers/databases.js';
import { DAY_MS, systemEvent } from '../domain/index.js';
import type { TrainingWindow } from './repositories/training-log-repository.js';
import type { Store } from './store.js';

const T0 = Date.UTC(2026, 0, 1);

/** Registers the training-log contract tests for one backend. */
export function trainingLogStoreContract(kind: TestDatabaseKind): void {
  describe(`training log contract on ${kind.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    const all = async (w: TrainingWindow, pageSize = 3) => {
      const out = [];
      for (let after = w.afterSeq; ;) {
        const page = await store.trainingLog.page(w, after, pageSize);
        out.push(...page);
        if (page.length < pageSize) return out;
        after = page[page.length - 1]!.seq;
      }
    };

    beforeAll(async () => {
      ({ database, store } = await openTestStore(kind));
    });
    afterAll(() => closeTestStore(store, database));

    it('an empty log is an empty window', async () => {
      const w = await store.trainingLog.window({ maxEvents: 5, maxAgeMs: DAY_MS });
      expect(w).toMatchObject({ afterSeq: 0, lastSeq: 0, positions: 0 });
      expect(await store.trainingLog.page(w, 0, 10)).toEqual([]);
    });

    it('reads the whole log, or its newest positions, or its recent days, across months', async () => {
      // 12 events, one every 10 days (four months: several partitions on PostgreSQL), then a late-arriving one
      // from the first day, which the age bound leaves out although its position is the newest.
      await store.events.insertMany(
        Array.from({ length: 12 }, (_, k) =>
          systemEvent({
            id: `w${k}`,
            type: k % 4 === 3 ? 'purchase' : 'view',
            customerId: k % 2 ? 'c1' : null,
            anonymousId: k % 2 ? null : 'a1',
            itemId: `i${k}`,
            channel: 'web',
            timestamp: T0 + k * 10 * DAY_MS,
            ...(k % 4 === 3 ? { quantity: 2, orderId: `o${k}`, price: 3 } : {}),
            ...(k === 5 ? { type: 'rating', rating: 4 } : {}),
          }),
        ),
      );
      await store.events.insertMany([
        systemEvent({ id: 'late', type: 'view', customerId: 'c2', itemId: 'i0', channel: 'app', timestamp: T0 }),
      ]);
      const whole = await store.trainingLog.window({ maxEvents: null, maxAgeMs: null });
      expect(whole.positions).toBe(whole.lastSeq);
      const events = await all(whole);
      expect(events.map((e) => e.itemId)).toEqual([...Array.from({ length: 12 }, (_, k) => `i${k}`), 'i0']);
      expect(events[3]).toMatchObject({ type: 'purchase', customerId: 'c1', quantity: 2, orderId: 'o3' });
      expect(events[4]).toMatchObject({ customerId: null, anonymousId: 'a1', timestamp: T0 + 40 * DAY_MS });
      expect(events[5]).toMatchObject({ type: 'rating', rating: 4 });
      expect(events[12]).toMatchObject({ channel: 'app', customerId: 'c2' });

      const newest = await store.trainingLog.window({ maxEvents: 4, maxAgeMs: null });
      expect(newest.positions).toBe(4);
      expect((await all(newest)).map((e) => e.itemId)).toEqual(['i9', 'i10', 'i11', 'i0']);

      // The newest event is at T0 + 110 days: 35 days back reach i8 (day 80) and leave the late one out.
      const recent = await store.trainingLog.window({ maxEvents: null, maxAgeMs: 35 * DAY_MS });
      expect(recent.sinceTs).toBe(T0 + 75 * DAY_MS);
      expect(recent.afterSeq).toBe(events[8]!.seq - 1);
      expect((await all(recent)).map((e) => e.itemId)).toEqual(['i8', 'i9', 'i10', 'i11']);

      const both = await store.trainingLog.window({ maxEvents: 3, maxAgeMs: 35 * DAY_MS });
      expect((await all(both)).map((e) => e.itemId)).toEqual(['i10', 'i11']);
    });

    it('leaves out events stored after the window was taken', async () => {
      const w = await store.trainingLog.window({ maxEvents: 2, maxAgeMs: null });
      await store.events.insertMany([
        systemEvent({ id: 'after', type: 'view', customerId: 'c3', itemId: 'i1', channel: 'web', timestamp: T0 }),
      ]);
      expect((await all(w)).map((e) => e.itemId)).toEqual(['i11', 'i0']);
    });
  });
}
