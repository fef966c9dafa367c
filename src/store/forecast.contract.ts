/** The storage contract of forecasts and price suggestions, on every backend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeTestStore,
  openTestStore,
  type TestDatabase,
  type TestDatabaseKind,
} from '../../test/helpers/databases.js';
import type { StoredForecastSeries } from './repositories/forecast-repository.js';
import type { StoredPriceSuggestion } from './repositories/price-suggestion-repository.js';
import type { Store } from './store.js';

const T0 = Date.UTC(2026, 2, 1);

function series(key: string, level: string, riskRank: number | null, label = key): StoredForecastSeries {
  return { key, level, label, frequency: 'week', riskRank, body: { mean: [1.5, 2], note: '周' }, computedAt: T0 };
}

function suggestion(id: string, itemId: string): StoredPriceSuggestion {
  return {
    id,
    itemId,
    status: 'pending',
    currentPrice: 19.99,
    suggestedPrice: 21.49,
    body: { explanation: 'why' },
    createdAt: T0,
    decidedAt: null,
  };
}

/** Registers the forecast storage contract tests for one backend. */
export function forecastStoreContract(kind: TestDatabaseKind): void {
  describe(`forecast storage contract on ${kind.name}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeAll(async () => {
      ({ database, store } = await openTestStore(kind));
    });
    afterAll(() => closeTestStore(store, database));

    it('replaces all series at once and lists them by risk, then label', async () => {
      await store.transaction((r) => r.forecasts.replaceAll([series('old', 'item', 0)]));
      await store.transaction((r) =>
        r.forecasts.replaceAll([
          series('item:b', 'item', 2, 'B'),
          series('item:a', 'item', 0, 'A'),
          series('item:c', 'item', null, 'C'),
          series('category:x', 'category', null),
        ]),
      );
      expect(await store.forecasts.get('old')).toBeUndefined();
      const items = await store.forecasts.list({ level: 'item' });
      expect(items.total).toBe(3);
      expect(items.series.map((s) => s.key)).toEqual(['item:a', 'item:b', 'item:c']);
      expect(items.series[0]).toEqual(series('item:a', 'item', 0, 'A'));
      expect((await store.forecasts.list({ level: 'item', riskRanks: [2] })).series.map((s) => s.key)).toEqual([
        'item:b',
      ]);
      expect((await store.forecasts.list({ limit: 1, offset: 1, level: 'item' })).series[0]!.key).toBe('item:b');
      expect(await store.forecasts.riskCounts()).toEqual({ 0: 1, 2: 1 });
      expect(await store.forecasts.riskRanks()).toEqual(
        new Map([
          ['item:a', 0],
          ['item:b', 2],
        ]),
      );
    });

    it('pages through flagged items after a cursor of computed time and key', async () => {
      const at = (s: StoredForecastSeries, computedAt: number) => ({ ...s, computedAt });
      await store.transaction((r) =>
        r.forecasts.replaceAll([
          at(series('item:a', 'item', 0), T0 + 1),
          at(series('item:b', 'item', 3), T0 + 1),
          at(series('item:c', 'item', 0), T0 + 1),
          at(series('item:d', 'item', 2), T0 + 1),
          at(series('category:x', 'category', 0), T0 + 1),
        ]),
      );
      const keys = async (cursor: { computedAt: number; key: string }, ranks: number[], limit = 10) =>
        (await store.forecasts.flaggedAfter(cursor, ranks, limit)).map((s) => s.key);
      expect(await keys({ computedAt: -1, key: '' }, [0, 3])).toEqual(['item:a', 'item:b', 'item:c']);
      expect(await keys({ computedAt: -1, key: '' }, [0], 1)).toEqual(['item:a']);
      expect(await keys({ computedAt: T0 + 1, key: 'item:a' }, [0])).toEqual(['item:c']);
      expect(await keys({ computedAt: T0 + 1, key: 'item:c' }, [0, 3])).toEqual([]);
      expect(await keys({ computedAt: T0, key: 'item:z' }, [3])).toEqual(['item:b']);
    });

    it('keeps price suggestions pending until decided once, and supersedes them on a new run', async () => {
      await store.transaction((r) =>
        r.priceSuggestions.replacePending([suggestion('s1', 'i1'), suggestion('s2', 'i2')], T0),
      );
      expect((await store.priceSuggestions.list()).map((s) => s.id)).toEqual(['s1', 's2']);
      expect(await store.priceSuggestions.decide('s1', 'accepted', T0 + 1)).toBe(true);
      expect(await store.priceSuggestions.decide('s1', 'rejected', T0 + 2)).toBe(false);
      expect(await store.priceSuggestions.decide('nope', 'rejected', T0 + 2)).toBe(false);
      expect(await store.priceSuggestions.get('s1')).toMatchObject({
        status: 'accepted',
        decidedAt: T0 + 1,
        suggestedPrice: 21.49,
      });
      await store.transaction((r) => r.priceSuggestions.replacePending([suggestion('s3', 'i2')], T0 + 5));
      expect((await store.priceSuggestions.list()).map((s) => s.id)).toEqual(['s3']);
      expect((await store.priceSuggestions.list('superseded')).map((s) => s.id)).toEqual(['s2']);
      expect((await store.priceSuggestions.list('accepted')).map((s) => s.id)).toEqual(['s1']);
    });
  });
}
