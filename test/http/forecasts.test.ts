/** Forecasts, inventory and price suggestions through HTTP on every backend, with a fixed clock. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { Worker } from '../../src/jobs/worker.js';
import { seededRandom } from '../../src/math/random.js';
import { buildApp } from '../../src/server/app.js';
import { allDatabaseKinds, type TestDatabase } from '../helpers/databases.js';

const NOW = Date.UTC(2026, 5, 3, 12);
const WEEK = 7 * 86_400_000;

/** 40 weeks of purchases of three items whose prices move; elasticity −2 for all. */
function purchases(): Record<string, unknown>[] {
  const rand = seededRandom(5);
  const events: Record<string, unknown>[] = [];
  const items = [
    { id: 'mug', base: 10, units: 30 },
    { id: 'cup', base: 8, units: 20 },
    { id: 'bowl', base: 15, units: 12 },
  ];
  for (let w = 40; w >= 1; w--) {
    for (const item of items) {
      const price = Math.round(item.base * (0.85 + 0.3 * rand()) * 100) / 100;
      const units = Math.max(1, Math.round(item.units * Math.pow(price / item.base, -2) * (0.8 + 0.4 * rand())));
      events.push({
        id: `${item.id}-${w}`,
        type: 'purchase',
        customerId: `c${w % 7}`,
        itemId: item.id,
        quantity: units,
        price,
        revenue: Math.round(price * units * 100) / 100,
        channel: w % 2 ? 'web' : 'app',
        timestamp: new Date(NOW - w * WEEK).toISOString(),
      });
    }
  }
  return events;
}

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`forecasting and pricing API on ${kind.name}`, () => {
    let database: TestDatabase;
    let engine: Engine;
    let app: FastifyInstance;
    let admin: string;
    const auth = () => ({ authorization: `Bearer ${admin}` });

    beforeAll(async () => {
      database = await kind.create();
      engine = await createEngine({ ...loadConfig({}), databaseUrl: database.url }, () => NOW);
      app = await buildApp(engine);
      admin = (await engine.keys.create('admin', 'admin')).key;
      await engine.items.upsert([
        { id: 'mug', title: 'Mug', category: 'Kitchen', price: 10, stock: 20, attributes: { cost: 4 } },
        { id: 'cup', title: 'Cup', category: 'Kitchen', price: 8, stock: 5000, attributes: { cost: 3 } },
        { id: 'bowl', title: 'Bowl', category: 'Kitchen', price: 15, stock: null },
      ]);
      const res = await app.inject({
        method: 'POST',
        url: '/v1/events/batch',
        headers: auth(),
        payload: { events: purchases() },
      });
      expect(res.statusCode).toBeLessThan(300);
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      await engine?.close();
      await database?.cleanup();
    });

    it('runs forecasting as a job and serves forecasts and the inventory table by risk', async () => {
      const run = await app.inject({
        method: 'POST',
        url: '/v1/forecasts/run',
        headers: auth(),
        payload: { horizon: 6 },
      });
      expect(run.statusCode).toBe(202);
      await new Worker(engine.store, engine.jobs, engine.clock).drain();
      const job = (await app.inject({ url: `/v1/jobs/${run.json().id}`, headers: auth() })).json();
      expect(job.status).toBe('done');

      const list = (await app.inject({ url: '/v1/forecasts?level=item', headers: auth() })).json();
      expect(list.total).toBe(3);
      const store = (await app.inject({ url: '/v1/forecasts/store', headers: auth() })).json();
      expect(store.body.forecast.periods).toHaveLength(6);
      expect(store.body.history.values.length).toBeGreaterThanOrEqual(40);
      expect(store.body.forecast.mean[0]).toBeGreaterThan(0);
      expect(store.body.forecast.intervals[1].upper[0]).toBeGreaterThan(store.body.forecast.mean[0]);

      const inventory = (await app.inject({ url: '/v1/inventory', headers: auth() })).json();
      expect(inventory.series.map((s: { key: string }) => s.key)).toEqual(['item:mug', 'item:cup']);
      expect(inventory.counts).toMatchObject({ stockout: 1, overstock: 1 });
      expect(inventory.series[0].body.inventory.reorderPoint).toBeGreaterThan(20);
      const risky = (await app.inject({ url: '/v1/inventory?risk=overstock', headers: auth() })).json();
      expect(risky.series.map((s: { key: string }) => s.key)).toEqual(['item:cup']);

      const missing = await app.inject({ url: '/v1/forecasts/item:nope', headers: auth() });
      expect(missing.statusCode).toBe(404);
    });

    it('suggests prices with explanations and applies an accepted one to the item', async () => {
      const run = await app.inject({
        method: 'POST',
        url: '/v1/pricing/run',
        headers: auth(),
        payload: { maxChange: 0.2 },
      });
      expect(run.statusCode).toBe(202);
      await new Worker(engine.store, engine.jobs, engine.clock).drain();
      const { suggestions } = (await app.inject({ url: '/v1/pricing/suggestions', headers: auth() })).json();
      const mug = suggestions.find((s: { itemId: string }) => s.itemId === 'mug');
      expect(mug.explanation.elasticity.value).toBeLessThan(-1);
      expect(mug.explanation.explanation).toContain('Elasticity');
      // The category's average that the item is shrunk toward, with its interval.
      const category = mug.explanation.category as { name: string; elasticity: number; low: number; high: number };
      expect(category.name).toBe('Kitchen');
      expect(category.low).toBeLessThan(category.elasticity);
      expect(category.high).toBeGreaterThan(category.elasticity);
      expect(category.elasticity).toBeLessThan(-1);
      const cup = suggestions.find((s: { itemId: string }) => s.itemId === 'cup');
      expect(cup.explanation.markdown.steps.length).toBeGreaterThan(0);

      const accepted = await app.inject({
        method: 'POST',
        url: `/v1/pricing/suggestions/${mug.id}/accept`,
        headers: auth(),
      });
      expect(accepted.statusCode).toBe(200);
      expect((await engine.items.get('mug')).price).toBe(mug.suggestedPrice);
      const again = await app.inject({
        method: 'POST',
        url: `/v1/pricing/suggestions/${mug.id}/reject`,
        headers: auth(),
      });
      expect(again.statusCode).toBe(409);
      const unknown = await app.inject({ method: 'POST', url: '/v1/pricing/suggestions/nope/reject', headers: auth() });
      expect(unknown.statusCode).toBe(404);
    });

    it('lists the elasticities of the latest pricing run with intervals, by category and a page at a time', async () => {
      const all = (await app.inject({ url: '/v1/pricing/elasticities', headers: auth() })).json();
      expect(all.total).toBe(3);
      expect(all.elasticities.map((e: { itemId: string }) => e.itemId)).toEqual(['bowl', 'cup', 'mug']);
      for (const e of all.elasticities) {
        expect(e.category).toBe('Kitchen');
        expect(e.low).toBeLessThan(e.elasticity);
        expect(e.high).toBeGreaterThan(e.elasticity);
        expect(e.detail.category.items).toBeGreaterThan(0);
      }
      const mug = all.elasticities.find((e: { itemId: string }) => e.itemId === 'mug');
      expect(mug.title).toBe('Mug');
      expect(mug.elasticity).toBeLessThan(-1);
      expect(mug.detail.own.observations).toBeGreaterThanOrEqual(8);
      const page = (
        await app.inject({ url: '/v1/pricing/elasticities?category=Kitchen&limit=1&offset=1', headers: auth() })
      ).json();
      expect(page).toMatchObject({ total: 3 });
      expect(page.elasticities.map((e: { itemId: string }) => e.itemId)).toEqual(['cup']);
      const none = (await app.inject({ url: '/v1/pricing/elasticities?category=Garden', headers: auth() })).json();
      expect(none).toEqual({ total: 0, elasticities: [] });
      const bad = await app.inject({ url: '/v1/pricing/elasticities?source=guess', headers: auth() });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('source');
      expect((await app.inject({ url: '/v1/pricing/elasticities' })).statusCode).toBe(401);
    });

    it("accepts a suggestion as a price experiment and reads it out by the item's profit and revenue", async () => {
      await engine.pricing.run({ rails: { maxChange: 0.2 } });
      const { suggestions } = (await app.inject({ url: '/v1/pricing/suggestions', headers: auth() })).json();
      const s = suggestions.find((x: { itemId: string }) => x.itemId === 'cup');
      const priceBefore = (await engine.items.get('cup')).price;
      const res = await app.inject({
        method: 'POST',
        url: `/v1/pricing/suggestions/${s.id}/experiment`,
        headers: auth(),
        payload: {},
      });
      expect(res.statusCode).toBe(200);
      const accepted = res.json();
      expect(accepted.status).toBe('accepted');
      expect((await engine.items.get('cup')).price).toBe(priceBefore);
      const experiment = (
        await app.inject({ url: `/v1/experiments/${accepted.experimentId}`, headers: auth() })
      ).json();
      expect(experiment.surface).toBe('price');
      expect(experiment.variants.map((v: { config: unknown }) => v.config)).toEqual([
        { itemId: 'cup', price: s.currentPrice },
        { itemId: 'cup', price: s.suggestedPrice },
      ]);
      expect(experiment.metrics[0]).toMatchObject({ type: 'item_profit', itemId: 'cup', unitCost: 3 });

      // Each exposed customer buys one cup at the price their variant shows.
      const events = [];
      for (let i = 0; i < 40; i++) {
        const shown = await engine.experiments.expose(accepted.experimentId, { customerId: `shopper-${i}` });
        const price = (shown.config as { price: number }).price;
        events.push({
          id: `exp-buy-${i}`,
          type: 'purchase',
          customerId: `shopper-${i}`,
          itemId: 'cup',
          quantity: 1,
          price,
          revenue: price,
          channel: 'web',
          timestamp: new Date(NOW).toISOString(),
        });
      }
      const posted = await app.inject({
        method: 'POST',
        url: '/v1/events/batch',
        headers: auth(),
        payload: { events },
      });
      expect(posted.statusCode).toBeLessThan(300);
      const { results } = await engine.experiments.computeResults(accepted.experimentId);
      const [profit, revenue] = results.analysis.metrics;
      expect(profit!.metric).toBe('item profit');
      expect(profit!.control.mean).toBeCloseTo(s.currentPrice - 3, 6);
      expect(profit!.variants[0]!.mean).toBeCloseTo(s.suggestedPrice - 3, 6);
      expect(revenue!.control.mean).toBeCloseTo(s.currentPrice, 6);

      const again = await app.inject({
        method: 'POST',
        url: `/v1/pricing/suggestions/${s.id}/experiment`,
        headers: auth(),
        payload: {},
      });
      expect(again.statusCode).toBe(409);
      const badTraffic = await app.inject({
        method: 'POST',
        url: `/v1/pricing/suggestions/${s.id}/experiment`,
        headers: auth(),
        payload: { traffic: 2 },
      });
      expect(badTraffic.statusCode).toBe(400);
    });

    it('forecasts a posted history, and rejects bad input with a problem naming the row', async () => {
      const rows = Array.from({ length: 24 }, (_, m) => ({
        series_id: 'a',
        period: `${2024 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`,
        value: 10 + m,
      }));
      const ok = await app.inject({
        method: 'POST',
        url: '/v1/forecasts/compute',
        headers: auth(),
        payload: { horizon: 3, rows },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().forecasts[0].periods).toEqual(['2026-01', '2026-02', '2026-03']);
      const bad = await app.inject({
        method: 'POST',
        url: '/v1/forecasts/compute',
        headers: auth(),
        payload: { horizon: 3, rows: [...rows, { series_id: 'a', period: '2026-13', value: 1 }] },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toMatch(/problem\+json/);
      expect(bad.body).toContain('2026-13');
      const horizon = await app.inject({
        method: 'POST',
        url: '/v1/forecasts/compute',
        headers: auth(),
        payload: { horizon: 0, rows },
      });
      expect(horizon.statusCode).toBe(400);
      expect(horizon.body).toContain('horizon');
      const badRun = await app.inject({
        method: 'POST',
        url: '/v1/pricing/run',
        headers: auth(),
        payload: { maxChange: 5 },
      });
      expect(badRun.statusCode).toBe(400);
      expect((await app.inject({ url: '/v1/inventory' })).statusCode).toBe(401);
    });

    it('forecasts the purchases by day or month when asked, with calibrated intervals', async () => {
      const runAt = async (payload: Record<string, unknown>) => {
        const run = await app.inject({ method: 'POST', url: '/v1/forecasts/run', headers: auth(), payload });
        expect(run.statusCode).toBe(202);
        await new Worker(engine.store, engine.jobs, engine.clock).drain();
        return (await app.inject({ url: `/v1/jobs/${run.json().id}`, headers: auth() })).json();
      };
      const monthly = await runAt({ frequency: 'month' });
      expect(monthly.status).toBe('done');
      expect(monthly.result).toMatchObject({ frequency: 'month', series: 7 });
      const store = (await app.inject({ url: '/v1/forecasts/store', headers: auth() })).json();
      expect(store.frequency).toBe('month');
      expect(store.body.forecast.periods).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
      expect(store.body.history.periods.at(-1)).toBe('2026-06');
      const mug = (await app.inject({ url: '/v1/forecasts/item:mug', headers: auth() })).json();
      // A month holds about four of the weekly sales (30 units a week at the base price).
      expect(mug.body.forecast.mean[0]).toBeGreaterThan(60);
      expect(mug.body.inventory.risk).toBe('stockout');

      const daily = await runAt({ frequency: 'day', horizon: 14 });
      expect(daily.result).toMatchObject({ frequency: 'day', intervalsCalibrated: true });
      const day = (await app.inject({ url: '/v1/forecasts/store', headers: auth() })).json();
      expect(day.frequency).toBe('day');
      expect(day.body.forecast.periods[0]).toBe('2026-06-04');
      expect(day.body.forecast.periods).toHaveLength(14);

      const bad = await app.inject({
        method: 'POST',
        url: '/v1/forecasts/run',
        headers: auth(),
        payload: { frequency: 'hour' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('frequency');
      await runAt({});
    });
  });
}
