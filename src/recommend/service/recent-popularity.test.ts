import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDatabaseKinds, type TestDatabase } from '../../../test/helpers/databases.js';
import { loadSmallStore } from '../../../test/helpers/small-store.js';
import { testConfig } from '../../../test/helpers/test-time.js';
import { DAY_MS } from '../../domain/index.js';
import { createEngine, type Engine } from '../../engine/engine.js';
import { popularityVectors, readLogColumns } from './log-columns.js';
import { POPULARITY_WINDOW_MS, recentPopularity } from './recent-popularity.js';

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`popularity of the newest events on ${kind.name}`, () => {
    let database: TestDatabase;
    let engine: Engine;

    beforeAll(async () => {
      database = await kind.create();
      engine = await createEngine(testConfig({ databaseUrl: database.url }));
      await loadSmallStore(engine);
    }, 120_000);

    afterAll(async () => {
      await engine?.close();
      await database?.cleanup();
    });

    const top = (m: Map<string, number>, k: number) =>
      [...m]
        .sort((x, y) => y[1] - x[1])
        .slice(0, k)
        .map(([id]) => id);
    const at = (ids: readonly string[], v: Float32Array) => new Map(ids.map((id, i) => [id, v[i]!]));

    it('equals the whole log read into columns when the log fits the bounds', async () => {
      const itemIds = (await engine.store.items.list({ limit: 1000 })).map((i) => i.id);
      const cols = await readLogColumns(engine.store, itemIds);
      const whole = popularityVectors(cols);
      const recent = await recentPopularity(engine.store, itemIds, { window: 1e12, limit: 1e9 });
      expect(recent.empty).toBe(false);
      const a = at(cols.log.itemIds, whole.trending);
      const b = at(recent.itemIds, recent.popularity.trending);
      expect(top(b, 10)).toEqual(top(a, 10));
      // Ages count back from the newest event of any kind there, from the newest usable one here: one factor.
      const scale = b.get(top(a, 1)[0]!)! / a.get(top(a, 1)[0]!)!;
      for (const [id, w] of a) expect(b.get(id) ?? 0).toBeCloseTo(w * scale, 3);
      expect([...recent.popularity.byChannel.keys()].sort()).toEqual([...whole.byChannel.keys()].sort());
      for (const [channel, v] of whole.byChannel)
        expect(top(at(recent.itemIds, recent.popularity.byChannel.get(channel)!), 5)).toEqual(
          top(at(cols.log.itemIds, v), 5),
        );
    });

    it('keeps the most popular items with the default bounds (the small store spans a little over the window)', async () => {
      const itemIds = (await engine.store.items.list({ limit: 1000 })).map((i) => i.id);
      const cols = await readLogColumns(engine.store, itemIds);
      const whole = at(cols.log.itemIds, popularityVectors(cols).trending);
      const recent = await recentPopularity(engine.store, itemIds);
      const span = (cols.log.maxTimestamp - Math.min(...cols.log.timestamps)) * 1000;
      expect(span).toBeGreaterThan(POPULARITY_WINDOW_MS);
      const kept = new Set(top(at(recent.itemIds, recent.popularity.trending), 10));
      expect(top(whole, 10).filter((id) => kept.has(id)).length).toBeGreaterThanOrEqual(9);
    });

    it('reads at most the newest events it is allowed', async () => {
      const rows = await engine.store.eventAnalytics.recentItemActivity({ window: 1e12, limit: 50, halfLife: DAY_MS });
      expect(rows.reduce((n, r) => n + r.events, 0)).toBe(50);
      const none = await engine.store.eventAnalytics.recentItemActivity({ window: 0, limit: 10, halfLife: DAY_MS });
      // Only the newest instant's events: each weighs 1.
      for (const r of none) expect(r.decayed).toBeCloseTo(r.events, 6);
    });
  });
}
