/** Recommendations through HTTP on every backend: a small demo store, trained in-process, then every surface. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '../../src/jobs/worker.js';
import { allDatabaseKinds } from '../helpers/databases.js';
import { loadSmallStore } from '../helpers/small-store.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

interface RecItem {
  id: string;
  score: number;
  reasons: { type: string; text: string; itemId?: string }[];
  item: { id: string; title: string; category: string | null; price: number | null; stock: number | null };
}
interface RecBody {
  recommendationId: string;
  model: { id: string; trainedAt: string } | null;
  items: RecItem[];
}

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`recommendations API on ${kind.name}`, () => {
    let server: TestServer;
    let buyer: string;
    const auth = (key: string) => ({ authorization: `Bearer ${key}` });
    // The page of a logged-in shopper holds their customer token (issued by the shop's server).
    const tokenOf = async (customer: string) => ({
      'x-customer-token': (await server.engine.identitySecret.issueToken(customer, 3600)).token,
    });
    const personal = (url: string) => /\/recommendations\/customers\/([^/?]+)/.exec(url)?.[1];
    const get = async (url: string, key = server.keys.public) => {
      const customer = personal(url);
      const token =
        customer !== undefined && key === server.keys.public ? await tokenOf(decodeURIComponent(customer)) : {};
      return server.app.inject({ url, headers: { ...auth(key), ...token } });
    };
    const recsFor = async (customer: string, qs = '') =>
      (await get(`/v1/recommendations/customers/${encodeURIComponent(customer)}?k=10${qs}`)).json<RecBody>();

    beforeAll(async () => {
      server = await startTestServer(kind);
      await loadSmallStore(server.engine);
      const purchase = (await server.engine.store.events.scan(0, 100_000)).find(
        (e) => e.type === 'purchase' && e.customerId !== null,
      );
      buyer = purchase!.customerId!;
    }, 120_000);
    afterAll(async () => server?.close());

    it('serves popularity from the log before any model exists', async () => {
      const res = await get(`/v1/recommendations/customers/${buyer}?k=5`);
      expect(res.statusCode).toBe(200);
      const body = res.json<RecBody>();
      expect(body.model).toBeNull();
      expect(body.items).toHaveLength(5);
      expect(['trending', 'popular']).toContain(body.items[0]!.reasons[0]!.type);
    });

    it('trains, stores the model, and serves personal lists with item data, scores, reasons and an id', async () => {
      const result = await server.engine.recommendations.train();
      expect(result.modelId).toMatch(/^rm_/);
      expect(result.metrics!.interactions).toBeGreaterThan(1000);
      expect((await server.engine.store.modelArtifacts.latestInfo('recommend'))?.id).toBe(result.modelId);
      const res = await get(`/v1/recommendations/customers/${buyer}?k=10`);
      expect(res.statusCode).toBe(200);
      const body = res.json<RecBody>();
      expect(body.recommendationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.model?.id).toBe(result.modelId);
      expect(body.items).toHaveLength(10);
      for (const r of body.items) {
        expect(r.item.id).toBe(r.id);
        expect(r.item.title.length).toBeGreaterThan(0);
        expect(typeof r.score).toBe('number');
        expect(r.reasons.length).toBeGreaterThan(0);
      }
      const scores = body.items.map((r) => r.score);
      expect(body.items.some((r) => r.reasons.some((x) => x.type === 'because-you' && x.itemId))).toBe(true);
      expect(new Set(body.items.map((r) => r.id)).size).toBe(10);
      expect(scores.every((s) => Number.isFinite(s))).toBe(true);
    });

    it('leaves out purchased items, and applies exclude, category, price and stock rules', async () => {
      const bought = await server.engine.store.events.timeline(buyer, { limit: 1000, types: ['purchase'] });
      const boughtIds = new Set(bought.map((e) => e.itemId));
      const base = await recsFor(buyer, '&excludeSeenDays=0');
      expect(base.items.filter((r) => boughtIds.has(r.id))).toEqual([]);
      const two = base.items.slice(0, 2).map((r) => r.id);
      const excluded = await recsFor(buyer, `&excludeSeenDays=0&exclude=${two.join(',')}`);
      expect(excluded.items.map((r) => r.id)).not.toContain(two[0]);
      expect(excluded.items.map((r) => r.id)).not.toContain(two[1]);
      const top = base.items[0]!.item.category!.split('/')[0]!;
      const inCat = await recsFor(buyer, `&category=${encodeURIComponent(top)}`);
      expect(inCat.items.length).toBeGreaterThan(0);
      for (const r of inCat.items) expect(r.item.category!.startsWith(top)).toBe(true);
      const priced = await recsFor(buyer, '&priceMin=50&priceMax=300&inStock=true');
      expect(priced.items.length).toBeGreaterThan(0);
      for (const r of priced.items) {
        expect(r.item.price).toBeGreaterThanOrEqual(50);
        expect(r.item.price).toBeLessThanOrEqual(300);
        expect(r.item.stock === null || r.item.stock > 0).toBe(true);
      }
    });

    it('changes the next list as soon as the customer views another item (no retraining)', async () => {
      const before = await recsFor(buyer);
      const shown = new Set(before.items.map((r) => r.id));
      const otherCategory = (await server.engine.store.items.list({ limit: 150 })).find(
        (i) => !shown.has(i.id) && i.category?.split('/')[0] !== before.items[0]!.item.category?.split('/')[0],
      )!;
      for (let n = 0; n < 3; n++) {
        const res = await server.app.inject({
          method: 'POST',
          url: '/v1/events',
          headers: { ...auth(server.keys.public), ...(await tokenOf(buyer)) },
          payload: { id: `fresh-view-${n}`, type: 'view', customerId: buyer, itemId: otherCategory.id },
        });
        expect(res.statusCode).toBeLessThan(300);
      }
      const after = await recsFor(buyer);
      expect(after.model?.id).toBe(before.model?.id);
      expect(after.items.map((r) => r.id)).not.toEqual(before.items.map((r) => r.id));
      expect(after.items.map((r) => r.id)).not.toContain(otherCategory.id); // just seen
      expect(after.items.some((r) => r.reasons.some((x) => x.itemId === otherCategory.id))).toBe(true);
    });

    it('keeps answering while a retraining fits on its own thread, then serves the new model', async () => {
      let fitted = false;
      let fitStarted: () => void = () => {};
      const started = new Promise<void>((resolve) => (fitStarted = resolve));
      const training = server.engine.recommendations
        .train((_fraction, message) => void (/fit: /.test(message) && fitStarted()))
        .then((r) => ((fitted = true), r));
      await started;
      const during = await get(`/v1/recommendations/customers/${buyer}?k=5`);
      expect(during.statusCode).toBe(200);
      expect(fitted).toBe(false);
      const result = await training;
      expect((await recsFor(buyer)).model?.id).toBe(result.modelId);
    });

    it('pins and boosts items from query parameters, and filters on list-valued attributes', async () => {
      const base = await recsFor(buyer, '&excludeSeenDays=0&diversity=0');
      const fifth = base.items[4]!.id;
      const boosted = await recsFor(
        buyer,
        `&excludeSeenDays=0&diversity=0&boost=${encodeURIComponent(`item:${fifth}:1000`)}`,
      );
      expect(boosted.items[0]!.id).toBe(fifth);
      // Nothing excluded, so the pinned item cannot have been filtered out as seen or bought.
      const outsider = (await server.engine.store.items.list({ limit: 150 })).find(
        (i) => i.active && !base.items.some((r) => r.id === i.id),
      )!;
      const open = '&excludeSeenDays=0&excludePurchased=false';
      const pinned = await recsFor(buyer, `${open}&pin=${encodeURIComponent(`${outsider.id}:1`)}`);
      expect(pinned.items[1]!.id).toBe(outsider.id);
      const bad = await get(`/v1/recommendations/customers/${buyer}?boost=${encodeURIComponent('brand:Acme:0')}`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ errors: { field: string }[] }>().errors[0]!.field).toContain('boost');
      const sized = (await get('/v1/recommendations/trending?k=8&attr.size=XL,M')).json<{
        items: { item: { attributes: Record<string, unknown> } }[];
      }>();
      expect(sized.items.length).toBeGreaterThan(0);
      for (const r of sized.items) {
        const size = r.item.attributes.size;
        expect(Array.isArray(size) ? size.some((s) => s === 'M' || s === 'XL') : size === 'M' || size === 'XL').toBe(
          true,
        );
      }
    });

    it('serves similar items, bought together, trending and anonymous sessions', async () => {
      const item = (await recsFor(buyer)).items[0]!.id;
      const similar = (await get(`/v1/recommendations/items/${item}/similar?k=5`)).json<RecBody>();
      expect(similar.items).toHaveLength(5);
      expect(similar.items.map((r) => r.id)).not.toContain(item);
      expect(similar.items[0]!.reasons[0]).toMatchObject({ type: 'similar', itemId: item });
      const together = await get(`/v1/recommendations/items/${item}/bought-together?k=5`);
      expect(together.statusCode).toBe(200);
      expect(together.json<RecBody>().items.length).toBe(5);
      const trending = (await get('/v1/recommendations/trending?k=5')).json<RecBody>();
      expect(trending.items).toHaveLength(5);
      expect(trending.items[0]!.reasons[0]!.type).toBe('trending');
      const app = (await get('/v1/recommendations/trending?k=3&channel=app')).json<RecBody>();
      expect(app.items[0]!.reasons[0]!.text).toBe('popular on app');
      const session = await server.app.inject({
        method: 'POST',
        url: '/v1/recommendations/session',
        headers: auth(server.keys.public),
        payload: { itemIds: [item], anonymousId: 'anon-1', k: 4, filters: { exclude: [similar.items[0]!.id] } },
      });
      expect(session.statusCode).toBe(200);
      const s = session.json<RecBody>();
      expect(s.items).toHaveLength(4);
      expect(s.items.map((r) => r.id)).not.toContain(item);
      expect(s.items.map((r) => r.id)).not.toContain(similar.items[0]!.id);
    });

    it('stops personalising for an erased customer, even from lists precomputed before the erasure', async () => {
      const purchasers = (await server.engine.store.events.scan(0, 100_000))
        .filter((e) => e.type === 'purchase' && e.customerId !== null && e.customerId !== buyer)
        .map((e) => e.customerId!);
      const erased = purchasers[0]!;
      const before = await recsFor(erased);
      expect(before.items.some((r) => r.reasons.some((x) => x.type === 'because-you'))).toBe(true);
      const erase = await server.app.inject({
        method: 'DELETE',
        url: `/v1/customers/${encodeURIComponent(erased)}?events=delete`,
        headers: auth(server.keys.admin),
      });
      expect(erase.statusCode).toBe(200);
      // The erased customer now gets exactly what an anonymous visitor gets, not their precomputed list.
      const after = await get(`/v1/recommendations/customers/${encodeURIComponent(erased)}?k=10`);
      expect(after.headers['daogou-personalised']).toBe('false');
      const anonymous = (await get('/v1/recommendations/trending?k=10')).json<RecBody>();
      expect(after.json<RecBody>().items.map((r) => r.id)).toEqual(anonymous.items.map((r) => r.id));
      expect(before.items.map((r) => r.id)).not.toEqual(anonymous.items.map((r) => r.id));
    });

    it('attributes a click that carries the recommendation id', async () => {
      const list = await recsFor(buyer);
      const res = await server.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { ...auth(server.keys.public), ...(await tokenOf(buyer)) },
        payload: {
          id: 'rec-click-1',
          type: 'click',
          customerId: buyer,
          itemId: list.items[0]!.id,
          recommendationId: list.recommendationId,
        },
      });
      expect(res.statusCode).toBeLessThan(300);
      const attribution = await get('/v1/recommendations/attribution?days=3650', server.keys.admin);
      expect(attribution.statusCode).toBe(200);
      const forYou = attribution
        .json<{ surfaces: { surface: string; served: number; clicks: number }[] }>()
        .surfaces.find((s) => s.surface === 'for-you')!;
      expect(forYou.served).toBeGreaterThan(3);
      expect(forYou.clicks).toBe(1);
      expect((await get('/v1/recommendations/attribution', server.keys.public)).statusCode).toBe(403);
    });

    it('checks keys and input: no key 401, unknown item 404 problem, bad k 400, training is admin-only', async () => {
      expect((await server.app.inject({ url: `/v1/recommendations/customers/${buyer}` })).statusCode).toBe(401);
      const missing = await get('/v1/recommendations/items/no-such-item/similar');
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
      const bad = await get(`/v1/recommendations/customers/${buyer}?k=500`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ errors: { field: string }[] }>().errors[0]!.field).toContain('k');
      const unknownCustomer = await get('/v1/recommendations/customers/nobody-at-all?k=3');
      expect(unknownCustomer.json<RecBody>().items).toHaveLength(3);
      const publicTrain = await server.app.inject({
        method: 'POST',
        url: '/v1/recommendations/train',
        headers: auth(server.keys.public),
      });
      expect(publicTrain.statusCode).toBe(403);
      const train = await server.app.inject({
        method: 'POST',
        url: '/v1/recommendations/train',
        headers: auth(server.keys.admin),
      });
      expect(train.statusCode).toBe(202);
      const job = train.json<{ id: string; name: string }>();
      expect(job.name).toBe('recommend.train');
      // A worker runs it: the job reports progress and stores a new model, which this process then serves.
      await new Worker(server.engine.store, server.engine.jobs, server.engine.clock).drain();
      const done = (await get(`/v1/jobs/${job.id}`, server.keys.admin)).json<{
        status: string;
        progress: number;
        result: { modelId: string };
      }>();
      expect(done).toMatchObject({ status: 'done', progress: 1 });
      expect((await recsFor(buyer)).model?.id).toBe(done.result.modelId);
      const openapi = (await server.app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>();
      expect(Object.keys(openapi.paths)).toContain('/v1/recommendations/customers/{id}');
    });
  });
}
