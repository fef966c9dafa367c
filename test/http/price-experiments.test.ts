/**
 * Price experiments served to shoppers through HTTP on every backend: the treatment's price in recommendations,
 * search (filters and sorting included), the item API and the assistant's cards, one variant per customer
 * everywhere, exposures for the read-out, catalogue prices without a subject, after the stop, and for a
 * browser key naming someone else.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { storefrontOrderTaker } from '../../src/engine/storefront-settings.js';
import { buildApp } from '../../src/server/app.js';
import { allDatabaseKinds, type TestDatabase } from '../helpers/databases.js';

const NOW = Date.UTC(2026, 5, 3, 12);

interface ShownItem {
  id: string;
  price: number | null;
  priceExperiment?: { id: string; name: string; variant: string; regularPrice: number | null };
}

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`price experiments in what shoppers see on ${kind.name}`, () => {
    let database: TestDatabase;
    let engine: Engine;
    let app: FastifyInstance;
    const keys = { admin: '', public: '' };
    let experimentId = '';
    let treated = '';
    let control = '';
    const get = (url: string, key: keyof typeof keys = 'admin', token?: string) =>
      app.inject({
        url,
        headers: { authorization: `Bearer ${keys[key]}`, ...(token ? { 'x-customer-token': token } : {}) },
      });
    const cupIn = (items: { id: string; item: ShownItem }[]): ShownItem | undefined =>
      items.find((i) => i.id === 'cup')?.item;
    const trendingCup = async (query: string, key: keyof typeof keys = 'admin', token?: string) =>
      cupIn((await get(`/v1/recommendations/trending?k=20&${query}`, key, token)).json().items);
    const searchCup = async (query: string, key: keyof typeof keys = 'admin', token?: string) =>
      cupIn((await get(`/v1/search?q=cup&${query}`, key, token)).json().items);

    beforeAll(async () => {
      database = await kind.create();
      engine = await createEngine(
        { ...loadConfig({}), databaseUrl: database.url, identitySecret: 'test-identity-secret' },
        () => NOW,
      );
      app = await buildApp(engine, { web: false });
      for (const scope of ['admin', 'public'] as const) keys[scope] = (await engine.keys.create(scope, scope)).key;
      await engine.items.upsert([
        { id: 'cup', title: 'Tea cup', category: 'Kitchen', price: 8, stock: 50 },
        { id: 'mug', title: 'Coffee cup mug', category: 'Kitchen', price: 10, stock: 50 },
        { id: 'bowl', title: 'Soup bowl', category: 'Kitchen', price: 15, stock: 50 },
      ]);
      // A little history, so that trending and similar lists hold every item.
      const events = [];
      for (let b = 0; b < 6; b++)
        for (const itemId of ['cup', 'mug', 'bowl'])
          events.push({
            id: `view-${b}-${itemId}`,
            type: 'view',
            customerId: `buyer-${b}`,
            itemId,
            timestamp: new Date(NOW - (b + 1) * 3_600_000).toISOString(),
          });
      const posted = await app.inject({
        method: 'POST',
        url: '/v1/events/batch',
        headers: { authorization: `Bearer ${keys.admin}` },
        payload: { events },
      });
      expect(posted.statusCode).toBeLessThan(300);
      await engine.recommendations.train();
      const res = await app.inject({
        method: 'POST',
        url: '/v1/experiments',
        headers: { authorization: `Bearer ${keys.admin}` },
        payload: {
          name: 'price cup',
          surface: 'price',
          variants: [
            { name: 'control', config: { itemId: 'cup', price: 8 } },
            { name: 'treatment', config: { itemId: 'cup', price: 12 } },
          ],
          metrics: [{ name: 'item revenue', type: 'item_revenue', itemId: 'cup' }],
        },
      });
      expect(res.statusCode).toBe(201);
      experimentId = res.json().id;
      // Assignment is a hash of the customer id: find one customer of each variant (assign records nothing).
      for (let i = 0; !treated || !control; i++) {
        const a = await engine.experiments.assign(experimentId, { customerId: `shopper-${i}` });
        if (a.variant === 'treatment' && !treated) treated = `shopper-${i}`;
        if (a.variant === 'control' && !control) control = `shopper-${i}`;
      }
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await engine?.close();
      await database?.cleanup();
    });

    it('shows treatment and control customers their own price of the same item in recommendations and search', async () => {
      const tag = { id: experimentId, name: 'price cup', regularPrice: 8 };
      expect(await trendingCup(`customerId=${treated}`)).toMatchObject({
        price: 12,
        priceExperiment: { ...tag, variant: 'treatment' },
      });
      expect(await trendingCup(`customerId=${control}`)).toMatchObject({
        price: 8,
        priceExperiment: { ...tag, variant: 'control' },
      });
      expect(await searchCup(`customerId=${treated}`)).toMatchObject({
        price: 12,
        priceExperiment: { ...tag, variant: 'treatment' },
      });
      expect(await searchCup(`customerId=${control}`)).toMatchObject({
        price: 8,
        priceExperiment: { ...tag, variant: 'control' },
      });
      // Other items keep the catalogue price and say nothing of experiments.
      const mug = (await get(`/v1/search?q=mug&customerId=${treated}`)).json().items[0].item;
      expect(mug.price).toBe(10);
      expect(mug.priceExperiment).toBeUndefined();
    });

    it('gives one customer the same price everywhere: lists, search, the item API and the assistant', async () => {
      const prices = [
        (await trendingCup(`customerId=${treated}`))?.price,
        cupIn((await get(`/v1/recommendations/items/mug/similar?customerId=${treated}`)).json().items)?.price,
        (await get(`/v1/recommendations/customers/${treated}?k=20&excludeSeenDays=0`))
          .json()
          .items.find((i: { id: string }) => i.id === 'cup')?.item.price,
        (await searchCup(`customerId=${treated}`))?.price,
        (await get(`/v1/items/cup?customerId=${treated}`)).json().price,
      ];
      const shown = prices.filter((p) => p !== undefined);
      expect(shown.length).toBeGreaterThanOrEqual(3);
      expect(new Set(shown)).toEqual(new Set([12]));
      expect((await get(`/v1/items/cup?customerId=${treated}`)).json()).toMatchObject({
        price: 12,
        priceExperiment: { variant: 'treatment', regularPrice: 8 },
      });
      expect((await get(`/v1/items/cup?customerId=${control}`)).json().price).toBe(8);
      const answer = await app.inject({
        method: 'POST',
        url: '/v1/assistant/messages',
        headers: { authorization: `Bearer ${keys.admin}` },
        payload: { text: 'tea cup', customerId: treated, locale: 'en' },
      });
      expect(answer.statusCode).toBe(200);
      const card = (answer.json().items as ShownItem[]).find((i) => i.id === 'cup');
      expect(card).toMatchObject({ price: 12, priceExperiment: { variant: 'treatment', regularPrice: 8 } });
      // The reply quotes the price the card shows.
      expect(answer.json().reply).toMatch(/\b12\b/);
      expect(answer.json().reply).not.toMatch(/\b8\b/);
    });

    it('filters and sorts search by the price the customer sees', async () => {
      const ids = async (query: string) =>
        (await get(`/v1/search?${query}`)).json().items.map((i: { id: string }) => i.id);
      // Under 11: the control customer's cup (8) is in, the treated customer's (12) is not.
      expect(await ids(`category=Kitchen&priceMax=11&customerId=${control}`)).toEqual(
        expect.arrayContaining(['cup', 'mug']),
      );
      expect(await ids(`category=Kitchen&priceMax=11&customerId=${treated}`)).toEqual(['mug']);
      expect(await ids(`category=Kitchen&priceMin=11&customerId=${treated}`)).toEqual(
        expect.arrayContaining(['cup', 'bowl']),
      );
      expect(await ids(`category=Kitchen&sort=price_asc&customerId=${control}`)).toEqual(['cup', 'mug', 'bowl']);
      expect(await ids(`category=Kitchen&sort=price_asc&customerId=${treated}`)).toEqual(['mug', 'cup', 'bowl']);
      expect(await ids(`category=Kitchen&sort=price_desc&customerId=${treated}`)).toEqual(['bowl', 'cup', 'mug']);
    });

    it('records one exposure per customer shown the item, and none for requests naming nobody', async () => {
      const counts = await engine.store.experiments.exposureCounts(experimentId);
      expect(Object.fromEntries(counts)).toEqual({ treatment: 1, control: 1 });
      const anonymous = await trendingCup('');
      expect(anonymous).toMatchObject({ price: 8 });
      expect(anonymous?.priceExperiment).toBeUndefined();
      expect((await searchCup(''))?.priceExperiment).toBeUndefined();
      expect((await get('/v1/items/cup')).json().price).toBe(8);
      // A list without the item exposes nobody.
      await get('/v1/search?q=bowl&anonymousId=visitor-without-cup');
      const after = await engine.store.experiments.exposureCounts(experimentId);
      expect(Object.fromEntries(after)).toEqual({ treatment: 1, control: 1 });
      // An anonymous visitor gets a variant of their own, sticky from then on.
      const first = await searchCup('anonymousId=visitor-1');
      expect(first?.priceExperiment?.variant).toMatch(/^(control|treatment)$/);
      expect((await trendingCup('anonymousId=visitor-1'))?.price).toBe(first?.price);
      const total = [...(await engine.store.experiments.exposureCounts(experimentId)).values()].reduce((a, b) => a + b);
      expect(total).toBe(3);
    });

    it("tells a browser key no customer's variant without that customer's token", async () => {
      // Naming the treated customer without their token: the catalogue price, as for anyone.
      const guessed = await trendingCup(`customerId=${treated}`, 'public');
      expect(guessed).toMatchObject({ price: 8 });
      expect(guessed?.priceExperiment).toBeUndefined();
      expect((await searchCup(`customerId=${treated}`, 'public'))?.priceExperiment).toBeUndefined();
      expect((await get(`/v1/items/cup?customerId=${treated}`, 'public')).json().priceExperiment).toBeUndefined();
      const asAnonymous = await get(`/v1/recommendations/customers/${treated}?k=20`, 'public');
      expect(asAnonymous.headers['daogou-personalised']).toBe('false');
      expect(cupIn(asAnonymous.json().items)?.priceExperiment).toBeUndefined();
      // With the token their page would hold, they see their own price.
      const token = (await engine.identitySecret.issueToken(treated, 3600)).token;
      expect(await trendingCup(`customerId=${treated}`, 'public', token)).toMatchObject({ price: 12 });
      expect((await get(`/v1/items/cup?customerId=${treated}`, 'public', token)).json().price).toBe(12);
      // A token for someone else is refused outright.
      const other = (await engine.identitySecret.issueToken('someone-else', 3600)).token;
      expect((await get(`/v1/items/cup?customerId=${treated}`, 'public', other)).statusCode).toBe(403);
    });

    it("records a storefront order at the shopper's price, which the read-out counts per exposed customer", async () => {
      const placed = await storefrontOrderTaker(engine)({
        orderId: 'order-1',
        shopperId: treated,
        items: [{ itemId: 'cup', quantity: 2 }],
      });
      expect(placed.stored).toBe(1);
      const { results } = await engine.experiments.computeResults(experimentId);
      const revenue = results.analysis.metrics[0]!;
      // Three customers were shown the cup (the two chosen ones and visitor-1, whose variant the salt decides).
      const exposed = results.exposures;
      expect(exposed.control! + exposed.treatment!).toBe(3);
      // Two cups at the treatment's 12, over the treatment's exposed customers.
      expect(revenue.variants[0]!.mean * exposed.treatment!).toBeCloseTo(24, 6);
      expect(revenue.control.mean).toBe(0);
    });

    it('restores the catalogue price when the experiment stops', async () => {
      const stop = await app.inject({
        method: 'POST',
        url: `/v1/experiments/${experimentId}/stop`,
        headers: { authorization: `Bearer ${keys.admin}` },
      });
      expect(stop.statusCode).toBe(200);
      for (const shown of [
        await trendingCup(`customerId=${treated}`),
        await searchCup(`customerId=${treated}`),
        (await get(`/v1/items/cup?customerId=${treated}`)).json<ShownItem>(),
      ]) {
        expect(shown?.price).toBe(8);
        expect(shown?.priceExperiment).toBeUndefined();
      }
    });
  });
}
