/** The storage contract of forecasts and price suggestions, on every backend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase, TestDatabaseKind } from '../../test/helpers/databases.js';
import type { StoredForecastSeries } from './repositories/forecast-repository.js';
import type { StoredPriceSuggestion } from './repositories/price-suggestion-repository.js';
import { Store } from './store.js';

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
      database = await kind.create();
      store = await Store.open(database.url);
    });
    afterAll(async () => {
      await store?.close();
      await database?.cleanup();
    });

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
