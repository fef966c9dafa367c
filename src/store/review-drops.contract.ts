/** The storage contract of the review drop state (raised once per drop, kept while it lasts), on every backend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeTestStore,
  openTestStore,
  type TestDatabase,
  type TestDatabaseKind,
} from '../../test/helpers/databases.js';
import type { ReviewTrendRow } from './repositories/review-repository.js';
import type { Store } from './store.js';

const T0 = Date.UTC(2026, 2, 1);

function trend(itemId: string, recentMean: number): ReviewTrendRow {
  return { itemId, recentReviews: 4, recentMean, baselineReviews: 8, baselineMean: 0.9 };
}

/** Registers the review drop storage contract tests for one backend. */
export function reviewDropsStoreContract(kind: TestDatabaseKind): void {
  describe(`review drop storage contract on ${kind.name}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeAll(async () => {
      ({ database, store } = await openTestStore(kind));
    });
    afterAll(() => closeTestStore(store, database));

    it('raises a drop once, keeps its time while it lasts, clears it, and raises it anew later', async () => {
      const record = (rows: ReviewTrendRow[], at: number) => store.transaction((r) => r.reviews.recordDrops(rows, at));
      const after = async (raisedAt: number, itemId = '') =>
        (await store.reviews.dropsRaisedAfter({ raisedAt, itemId }, 10)).map((d) => [d.itemId, d.raisedAt]);
      expect(await record([trend('a', 0.2), trend('b', 0.3)], T0)).toEqual(['a', 'b']);
      expect(await record([trend('a', 0.1), trend('c', 0.3)], T0 + 1)).toEqual(['c']);
      expect(await after(-1)).toEqual([
        ['a', T0],
        ['c', T0 + 1],
      ]);
      expect(await after(T0, 'a')).toEqual([['c', T0 + 1]]);
      const [a] = await store.reviews.dropsRaisedAfter({ raisedAt: -1, itemId: '' }, 1);
      expect(a).toMatchObject({ itemId: 'a', active: true, recentMean: 0.1, baselineMean: 0.9, evaluatedAt: T0 + 1 });
      expect(await record([], T0 + 2)).toEqual([]);
      expect(await after(-1)).toEqual([]);
      expect(await record([trend('b', 0.2)], T0 + 3)).toEqual(['b']);
      expect(await after(T0 + 1, 'c')).toEqual([['b', T0 + 3]]);
    });
  });
}
