/** Customer profiles, the batch analytics run and erasure of derived data, through HTTP on every backend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDatabaseKinds } from '../helpers/databases.js';
import { drainJobs, loadSmallStore } from '../helpers/small-store.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';
import type { CustomerProfile } from '../../src/customers/profile/customer-profile.js';
import { foldEvent } from '../../src/customers/profile/fold-event.js';
import { CustomerEventMapper, ItemFactsCache } from '../../src/customers/service/event-mapping.js';

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`customer analytics API on ${kind.name}`, () => {
    let server: TestServer;
    let buyer: string;
    const auth = (key: string) => ({ authorization: `Bearer ${key}` });
    const profileOf = async (id: string, key = server.keys.admin) =>
      server.app.inject({ url: `/v1/customers/${encodeURIComponent(id)}/profile`, headers: auth(key) });

    beforeAll(async () => {
      server = await startTestServer(kind);
      await loadSmallStore(server.engine);
      const purchases = await server.engine.store.events.timeline('C00001', { limit: 1, types: ['purchase'] });
      buyer = purchases[0]?.customerId ?? (await firstBuyer(server));
    }, 120_000);
    afterAll(async () => server?.close());

    it('builds profiles from the log in the background job, not on ingestion', async () => {
      expect((await profileOf(buyer)).statusCode).toBe(404);
      await drainJobs(server.engine);
      const res = await profileOf(buyer, server.keys.ingest);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      // The profile's totals are the buyer's purchases in the log: one order per order id, revenue summed.
      const bought = await server.engine.store.events.timeline(buyer, { limit: 100_000, types: ['purchase'] });
      const revenue = await Promise.all(
        bought.map(
          async (e) =>
            e.revenue ?? (e.price ?? (await server.engine.items.get(e.itemId!)).price ?? 0) * (e.quantity ?? 1),
        ),
      );
      expect(bought.length).toBeGreaterThan(0);
      expect(body.profile.orders).toBe(new Set(bought.map((e) => e.orderId ?? `event:${e.id}`)).size);
      expect(body.profile.revenue).toBeCloseTo(
        revenue.reduce((sum, r) => sum + r, 0),
        6,
      );
      expect(body.profile.averageOrderValue).toBeCloseTo(body.profile.revenue / body.profile.orders, 6);
      expect(body.profile.categories.length).toBeGreaterThan(0);
      expect(body.profile.lifecycle).toMatch(/^(prospect|new|active|at_risk|lapsed|churned)$/);
      expect(body.scores).toBeNull();
      expect((await profileOf(buyer, server.keys.public)).statusCode).toBe(403);
      const missing = await profileOf('nobody');
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('keeps a profile fresh as events arrive; lines of one order count as one order', async () => {
      const before = (await profileOf(buyer)).json().profile;
      const item = (await server.engine.store.items.list({ limit: 1 }))[0]!;
      const line = {
        type: 'purchase',
        customerId: buyer,
        itemId: item.id,
        quantity: 1,
        price: 100,
        orderId: 'fresh-1',
      };
      await server.app.inject({
        method: 'POST',
        url: '/v1/events/batch',
        headers: auth(server.keys.ingest),
        payload: { events: [{ ...line, id: 'fresh-1a' }] },
      });
      await server.engine.customerAnalytics.profiles.catchUp();
      // A second line of the same order, folded in a later run.
      await server.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: auth(server.keys.ingest),
        payload: { ...line, id: 'fresh-1b', price: 50 },
      });
      await server.engine.customerAnalytics.profiles.catchUp();
      const after = (await profileOf(buyer)).json().profile;
      expect(after.orders).toBe(before.orders + 1);
      expect(after.revenue).toBeCloseTo(before.revenue + 150, 6);
      expect(after.lifecycle).not.toBe('prospect');
    });

    it('follows an identity merge: anonymous history moves to the customer profile', async () => {
      const item = (await server.engine.store.items.list({ limit: 1 }))[0]!;
      await server.app.inject({
        method: 'POST',
        url: '/v1/events/batch',
        headers: auth(server.keys.ingest),
        payload: {
          events: [
            { id: 'anon-1', type: 'view', anonymousId: 'visitor-9', itemId: item.id },
            { id: 'anon-2', type: 'purchase', anonymousId: 'visitor-9', itemId: item.id, price: 20, orderId: 'a-1' },
          ],
        },
      });
      await server.engine.customerAnalytics.profiles.catchUp();
      const merge = await server.app.inject({
        method: 'POST',
        url: '/v1/identities/merge',
        headers: auth(server.keys.ingest),
        payload: { anonymousId: 'visitor-9', customerId: 'NEW-MERGED' },
      });
      expect(merge.statusCode).toBe(200);
      await server.engine.customerAnalytics.profiles.catchUp();
      const profile = (await profileOf('NEW-MERGED')).json().profile;
      expect(profile.orders).toBe(1);
      expect(profile.behaviour).toMatchObject({ view: 1 });
    });

    it.skipIf(kind.name !== 'postgres')('folds an event whose transaction commits after later ones', async () => {
      const tailer = server.engine.customerAnalytics.profiles;
      await tailer.catchUp();
      const item = (await server.engine.store.items.list({ limit: 1 }))[0]!;
      const track = (id: string, customerId: string) =>
        server.engine.events.track([{ id, type: 'purchase', customerId, itemId: item.id, price: 10, orderId: id }]);
      let commit!: () => void;
      const held = new Promise<void>((resolve) => (commit = resolve));
      let inserted!: () => void;
      const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
      // The slow transaction takes its seq first but commits last.
      const slow = server.engine.store.transaction(async (repos) => {
        await server.engine.events.track(
          [{ id: 'slow-1', type: 'purchase', customerId: 'SLOW', itemId: item.id, price: 10, orderId: 'slow-1' }],
          {},
          repos,
        );
        inserted();
        await held;
      });
      await insertedYet;
      await track('quick-1', 'QUICK');
      await tailer.catchUp();
      expect((await profileOf('QUICK')).statusCode).toBe(200);
      expect((await profileOf('SLOW')).statusCode).toBe(404);
      commit();
      await slow;
      await tailer.catchUp();
      expect((await profileOf('SLOW')).json().profile.orders).toBe(1);
      await tailer.catchUp();
      expect((await profileOf('SLOW')).json().profile.orders).toBe(1);
    });

    it('runs the batch analytics as a job and stores scores, models and clusters', async () => {
      const run = await server.app.inject({
        method: 'POST',
        url: '/v1/customers/analytics/run',
        headers: auth(server.keys.admin),
        payload: { horizonDays: 90 },
      });
      expect(run.statusCode).toBe(202);
      const job = run.json();
      expect(job).toMatchObject({ name: 'customers.analyse', status: 'queued' });
      await drainJobs(server.engine);
      const done = await server.app.inject({ url: `/v1/jobs/${job.id}`, headers: auth(server.keys.admin) });
      expect(done.json()).toMatchObject({ status: 'done', progress: 1 });
      expect(done.json().result.customers).toBeGreaterThan(50);

      const overview = (
        await server.app.inject({ url: '/v1/customers/analytics', headers: auth(server.keys.admin) })
      ).json();
      expect(overview.lastRun).not.toBeNull();
      const grouped = Object.values(overview.rfmGroups as Record<string, number>).reduce((a, b) => a + b, 0);
      // Every customer with an order gets an RFM group; the others none.
      let buyers = 0;
      for await (const p of server.engine.store.profiles.all<{ orders: number; lastOrder: number | null }>()) {
        if (p.profile.orders > 0 && p.profile.lastOrder !== null) buyers++;
      }
      expect(buyers).toBeGreaterThan(0);
      expect(grouped).toBe(buyers);
      expect(overview.params.horizonDays).toBe(90);
      // On a 60-day store the CLV fit may or may not be supported: either parameters or a note say which.
      expect(overview.params.clv !== null || overview.notes.length > 0).toBe(true);
      // Where expected purchases come from (model, naive rate or a blend) and why is served with the parameters.
      if (overview.params.clv !== null) {
        expect(overview.params.clv.forecast).toMatchObject({ chosen: expect.any(String), reason: expect.any(String) });
        expect(overview.params.clv.spendForecast).toMatchObject({
          chosen: expect.any(String),
          reason: expect.any(String),
        });
      }
      expect(overview.clusters.length).toBeGreaterThanOrEqual(2);
      for (const c of overview.clusters) expect(c.description.length).toBeGreaterThan(0);

      const scores = (await profileOf(buyer)).json().scores;
      expect(scores.rfm.group).toEqual(expect.any(String));
      expect(scores.cluster).toEqual(expect.any(Number));
      expect(scores.churnRisk === null || (scores.churnRisk >= 0 && scores.churnRisk <= 1)).toBe(true);
      const unknownJob = await server.app.inject({ url: '/v1/jobs/nope', headers: auth(server.keys.admin) });
      expect(unknownJob.statusCode).toBe(404);
    }, 60_000);

    it('erases derived data with the customer', async () => {
      expect((await profileOf('NEW-MERGED')).statusCode).toBe(200);
      const erase = await server.app.inject({
        method: 'DELETE',
        url: '/v1/customers/NEW-MERGED?events=delete',
        headers: auth(server.keys.admin),
      });
      expect(erase.statusCode).toBe(200);
      expect((await profileOf('NEW-MERGED')).statusCode).toBe(404);
      expect(await server.engine.store.customerScores.get('NEW-MERGED')).toBeUndefined();
    });

    it('lists the new routes in the OpenAPI document', async () => {
      const doc = (await server.app.inject({ url: '/openapi.json' })).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/v1/customers/{id}/profile',
          '/v1/customers/analytics',
          '/v1/customers/analytics/run',
          '/v1/jobs/{id}',
          '/v1/segments',
          '/v1/segments/{id}',
          '/v1/segments/{id}/members',
          '/v1/segments/overlap',
          '/v1/segments/preview',
        ]),
      );
      expect(doc.tags.map((t: { name: string }) => t.name)).toEqual(
        expect.arrayContaining(['customer analytics', 'segments']),
      );
    });

    it('folds a page into each customer at once exactly as folding its events one by one', async () => {
      const tailer = server.engine.customerAnalytics.profiles;
      await tailer.reset();
      // One page holds the whole log, so each customer's events are folded in one go.
      await tailer.catchUp(1_000_000);
      const { store } = server.engine;
      const entries = await store.events.scanEntries(0, 1_000_000);
      const items = new ItemFactsCache(store);
      await items.ensure(entries);
      const oneByOne = new Map<string, CustomerProfile>();
      for (const e of new CustomerEventMapper(items).map(entries))
        oneByOne.set(e.customerId, foldEvent(oneByOne.get(e.customerId) ?? null, e));
      const live = await store.customers.getMany([...oneByOne.keys()]);
      let compared = 0;
      for (const [id, expected] of oneByOne) {
        const stored = await store.profiles.get<CustomerProfile>(id);
        if (!live.has(id)) continue;
        const { affinity: got, ...rest } = stored!.profile;
        const { affinity: want, ...wantRest } = expected;
        expect(rest).toEqual(JSON.parse(JSON.stringify(wantRest)));
        for (const dim of ['category', 'brand', 'priceBand'] as const) {
          expect(Object.keys(got[dim]).sort()).toEqual(Object.keys(want[dim]).sort());
          for (const [k, v] of Object.entries(want[dim])) expect(got[dim][k]! / v).toBeCloseTo(1, 9);
        }
        compared++;
      }
      expect(compared).toBeGreaterThan(50);
    });
  });
}

async function firstBuyer(server: TestServer): Promise<string> {
  for (const e of await server.engine.store.events.scan(0, 100_000))
    if (e.type === 'purchase' && e.customerId) return e.customerId;
  throw new Error('the small store has no purchases');
}
