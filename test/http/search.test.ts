/** Product search through HTTP on every backend: freshness, filters, facets, rules, synonyms, logging and stats. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { Worker } from '../../src/jobs/worker.js';
import { refreshSearch } from '../../src/search/service/search-refresh.js';
import { allDatabaseKinds } from '../helpers/databases.js';
import { drainJobs, loadSmallStore } from '../helpers/small-store.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

interface Hit {
  id: string;
  pinned: boolean;
  highlights: { title: string } | null;
  item: { title: string; price: number | null; category: string | null; brand: string | null; inStock: boolean };
}

/** An item record as the store holds it, written straight to the store (as another process would). */
const storedItem = (id: string, title: string, at: number) => ({
  id,
  title,
  description: null,
  category: null as string | null,
  brand: null,
  price: null as number | null,
  currency: null as string | null,
  stock: null,
  attributes: {},
  images: [],
  tags: [],
  translations: {},
  active: true,
  createdAt: at,
  updatedAt: at,
});

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`search API on ${kind.name}`, () => {
    let server: TestServer;
    const auth = (key = server.keys.admin) => ({ authorization: `Bearer ${key}` });
    const search = async (params: string, key?: string) => {
      const res = await server.app.inject({ url: `/v1/search?${params}`, headers: auth(key) });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ total: number; items: Hit[]; facets: Record<string, unknown>; didYouMean?: string }>();
    };
    const q = (text: string) => `q=${encodeURIComponent(text)}`;

    beforeAll(async () => {
      server = await startTestServer(kind);
      await loadSmallStore(server.engine);
    }, 120_000);
    afterAll(async () => server?.close());

    it('finds an item upserted through the API at once, and not after it is deleted', async () => {
      const put = await server.app.inject({
        method: 'PUT',
        url: '/v1/items/ZX-1',
        headers: auth(server.keys.ingest),
        payload: { title: 'Zephyrwidget 斑马 台灯', category: '家居/灯具', brand: '光明', price: 99, stock: 3 },
      });
      expect(put.statusCode).toBeLessThan(300);
      const found = await search(q('zephyrwidget'));
      expect(found.items[0]?.id).toBe('ZX-1');
      expect(found.items[0]?.highlights?.title).toContain('<mark>Zephyrwidget</mark>');
      // The brand typed in pinyin finds it too.
      expect((await search(q('guangming'))).items.map((h) => h.id)).toContain('ZX-1');
      const patched = await server.app.inject({
        method: 'PATCH',
        url: '/v1/items/ZX-1',
        headers: auth(server.keys.ingest),
        payload: { title: 'Quokkalamp 台灯' },
      });
      expect(patched.statusCode).toBe(200);
      expect((await search(q('zephyrwidget'))).total).toBe(0);
      expect((await search(q('quokkalamp'))).items[0]?.id).toBe('ZX-1');
      const del = await server.app.inject({ method: 'DELETE', url: '/v1/items/ZX-1', headers: auth() });
      expect(del.statusCode).toBe(204);
      expect((await search(q('quokkalamp'))).total).toBe(0);
    });

    it('catches up on items written by another process through polling', async () => {
      // Written straight to the store: no change event reaches the index, only the poll.
      const now = server.engine.clock();
      await server.engine.store.items.upsertMany([
        { ...storedItem('ZX-2', 'Wombatkettle 水壶', now), category: '家居/厨具', price: 59, currency: 'CNY' },
      ]);
      await server.engine.search.sync();
      expect((await search(q('wombatkettle'))).items[0]?.id).toBe('ZX-2');
      await server.engine.store.items.delete('ZX-2');
      await server.engine.search.sync();
      expect((await search(q('wombatkettle'))).total).toBe(0);
    });

    it('still finds a write that commits after a poll with an earlier timestamp', async () => {
      await server.engine.search.sync();
      // Stamped two seconds ago but only now visible, as a slow transaction in another process would be.
      const at = server.engine.clock() - 2000;
      const record = storedItem('ZX-3', 'Numbatlantern', at);
      await server.engine.store.items.upsertMany([record]);
      await server.engine.search.sync();
      expect((await search(q('numbatlantern'))).items[0]?.id).toBe('ZX-3');
      await server.engine.store.items.delete('ZX-3');
      await server.engine.search.sync();
    });

    it('does not read the last batch of an import again on every poll once the catalogue is quiet', async () => {
      // A catalogue whose newest rows are one batch stamped ten seconds ago, as an import leaves it.
      const own = await startTestServer(kind);
      try {
        const at = own.engine.clock() - 10_000;
        const items = own.engine.store.items;
        await items.upsertMany(
          Array.from({ length: 300 }, (_, i) => storedItem(`QB-${i}`, `Quietbatch lamp ${i}`, at)),
        );
        // The first poll finds the batch (the index may have loaded before it was written). A poll while the
        // index still loads does nothing, so wait for it first.
        await own.engine.search.ready();
        await own.engine.search.sync();
        const changedSince = items.changedSince.bind(items);
        const read: number[] = [];
        items.changedSince = async (ms?: number) => {
          const rows = await changedSince(ms);
          read.push(rows.length);
          return rows;
        };
        // Each poll looks back from the previous one (less the commit lag), not from the batch's stamp.
        await own.engine.search.sync();
        await own.engine.search.sync();
        // The background poll (every second) may add reads of its own on a slow machine: none may find rows.
        expect(read.length).toBeGreaterThanOrEqual(2);
        expect(read.filter((rows) => rows > 0)).toEqual([]);
        const hits = await own.app.inject({
          url: '/v1/search?q=quietbatch',
          headers: { authorization: `Bearer ${own.keys.public}` },
        });
        expect(hits.json<{ total: number }>().total).toBe(300);
      } finally {
        await own.close();
      }
    });

    it('filters, counts facets, sorts and pages', async () => {
      const all = await search('pageSize=100&facets=category,brand,price');
      expect(all.facets.brand).toBeDefined();
      expect((all.facets.price as { count: number }[]).reduce((a, b) => a + b.count, 0)).toBe(all.total);
      expect((await search('pageSize=1')).facets).toEqual({});
      expect(all.total).toBeGreaterThan(100);
      const cats = all.facets.category as { value: string; count: number }[];
      const dept = cats.find((c) => !c.value.includes('/'))!;
      const inDept = await search(`category=${encodeURIComponent(dept.value)}&pageSize=100`);
      expect(inDept.total).toBe(dept.count);
      expect(inDept.items.every((h) => h.item.category?.startsWith(dept.value + '/'))).toBe(true);

      const cheap = await search('priceMin=50&priceMax=300&sort=price_asc&pageSize=100');
      const prices = cheap.items.map((h) => h.item.price!);
      expect(prices.every((p) => p >= 50 && p <= 300)).toBe(true);
      expect([...prices].sort((a, b) => a - b)).toEqual(prices);
      const desc = await search('sort=price_desc&pageSize=5');
      expect(desc.items[0]!.item.price).toBeGreaterThanOrEqual(desc.items[4]!.item.price!);

      const page1 = await search('sort=newest&pageSize=10&page=1');
      const page2 = await search('sort=newest&pageSize=10&page=2');
      expect(page1.items).toHaveLength(10);
      expect(page2.items.filter((h) => page1.items.some((p) => p.id === h.id))).toEqual([]);

      const stocked = await search('inStock=false&pageSize=100');
      expect(stocked.items.every((h) => !h.item.inStock)).toBe(true);

      const red = await search(`attr.color_en=red&facets=color_en&pageSize=100`);
      // Every active catalogue item whose colour is red, and nothing else.
      const catalogue = await server.engine.store.items.list({ limit: 10_000 });
      const reds = catalogue.filter((i) => i.active && [i.attributes.color_en].flat().includes('red'));
      expect(reds.length).toBeGreaterThan(0);
      expect(red.total).toBe(reds.length);
      expect((red.facets.attributes as Record<string, { value: string }[]>).color_en?.[0]?.value).toBe('red');
      const bad = await server.app.inject({ url: '/v1/search?sort=cheapest', headers: auth() });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toMatch(/sort/);
    });

    it('answers the browser key, and refuses a call without a key', async () => {
      // The browser key sees the same results as the admin key (search is public).
      const secret = await search(q('连衣裙'));
      expect(secret.total).toBeGreaterThan(0);
      const browser = await search(q('连衣裙'), server.keys.public);
      expect(browser.total).toBe(secret.total);
      expect(browser.items.map((h) => h.id)).toEqual(secret.items.map((h) => h.id));
      const ac = await server.app.inject({ url: '/v1/search/autocomplete?q=连衣', headers: auth(server.keys.public) });
      expect(ac.statusCode).toBe(200);
      expect((await server.app.inject({ url: '/v1/search?q=x' })).statusCode).toBe(401);
      const admin = await server.app.inject({ url: '/v1/search/rules', headers: auth(server.keys.public) });
      expect(admin.statusCode).toBe(403);
    });

    it('applies merchandising rules: pin and hide', async () => {
      const base = await search(q('连衣裙'));
      expect(base.items.length).toBeGreaterThan(3);
      const last = base.items[base.items.length - 1]!.id;
      const first = base.items[0]!.id;
      const rule = await server.app.inject({
        method: 'POST',
        url: '/v1/search/rules',
        headers: auth(),
        payload: { query: '连衣裙', pin: [last], hide: [first] },
      });
      expect(rule.statusCode).toBe(201);
      const ruled = await search(q('连衣裙'));
      expect(ruled.items[0]).toMatchObject({ id: last, pinned: true });
      expect(ruled.items.map((h) => h.id)).not.toContain(first);
      const list = (await server.app.inject({ url: '/v1/search/rules', headers: auth() })).json().rules;
      expect(list).toHaveLength(1);
      const del = await server.app.inject({ method: 'DELETE', url: `/v1/search/rules/${list[0].id}`, headers: auth() });
      expect(del.statusCode).toBe(204);
      expect((await search(q('连衣裙'))).items[0]!.id).toBe(first);
    });

    it('stores synonyms and uses them at once', async () => {
      expect((await search(q('frock'))).total).toBe(0);
      const put = await server.app.inject({
        method: 'PUT',
        url: '/v1/search/synonyms',
        headers: auth(),
        payload: { synonyms: [{ kind: 'one-way', from: 'frock', to: ['连衣裙'] }] },
      });
      expect(put.statusCode).toBe(200);
      const got = (await server.app.inject({ url: '/v1/search/synonyms', headers: auth() })).json();
      expect(got.synonyms).toEqual([{ kind: 'one-way', from: 'frock', to: ['连衣裙'] }]);
      const frock = await search(q('frock'));
      expect(frock.total).toBeGreaterThan(0);
      expect(frock.items.every((h) => h.item.category === '女装/连衣裙')).toBe(true);
      const bad = await server.app.inject({
        method: 'PUT',
        url: '/v1/search/synonyms',
        headers: auth(),
        payload: { synonyms: [{ kind: 'one-way', from: 'x' }] },
      });
      expect(bad.statusCode).toBe(400);
    });

    it('suggests a spelling and completes typed prefixes', async () => {
      const typo = await search(q('headphnes'));
      expect(typo.total).toBeGreaterThan(0);
      expect(typo.didYouMean).toBe('headphones');
      await search(q('wireless headphones'));
      await server.engine.search.flushLogs();
      // Suggestions come from the log, rebuilt by the refresh job.
      await refreshSearch(server.engine.search, server.engine.store, server.engine.clock, { semantic: false });
      const ac = (
        await server.app.inject({
          url: `/v1/search/autocomplete?q=${encodeURIComponent('wireless hea')}`,
          headers: auth(),
        })
      ).json();
      expect(ac.queries.map((s: { query: string }) => s.query)).toContain('wireless headphones');
      expect(ac.items.length).toBeGreaterThan(0);
    });

    it('logs every search as an event and reports top and zero-result queries', async () => {
      await server.engine.search.flushLogs();
      const before = await server.engine.store.events.count();
      await search(`${q('qwxzv nothing')}&sessionId=s-search-1&anonymousId=a-search-1`);
      await search(`${q('连衣裙')}&sessionId=s-search-2&anonymousId=a-search-1`);
      await search(`${q('连衣裙')}&sessionId=s-search-3&customerId=C00001`);
      await server.engine.search.flushLogs();
      expect(await server.engine.store.events.count()).toBe(before + 3);
      const stats = await server.app.inject({ url: '/v1/search/stats?days=3650', headers: auth() });
      expect(stats.statusCode).toBe(200);
      const report = stats.json();
      expect(report.zeroResultQueries.map((z: { query: string }) => z.query)).toContain('qwxzv nothing');
      const dress = report.topQueries.find((t: { query: string }) => t.query === '连衣裙');
      expect(dress).toMatchObject({ zeroResults: 0 });
      expect(dress.searches).toBeGreaterThanOrEqual(2);
      expect(report.searches).toBeGreaterThan(3);
      expect(report.clickThroughRate).toBeGreaterThan(0);
      expect(report.clickThroughRate).toBeLessThanOrEqual(1);
    });

    it("re-ranks by the customer's affinities when a customer id is given", async () => {
      await drainJobs(server.engine);
      let best: { id: string; brand: string; share: number } | undefined;
      for await (const p of server.engine.store.profiles.all<{ affinity: { brand: Record<string, number> } }>()) {
        const brands = Object.entries(p.profile.affinity.brand);
        const total = brands.reduce((a, [, v]) => a + v, 0);
        for (const [brand, v] of brands) {
          if (total > 0 && (!best || v / total > best.share)) best = { id: p.customerId, brand, share: v / total };
        }
      }
      expect(best).toBeDefined();
      const brandItem = await search(`brand=${encodeURIComponent(best!.brand)}&pageSize=1`);
      const category = brandItem.items[0]!.item.category!.split('/')[0]!;
      const rank = (r: { items: Hit[] }) => {
        const i = r.items.findIndex((h) => h.item.brand === best!.brand);
        return i < 0 ? Infinity : i;
      };
      const plain = await search(`category=${encodeURIComponent(category)}&pageSize=100`);
      const personal = await search(`category=${encodeURIComponent(category)}&pageSize=100&customerId=${best!.id}`);
      expect(rank(personal)).toBeLessThanOrEqual(rank(plain));
      expect(rank(personal)).toBeLessThan(5);
    });

    it('a second process catches up on items, settings and refreshed snapshots by polling', async () => {
      const other = await createEngine(server.engine.config);
      try {
        await other.search.ready();
        await server.engine.items.upsert([{ id: 'ZX-3', title: 'Capybarastool 凳子', price: 10 }]);
        await server.engine.search.setSynonyms([{ kind: 'one-way', from: 'sitthing', to: ['capybarastool'] }]);
        const summary = await refreshSearch(server.engine.search, server.engine.store, server.engine.clock);
        expect(summary.itemsWithPrior).toBeGreaterThan(0);
        for (let i = 0; i < 10; i++) await other.search.sync();
        const found = await other.search.search({ q: 'sitthing' });
        expect(found.items.map((h) => h.id)).toEqual(['ZX-3']);
        const live = await other.search.ready();
        expect(live.priors.size).toBe(summary.itemsWithPrior);
        expect(live.engine.semanticModel).not.toBeNull();
      } finally {
        await other.close();
      }
    });

    it('rebuilds the index as a job and keeps answering', async () => {
      const before = await search(q('连衣裙'));
      expect(before.total).toBeGreaterThan(0);
      const res = await server.app.inject({ method: 'POST', url: '/v1/search/reindex', headers: auth() });
      expect(res.statusCode).toBe(202);
      const job = res.json();
      await new Worker(server.engine.store, server.engine.jobs, server.engine.clock).drain();
      const done = (await server.app.inject({ url: `/v1/jobs/${job.id}`, headers: auth() })).json();
      expect(done).toMatchObject({ status: 'done' });
      const after = await search(q('连衣裙'));
      expect(after.total).toBe(before.total);
      expect(after.items.map((h) => h.id)).toEqual(before.items.map((h) => h.id));
    });
  });
}
