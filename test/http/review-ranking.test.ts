/** Review signals as an opt-in ranking feature: off by default; on, better-reviewed items move up in search and recommendations. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { ReviewSignals } from '../../src/platform/index.js';
import { sqliteKind, type TestDatabase } from '../helpers/databases.js';

const NOW = Date.UTC(2026, 5, 3, 12);

describe('review signals as a ranking feature (SQLite)', () => {
  let database: TestDatabase;
  let engine: Engine;

  beforeAll(async () => {
    database = await sqliteKind().create();
    expect(loadConfig({}).reviewRanking).toBe(false);
    expect(loadConfig({ DAOGOU_REVIEW_RANKING: '1' }).reviewRanking).toBe(true);
    engine = await createEngine({ ...loadConfig({}), databaseUrl: database.url }, () => NOW);
    // Two items alike in every way but their reviews: the same title, price and purchases.
    await engine.items.upsert([
      { id: 'panned', title: 'Blue enamel mug', category: 'Kitchen', price: 10 },
      { id: 'praised', title: 'Blue enamel mug', category: 'Kitchen', price: 10 },
    ]);
    const events: Record<string, unknown>[] = [];
    for (let i = 0; i < 12; i++) {
      for (const itemId of ['panned', 'praised']) events.push({ type: 'purchase', itemId, customerId: `c${i}` });
      events.push({ type: 'review', itemId: 'panned', customerId: `c${i}`, review: '质量太差了，做工粗糙，很失望' });
      events.push({ type: 'review', itemId: 'praised', customerId: `c${i}`, review: '质量很好，做工精细，很满意' });
    }
    await engine.events.track(events as never);
    await engine.reviews.catchUp();
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
    await database?.cleanup();
  });

  const searchScores = async () =>
    Object.fromEntries((await engine.search.search({ q: 'blue mug' })).items.map((h) => [h.id, h.score]));
  const trendingScores = async () =>
    Object.fromEntries((await engine.recommendations.trending({ k: 2 })).items.map((r) => [r.id, r.score]));

  it('leaves scores alone when off (the default), and lifts the praised item when on', async () => {
    const offSearch = await searchScores();
    expect(offSearch.praised).toBeCloseTo(offSearch.panned!, 9);
    const offTrending = await trendingScores();
    expect(offTrending.praised).toBeCloseTo(offTrending.panned!, 9);

    const signals = new ReviewSignals(engine.store, engine.clock);
    const { byItem } = await signals.factors();
    expect(byItem.get('praised')).toBeGreaterThan(1);
    expect(byItem.get('panned')).toBeLessThan(1);
    engine.search.useReviewSignals(signals);
    engine.recommendations.useReviewSignals(signals);
    const onSearch = await engine.search.search({ q: 'blue mug' });
    expect(onSearch.items.map((h) => h.id)).toEqual(['praised', 'panned']);
    expect(onSearch.items[0]!.score / onSearch.items[1]!.score).toBeCloseTo(
      byItem.get('praised')! / byItem.get('panned')!,
      5,
    );
    const onTrending = await engine.recommendations.trending({ k: 2 });
    expect(onTrending.items.map((r) => r.id)).toEqual(['praised', 'panned']);

    engine.search.useReviewSignals(null);
    engine.recommendations.useReviewSignals(null);
    expect((await searchScores()).praised).toBeCloseTo(offSearch.praised!, 9);
  });
});
