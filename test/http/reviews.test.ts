/** Review insight through HTTP on every backend: review events scored by the job, summaries, aggregates, drop signal. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { Worker } from '../../src/jobs/worker.js';
import { REVIEW_GAPS_KEY } from '../../src/reviews/service/review-service.js';
import { buildApp } from '../../src/server/app.js';
import { allDatabaseKinds, type TestDatabase } from '../helpers/databases.js';

const NOW = Date.UTC(2026, 5, 3, 12);
const DAY = 86_400_000;

const GOOD = ['质量很好，物流很快，很满意', '做工精细，颜色好看，推荐购买', '尺码合适，穿着舒服，物流很快'];
const BAD = ['质量太差了，做工粗糙，很失望', '物流太慢了，等了一个星期，差评', '尺码偏小，颜色和图片不一样，退货了'];

/** The mug was praised for months and is panned this week; the cup is praised throughout. */
function reviews(): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  for (let d = 60; d >= 20; d -= 5) {
    events.push({
      type: 'review',
      itemId: 'mug',
      customerId: `c${d}`,
      review: GOOD[d % 3],
      rating: 5,
      timestamp: NOW - d * DAY,
    });
    events.push({
      type: 'review',
      itemId: 'cup',
      customerId: `c${d}`,
      review: GOOD[(d + 1) % 3],
      rating: 5,
      timestamp: NOW - d * DAY,
    });
  }
  for (let d = 6; d >= 1; d -= 1) {
    events.push({
      type: 'review',
      itemId: 'mug',
      customerId: `n${d}`,
      review: BAD[d % 3],
      rating: 1,
      timestamp: NOW - d * DAY,
    });
  }
  events.push({
    type: 'review',
    itemId: 'cup',
    anonymousId: 'a1',
    review: 'Great quality, fast shipping!',
    timestamp: NOW - DAY,
  });
  return events.map((e) => ({ ...e, timestamp: new Date(e.timestamp as number).toISOString() }));
}

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`reviews API on ${kind.name}`, () => {
    let database: TestDatabase;
    let engine: Engine;
    let app: FastifyInstance;
    let admin: string;
    let browser: string;
    const auth = (key = admin) => ({ authorization: `Bearer ${key}` });

    beforeAll(async () => {
      database = await kind.create();
      engine = await createEngine({ ...loadConfig({}), databaseUrl: database.url }, () => NOW);
      app = await buildApp(engine);
      admin = (await engine.keys.create('admin', 'admin')).key;
      browser = (await engine.keys.create('web', 'public')).key;
      await engine.items.upsert([
        { id: 'mug', title: 'Mug', category: 'Kitchen', brand: 'Acme', price: 10 },
        { id: 'cup', title: 'Cup', category: 'Kitchen', brand: 'Bolt', price: 8 },
      ]);
      const res = await app.inject({
        method: 'POST',
        url: '/v1/events/batch',
        headers: auth(),
        payload: { events: reviews() },
      });
      expect(res.statusCode).toBeLessThan(300);
      const run = await app.inject({ method: 'POST', url: '/v1/reviews/score', headers: auth() });
      expect(run.statusCode).toBe(202);
      await new Worker(engine.store, engine.jobs, engine.clock).drain();
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      await engine?.close();
      await database?.cleanup();
    });

    it('summarises an item for the storefront: sentiment, pros and cons with quotes', async () => {
      const res = await app.inject({ url: '/v1/items/cup/reviews', headers: auth(browser) });
      expect(res.statusCode).toBe(200);
      const s = res.json();
      expect(s.reviews).toBe(10);
      expect(s.positiveShare).toBeGreaterThanOrEqual(0.9);
      expect(s.aspects.pros).toEqual(expect.arrayContaining(['quality', 'shipping']));
      const shipping = s.aspects.aspects.find((a: { aspect: string }) => a.aspect === 'shipping');
      expect(shipping.positive.reviews).toBeGreaterThanOrEqual(4);
      expect(shipping.positive.quotes[0]).toMatch(/物流很快|fast shipping/);
      expect(JSON.stringify(s)).not.toMatch(/"c\d+"|a1/); // no reviewer ids on a public page
      expect(s.drop).toBeNull();
    });

    it('raises the drop signal for the item panned this week, against its own baseline', async () => {
      const res = (await app.inject({ url: '/v1/reviews/signals', headers: auth() })).json();
      expect(res.drops.map((d: { itemId: string }) => d.itemId)).toEqual(['mug']);
      expect(res.drops[0].recentReviews).toBe(6);
      expect(res.drops[0].baselineMean - res.drops[0].recentMean).toBeGreaterThan(0.5);
      const mug = (await app.inject({ url: '/v1/items/mug/reviews', headers: auth() })).json();
      expect(mug.drop.itemId).toBe('mug');
      expect(mug.aspects.cons).toEqual(expect.arrayContaining(['quality']));
    });

    it('aggregates by brand and category; only admin keys read them', async () => {
      const brands = (await app.inject({ url: '/v1/reviews/aggregates?level=brand', headers: auth() })).json();
      expect(brands.rows.map((r: { key: string }) => r.key).sort()).toEqual(['Acme', 'Bolt']);
      const bolt = brands.rows.find((r: { key: string }) => r.key === 'Bolt');
      expect(bolt.reviews).toBe(10);
      expect(bolt.positive).toBeGreaterThanOrEqual(9);
      const cats = (await app.inject({ url: '/v1/reviews/aggregates?level=category', headers: auth() })).json();
      expect(cats.rows).toEqual([expect.objectContaining({ key: 'Kitchen', reviews: 25 })]);
      const denied = await app.inject({ url: '/v1/reviews/aggregates', headers: auth(browser) });
      expect(denied.statusCode).toBe(403);
    });

    it('scores texts ad hoc and refuses bad input with a problem naming it', async () => {
      const ok = await app.inject({
        method: 'POST',
        url: '/v1/reviews/sentiment',
        headers: auth(),
        payload: { texts: ['物流很快，但是尺码偏小', 'Terrible, it broke after two days.'] },
      });
      expect(ok.statusCode).toBe(200);
      const [zh, en] = ok.json().results;
      expect(zh.aspects.map((a: { aspect: string }) => a.aspect)).toEqual(['shipping', 'size']);
      expect(en.label).toBe('negative');
      const bad = await app.inject({
        method: 'POST',
        url: '/v1/reviews/sentiment',
        headers: auth(),
        payload: { texts: [] },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().detail).toMatch(/texts/);
    });

    it('a second run scores nothing new; rescoring after erasure leaves no row of the erased reviewer', async () => {
      expect((await engine.reviews.catchUp()).scored).toBe(0);
      await engine.privacy.erase('c60');
      const rows = await engine.store.reviews.forItem('mug');
      expect(rows.some((r) => r.customerId === 'c60')).toBe(false);
    });

    it.skipIf(kind.name !== 'postgres')('scores a review whose transaction commits after later ones', async () => {
      await engine.reviews.catchUp();
      const review = (id: string, customerId: string) => ({
        id,
        type: 'review' as const,
        itemId: 'cup',
        customerId,
        review: '质量很好，很满意',
      });
      const reviewers = async () => (await engine.store.reviews.forItem('cup')).map((r) => r.customerId);
      let commit!: () => void;
      const held = new Promise<void>((resolve) => (commit = resolve));
      let inserted!: () => void;
      const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
      // The slow transaction takes its seq first but commits last.
      const slow = engine.store.transaction(async (repos) => {
        await engine.events.track([review('late-1', 'SLOW')], {}, repos);
        inserted();
        await held;
      });
      await insertedYet;
      await engine.events.track([review('quick-1', 'QUICK')]);
      expect((await engine.reviews.catchUp()).scored).toBe(1);
      expect(await reviewers()).toContain('QUICK');
      expect(await reviewers()).not.toContain('SLOW');
      commit();
      await slow;
      expect((await engine.reviews.catchUp()).scored).toBe(1);
      expect(await reviewers()).toContain('SLOW');
      expect((await engine.reviews.catchUp()).scored).toBe(0);
      expect(await engine.store.meta.get(REVIEW_GAPS_KEY)).toBe('[]');
    });
  });
}
