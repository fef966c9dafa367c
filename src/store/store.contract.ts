/** The storage contract: behaviour every backend must show, run by store.test.ts on SQLite and PostgreSQL. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeTestStore,
  openTestStore,
  type TestDatabase,
  type TestDatabaseKind,
} from '../../test/helpers/databases.js';
import { DAY_MS, systemEvent, type NewEvent } from '../domain/index.js';
import type { ItemRecord } from './repositories/item-repository.js';
import type { ConnectorSync } from './repositories/connector-repository.js';
import { ABANDONED_ERROR } from './repositories/job-repository.js';
import { Store } from './store.js';
import { REVIEW_INDEX } from './migrations/029-events-review-index.js';

const T0 = Date.UTC(2026, 0, 1);

function item(id: string, overrides: Partial<ItemRecord> = {}): ItemRecord {
  return {
    id,
    title: `Item ${id}`,
    description: null,
    category: 'Home/Kitchen',
    brand: 'Acme',
    price: 10,
    currency: 'CNY',
    stock: 5,
    attributes: { color: '红色', sizes: ['S', 'M'], waterproof: true, weight: 1.5 },
    images: ['https://example.com/a.jpg'],
    tags: ['new'],
    translations: { en: { title: 'Red pot' } },
    active: true,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

function event(id: string, overrides: Partial<NewEvent> = {}): NewEvent {
  return systemEvent({
    id,
    type: 'view',
    customerId: 'c1',
    itemId: 'i1',
    channel: 'web',
    sessionId: 's1',
    timestamp: T0,
    properties: { k: 'v', nested: { n: 1 } },
    ...overrides,
  });
}

/** Registers the storage contract tests for one backend. */
export function storeContract(kind: TestDatabaseKind): void {
  describe(`storage contract on ${kind.name}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeAll(async () => {
      ({ database, store } = await openTestStore(kind));
    });
    afterAll(() => closeTestStore(store, database));

    it('migrates idempotently: opening twice keeps the data', async () => {
      await store.meta.set('probe', 'yes');
      const again = await Store.open(database.url);
      expect(await again.meta.get('probe')).toBe('yes');
      await again.close();
    });

    it('round-trips items with JSON, booleans, nulls and unicode', async () => {
      await store.items.upsertMany([
        item('i1'),
        item('i2', { active: false, stock: null, price: null, category: '女装/连衣裙' }),
      ]);
      const got = await store.items.get('i1');
      expect(got).toEqual(item('i1'));
      const other = await store.items.get('i2');
      expect(other?.active).toBe(false);
      expect(other?.stock).toBeNull();
      expect(other?.category).toBe('女装/连衣裙');
      expect(await store.items.get('missing')).toBeUndefined();
    });

    it('upsert replaces fields but keeps the creation time', async () => {
      await store.items.upsertMany([item('i1', { title: 'Renamed', createdAt: T0 + 999, updatedAt: T0 + 1000 })]);
      const got = await store.items.get('i1');
      expect(got?.title).toBe('Renamed');
      expect(got?.createdAt).toBe(T0);
      expect(got?.updatedAt).toBe(T0 + 1000);
    });

    it('lists items by page and by category prefix', async () => {
      await store.items.upsertMany([
        item('i3', { category: 'Home/Kitchen/Pots' }),
        item('i4', { category: 'Home/Kitchenware' }),
      ]);
      const page1 = await store.items.list({ limit: 2 });
      const page2 = await store.items.list({ limit: 2, after: page1[1]!.id });
      expect([...page1, ...page2].map((i) => i.id)).toEqual(['i1', 'i2', 'i3', 'i4']);
      const kitchen = await store.items.list({ limit: 10, category: 'Home/Kitchen' });
      expect(kitchen.map((i) => i.id)).toEqual(['i1', 'i3']);
      expect(await store.items.count()).toBe(4);
      expect([...(await store.items.existingIds(['i1', 'nope', 'i4']))].sort()).toEqual(['i1', 'i4']);
    });

    it('deletes items', async () => {
      expect(await store.items.delete('i4')).toBe(true);
      expect(await store.items.delete('i4')).toBe(false);
    });

    it('stores events once per id (idempotency), also within one batch', async () => {
      const first = await store.events.insertMany([event('e1'), event('e2'), event('e2')]);
      expect(first).toBe(2);
      const again = await store.events.insertMany([
        event('e1'),
        event('e3', { type: 'purchase', quantity: 2, price: 5, revenue: 10, orderId: 'o1' }),
      ]);
      expect(again).toBe(1);
      const [stored] = await store.events.getByIds(['e1']);
      expect(stored?.properties).toEqual({ k: 'v', nested: { n: 1 } });
      expect(stored?.timestamp).toBe(T0);
      expect(await store.events.count()).toBe(3);
      // The journeys' narrow scan reads the same events with the fields triggers use.
      const full = await store.events.scan(0, 10);
      const narrow = await store.events.scanTriggers(0, 10);
      expect(narrow).toEqual(
        full.map((e) => ({
          seq: e.seq,
          id: e.id,
          type: e.type,
          customerId: e.customerId,
          itemId: e.itemId,
          orderId: e.orderId,
          revenue: e.revenue,
          channel: e.channel,
          timestamp: e.timestamp,
          receivedAt: e.receivedAt,
          properties: e.properties,
        })),
      );
      expect((await store.events.scanTriggers(full[0]!.seq, 1)).map((e) => e.id)).toEqual([full[1]!.id]);
    });

    it('writes large event batches in chunks', async () => {
      const many = Array.from({ length: 12_345 }, (_, i) =>
        event(`bulk-${i}`, { timestamp: T0 + i, customerId: `c${i % 100}` }),
      );
      expect(await store.events.insertMany(many)).toBe(12_345);
      const page = await store.events.scan(0, 5);
      expect(page.map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'bulk-0', 'bulk-1']);
    });

    it('reads review events alone after a position, through their own index', async () => {
      const top = await store.events.approximateCount();
      await store.events.insertMany([
        event('rv-view', { timestamp: T0 + 1 }),
        event('rv-1', { type: 'review', review: 'good', rating: 5, timestamp: T0 + 2 }),
        event('rv-cart', { type: 'add_to_cart', timestamp: T0 + 3 }),
        event('rv-2', { type: 'review', review: 'bad', rating: 1, timestamp: T0 + 4 }),
        event('rv-3', { type: 'review', review: 'fine', rating: 3, timestamp: T0 + 5 }),
      ]);
      const firstTwo = await store.events.scan(top, 2, 'review');
      expect(firstTwo.map((e) => [e.id, e.review])).toEqual([
        ['rv-1', 'good'],
        ['rv-2', 'bad'],
      ]);
      expect((await store.events.scan(firstTwo[1]!.seq, 10, 'review')).map((e) => e.id)).toEqual(['rv-3']);
      expect(await reviewReadUsesIndex(store, kind.name)).toBe(true);
    });

    it('reads engagements only of sessions with a search since the same time', async () => {
      const at = T0 + 40 * DAY_MS;
      expect(
        await store.events.insertMany([
          event('eng-1', { type: 'search', query: 'pot', itemId: null, sessionId: 'eng-s1', timestamp: at }),
          event('eng-2', { type: 'click', itemId: 'i2', sessionId: 'eng-s1', timestamp: at + 1 }),
          event('eng-3', { type: 'purchase', itemId: 'i3', sessionId: 'eng-s2', timestamp: at + 2 }),
          event('eng-4', { type: 'search', query: 'lid', itemId: null, sessionId: 'eng-s3', timestamp: at - 5 }),
          event('eng-5', { type: 'add_to_cart', itemId: 'i4', sessionId: 'eng-s3', timestamp: at + 3 }),
        ]),
      ).toBe(5);
      // eng-s2 has no search; eng-s3's search is before `since`, so nothing after it can be attributed to it.
      const mine = (await store.search.engagements(at)).filter((e) => e.sessionId.startsWith('eng-'));
      expect(mine).toEqual([{ type: 'click', itemId: 'i2', sessionId: 'eng-s1', ts: at + 1 }]);
      expect((await store.search.engagements(at - 5)).filter((e) => e.sessionId.startsWith('eng-'))).toEqual([
        { type: 'click', itemId: 'i2', sessionId: 'eng-s1', ts: at + 1 },
        { type: 'add_to_cart', itemId: 'i4', sessionId: 'eng-s3', ts: at + 3 },
      ]);
      await store.db.deleteFrom('events').where('id', 'like', 'eng-%').execute();
    });

    it('reads back every column of a batch whose events leave some columns empty', async () => {
      // PostgreSQL sends a column that no event of a chunk fills as an empty array, and empty properties as NULL.
      const sparse = [
        systemEvent({ id: 'sparse-1', type: 'view', timestamp: T0, channel: 'app' }),
        systemEvent({
          id: 'sparse-2',
          type: 'review',
          anonymousId: 'anon-sparse',
          rating: 4,
          review: 'fine',
          timestamp: T0 + 1,
          properties: { k: 'w' },
        }),
        systemEvent({ id: 'sparse-3', type: 'search', query: 'pot', timestamp: T0 + 2, properties: {} }),
      ];
      expect(await store.events.insertMany(sparse)).toBe(3);
      expect(await store.events.insertMany([systemEvent({ id: 'sparse-4', type: 'view', timestamp: T0 })])).toBe(1);
      const stored = await store.events.getByIds(['sparse-1', 'sparse-2', 'sparse-3', 'sparse-4']);
      expect(stored.sort((a, b) => a.id.localeCompare(b.id)).map(({ seq: _, ...e }) => e)).toEqual([
        ...sparse,
        systemEvent({ id: 'sparse-4', type: 'view', timestamp: T0 }),
      ]);
      await store.events.deleteForCustomer('nobody', ['anon-sparse']);
      expect(await store.events.getByIds(['sparse-2'])).toEqual([]);
      await store.db.deleteFrom('events').where('id', 'in', ['sparse-1', 'sparse-3', 'sparse-4']).execute();
    });

    it('reads a timeline newest first with paging', async () => {
      const timeline = await store.events.timeline('c1', { limit: 3 });
      expect(timeline.map((e) => e.timestamp)).toEqual([...timeline.map((e) => e.timestamp)].sort((a, b) => b - a));
      const older = await store.events.timeline('c1', { limit: 3, before: timeline[2]!.timestamp });
      expect(older.every((e) => e.timestamp < timeline[2]!.timestamp)).toBe(true);
    });

    it('links anonymous ids and attributes their earlier events', async () => {
      await store.events.insertMany([event('anon-1', { customerId: null, anonymousId: 'a1' })]);
      await store.identities.link({ anonymousId: 'a1', customerId: 'c1', mergedAt: T0 });
      expect(await store.identities.resolve(['a1', 'a2'])).toEqual(new Map([['a1', 'c1']]));
      expect(await store.events.attachAnonymous('a1', 'c1')).toBe(1);
      const [e] = await store.events.getByIds(['anon-1']);
      expect(e?.customerId).toBe('c1');
    });

    it('rolls back every write of a failed transaction', async () => {
      await expect(
        store.transaction(async (repos) => {
          await repos.items.upsertMany([item('tx-item')]);
          await repos.events.insertMany([event('tx-event')]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.items.get('tx-item')).toBeUndefined();
      expect(await store.events.getByIds(['tx-event'])).toEqual([]);
    });

    it('loads in bulk atomically: duplicates skipped, indexes back, a failed load leaves nothing', async () => {
      const before = await store.events.count();
      const load = Array.from({ length: 3000 }, (_, i) =>
        event(`load-${i % 2500}`, { timestamp: T0 + i, customerId: `load-c${i % 7}` }),
      );
      // An expected size far above what is stored: SQLite sets its indexes aside for this load.
      const stored = await store.bulkTransaction(1_000_000, (repos) => repos.events.insertMany(load));
      expect(stored).toBe(2500);
      expect(await store.events.insertMany([event('load-7')])).toBe(0);
      const timeline = await store.events.timeline('load-c3', { limit: 2 });
      expect(timeline.map((e) => e.customerId)).toEqual(['load-c3', 'load-c3']);
      await expect(
        store.bulkTransaction(1_000_000, async (repos) => {
          await repos.events.insertMany([event('load-failed')]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.events.getByIds(['load-failed'])).toEqual([]);
      expect(await store.events.count()).toBe(before + 2500);
    });

    it('anonymises and deletes a customer’s events', async () => {
      await store.customers.upsertMany([
        {
          id: 'c1',
          traits: { email: 'a@example.com' },
          consent: { email: true, sms: false, push: false },
          createdAt: T0,
          updatedAt: T0,
        },
      ]);
      const scrubbed = await store.events.anonymiseForCustomer('c1', ['a1'], 'erased-x');
      expect(scrubbed).toBeGreaterThan(0);
      expect(await store.events.timeline('c1', { limit: 10 })).toEqual([]);
      const [e] = await store.events.getByIds(['e3']);
      expect(e).toMatchObject({
        customerId: null,
        anonymousId: 'erased-x',
        itemId: 'i1',
        revenue: 10,
        // The order id could link back to the shop's own records of the person: dropped with the ids.
        orderId: null,
        review: null,
      });
      expect(await store.events.deleteForCustomer('c2', [])).toBeGreaterThan(0);
      expect(await store.events.timeline('c2', { limit: 10 })).toEqual([]);
    });

    it('creates bare customers for new ids without touching existing ones', async () => {
      await store.customers.ensureExist(
        new Map([
          ['c1', T0 - 5],
          ['new-c', T0 - 7],
        ]),
        T0,
      );
      expect((await store.customers.get('c1'))?.traits).toEqual({ email: 'a@example.com' });
      expect((await store.customers.get('new-c'))?.createdAt).toBe(T0 - 7);
    });

    it('computes statistics over the log', async () => {
      const stats = await store.events.stats();
      expect(stats.total).toBe(await store.events.count());
      expect(stats.byType.view).toBeGreaterThan(0);
      expect(stats.byChannel.web).toBe(stats.total);
      // The one purchase was anonymised above: its revenue stays, its order id (what orders are counted by) does not.
      expect(stats.orders).toBe(0);
      expect(stats.revenue).toBe(10);
    });

    it('queues jobs, claims each once, retries failures and honours singletons', async () => {
      const a = await store.jobs.enqueue('train', { model: 'x' }, T0, { singletonKey: 'train' });
      const again = await store.jobs.enqueue('train', { model: 'y' }, T0, { singletonKey: 'train' });
      expect(again.id).toBe(a.id);
      const later = await store.jobs.enqueue('index', {}, T0, { runAt: T0 + 60_000, priority: 5 });
      expect(await store.jobs.claim('w1', ['other'], T0, 1000)).toBeUndefined();
      const claimed = await store.jobs.claim('w1', ['train', 'index'], T0, 1000);
      expect(claimed).toMatchObject({
        id: a.id,
        status: 'running',
        lockedBy: 'w1',
        attempts: 1,
        payload: { model: 'x' },
      });
      expect(await store.jobs.claim('w2', ['train', 'index'], T0, 1000)).toBeUndefined();
      // The worker died: once its lock expires another worker takes the job over.
      const takeover = await store.jobs.claim('w2', ['train'], T0 + 2000, 1000);
      expect(takeover).toMatchObject({ id: a.id, lockedBy: 'w2', attempts: 2 });
      expect(await store.jobs.fail(takeover!, 'boom', T0 + 2000, T0 + 3000)).toBe('queued');
      const third = await store.jobs.claim('w2', ['train'], T0 + 3000, 1000);
      expect(third?.attempts).toBe(3);
      expect(await store.jobs.fail(third!, 'boom again', T0 + 3000, T0 + 4000)).toBe('failed');
      expect(await store.jobs.get(a.id)).toMatchObject({ status: 'failed', lastError: 'boom again' });
      const fresh = await store.jobs.enqueue('train', {}, T0, { singletonKey: 'train' });
      expect(fresh.id).not.toBe(a.id);
      const due = await store.jobs.claim('w3', ['index', 'train'], T0 + 60_000, 1000);
      expect(due?.id).toBe(later.id);
      await store.jobs.heartbeat(due!.id, 'w3', T0 + 70_000, 0.5, 'halfway');
      await store.jobs.complete(due!.id, { ok: true }, T0 + 61_000);
      expect(await store.jobs.get(due!.id)).toMatchObject({
        status: 'done',
        progress: 1,
        result: { ok: true },
        message: 'halfway',
      });
      expect((await store.jobs.recent(10)).length).toBe(3);
    });

    it('fails a job whose worker died on its last attempt instead of running it again', async () => {
      const job = await store.jobs.enqueue('import', {}, T0, { maxAttempts: 2 });
      expect((await store.jobs.claim('w1', ['import'], T0, 1000))?.attempts).toBe(1);
      // w1 died: w2 takes the job over after the lock, its second and last attempt; then w2 dies too.
      expect(await store.jobs.claim('w2', ['import'], T0 + 2000, 1000)).toMatchObject({ id: job.id, attempts: 2 });
      expect(await store.jobs.claim('w3', ['import'], T0 + 2500, 1000)).toBeUndefined();
      expect(await store.jobs.claim('w3', ['import'], T0 + 4000, 1000)).toBeUndefined();
      expect(await store.jobs.get(job.id)).toMatchObject({
        status: 'failed',
        attempts: 2,
        lockedBy: null,
        lastError: ABANDONED_ERROR,
        finishedAt: T0 + 4000,
      });
    });

    it('advances a due schedule exactly once', async () => {
      await store.jobs.upsertSchedule({
        name: 'nightly',
        jobName: 'train',
        payload: {},
        everyMs: 1000,
        nextRunAt: T0,
        enabled: true,
      });
      const [due] = await store.jobs.dueSchedules(T0);
      expect(due?.name).toBe('nightly');
      expect(await store.jobs.advanceSchedule('nightly', T0, T0 + 1000)).toBe(true);
      expect(await store.jobs.advanceSchedule('nightly', T0, T0 + 1000)).toBe(false);
      expect(await store.jobs.dueSchedules(T0 + 999)).toEqual([]);
    });

    it('stores API keys by hash and revokes them', async () => {
      await store.apiKeys.insert({
        id: 'k1',
        name: 'test',
        scope: 'admin',
        keyHash: 'h1',
        prefix: 'dgk_abc',
        createdAt: T0,
        lastUsedAt: null,
        revokedAt: null,
      });
      expect((await store.apiKeys.findByHash('h1'))?.scope).toBe('admin');
      expect(await store.apiKeys.revoke('dgk_abc', T0 + 1)).toBe(true);
      expect(await store.apiKeys.revoke('dgk_abc', T0 + 2)).toBe(false);
      expect((await store.apiKeys.findByHash('h1'))?.revokedAt).toBe(T0 + 1);
    });

    it('stores store connections with their credentials and synchronisation state', async () => {
      const sync = { state: 'never' as const, startedAt: null, finishedAt: null, counts: {}, phase: null, errors: [] };
      await store.connectors.insert({
        id: 'c1',
        platform: 'shopify',
        name: 'Shop',
        baseUrl: 'https://shop.example',
        credentials: { accessToken: 'shpat_1' },
        webhookSecret: 'whsec',
        sync,
        createdAt: T0,
        updatedAt: T0,
      });
      expect(await store.connectors.get('c1')).toMatchObject({
        platform: 'shopify',
        credentials: { accessToken: 'shpat_1' },
        sync,
      });
      const running = {
        ...sync,
        state: 'running' as const,
        startedAt: T0 + 1,
        counts: { products: 250 },
        phase: 'customers',
      };
      await store.connectors.setSync('c1', running, T0 + 2);
      expect((await store.connectors.list()).map((c) => [c.id, c.sync.counts, c.updatedAt])).toEqual([
        ['c1', { products: 250 }, T0 + 2],
      ]);
      // Writers that change the state from what is stored at that moment (webhooks arriving during an import)
      // do not overwrite each other.
      const oneMoreWebhook = (current: ConnectorSync): ConnectorSync => ({
        ...current,
        counts: { ...current.counts, webhooks: (current.counts.webhooks ?? 0) + 1 },
      });
      await Promise.all(
        Array.from({ length: 8 }, () =>
          store.transaction((repos) => repos.connectors.updateSync('c1', oneMoreWebhook, T0 + 2)),
        ),
      );
      expect((await store.connectors.get('c1'))?.sync.counts).toEqual({ products: 250, webhooks: 8 });
      await store.connectors.setSync('c1', running, T0 + 2);
      expect(await store.transaction((repos) => repos.connectors.updateSync('c9', oneMoreWebhook, T0))).toBeUndefined();
      await store.connectors.updateSettings({
        id: 'c1',
        name: 'Shop 2',
        baseUrl: 'https://shop2.example',
        credentials: { accessToken: 'shpat_2' },
        webhookSecret: 'whsec2',
        updatedAt: T0 + 3,
      });
      expect(await store.connectors.get('c1')).toMatchObject({
        name: 'Shop 2',
        baseUrl: 'https://shop2.example',
        credentials: { accessToken: 'shpat_2' },
        webhookSecret: 'whsec2',
        sync: running,
        updatedAt: T0 + 3,
      });
      expect(await store.connectors.delete('c1')).toBe(true);
      expect(await store.connectors.get('c1')).toBeUndefined();
    });

    it('stores customer profiles and scores, replaces scores per run and keeps the latest model run', async () => {
      const profile = { customerId: 'p1', orders: 2, affinity: { category: { 女装: 0.5 } } };
      await store.profiles.upsertMany([
        { customerId: 'p1', profile, recentOrders: ['o1'], updatedAt: T0 },
        { customerId: 'p2', profile: { orders: 0 }, recentOrders: [], updatedAt: T0 },
      ]);
      await store.profiles.upsertMany([
        { customerId: 'p2', profile: { orders: 1 }, recentOrders: ['o9'], updatedAt: T0 + 1 },
      ]);
      expect(await store.profiles.get('p1')).toEqual({
        customerId: 'p1',
        profile,
        recentOrders: ['o1'],
        updatedAt: T0,
      });
      expect((await store.profiles.get('p2'))?.profile).toEqual({ orders: 1 });
      const all = [];
      for await (const p of store.profiles.all(1)) all.push(p.customerId);
      expect(all).toEqual(['p1', 'p2']);
      expect(await store.profiles.count()).toBe(2);

      const score = {
        customerId: 'p1',
        rfm: { r: 5, f: 4, m: 3, group: 'Champions' },
        pAlive: 0.9,
        expectedPurchases: Number.NaN,
        predictedClv: 120.5,
        churnRisk: 0.1,
        nextOrderAt: T0 + 0.4,
        cluster: 1,
        computedAt: T0,
      };
      await store.customerScores.replaceAll([score, { ...score, customerId: 'p2', rfm: null, cluster: null }]);
      expect(await store.customerScores.get('p1')).toEqual({ ...score, expectedPurchases: null, nextOrderAt: T0 });
      expect(await store.customerScores.groupCounts()).toEqual({ Champions: 1 });
      await store.customerScores.replaceAll([{ ...score, customerId: 'p2' }]);
      expect(await store.customerScores.get('p1')).toBeUndefined();

      await store.customerScores.insertModel({
        params: { r: 0.24 },
        clusters: [],
        notes: ['a'],
        asOf: T0,
        computedAt: T0,
      });
      await store.customerScores.insertModel({
        params: { r: 0.25 },
        clusters: [{ id: 0 }],
        notes: [],
        asOf: T0,
        computedAt: T0 + 5,
      });
      expect(await store.customerScores.latestModel()).toMatchObject({
        params: { r: 0.25 },
        clusters: [{ id: 0 }],
        notes: [],
      });
      expect(await store.profiles.delete('p1')).toBe(true);
      expect(await store.profiles.delete('p1')).toBe(false);
    });

    it('stores segments with unique names, materialised members, paging and overlap', async () => {
      const segment = (id: string, name: string) => ({
        id,
        name,
        rule: 'orders >= 1',
        description: null,
        size: 0,
        createdAt: T0,
        updatedAt: T0,
        evaluatedAt: null,
      });
      await store.segments.insert(segment('s1', 'Buyers'));
      await store.segments.insert(segment('s2', '回头客'));
      await expect(store.segments.insert(segment('s3', 'Buyers'))).rejects.toThrow();
      await store.segments.addMembers('s1', ['c1', 'c2', 'c3'], T0);
      await store.segments.addMembers('s1', ['c3'], T0 + 9);
      await store.segments.addMembers('s2', ['c2', 'c3', 'c4'], T0);
      expect(await store.segments.refreshSize('s1', T0 + 1)).toBe(3);
      expect(await store.segments.get('s1')).toMatchObject({ size: 3, evaluatedAt: T0 + 1 });
      expect(await store.segments.members('s1', { limit: 2, after: 'c1' })).toEqual([
        { customerId: 'c2', enteredAt: T0 },
        { customerId: 'c3', enteredAt: T0 },
      ]);
      expect(await store.segments.overlap(['s1', 's2'])).toEqual([{ a: 's1', b: 's2', both: 2 }]);
      const of = await store.segments.membershipsOf(['c2', 'c9']);
      expect([...(of.get('c2')?.keys() ?? [])].sort()).toEqual(['s1', 's2']);
      expect(of.has('c9')).toBe(false);
      expect((await store.segments.removeCustomer('c3')).sort()).toEqual(['s1', 's2']);
      await store.segments.removeMembers('s2', ['c4']);
      expect((await store.segments.memberIds('s2')).sort()).toEqual(['c2']);
      expect((await store.segments.getByName('回头客'))?.id).toBe('s2');
      expect((await store.segments.list()).map((s) => s.name)).toEqual(['Buyers', '回头客']);
      expect(await store.segments.delete('s1')).toBe(true);
      expect(await store.segments.memberIds('s1')).toEqual([]);
    });

    it('moves a key only from the value it was read at (compare and set)', async () => {
      expect(await store.meta.compareAndSet('cursor', undefined, '10', T0)).toBe(true);
      expect(await store.meta.compareAndSet('cursor', undefined, '11', T0)).toBe(false);
      expect(await store.meta.compareAndSet('cursor', '10', '20', T0)).toBe(true);
      expect(await store.meta.compareAndSet('cursor', '10', '30', T0)).toBe(false);
      expect(await store.meta.get('cursor')).toBe('20');
    });

    it('keeps model artifacts as bytes, newest per kind first, pruning old ones', async () => {
      const bytes = (n: number) => Uint8Array.from({ length: 300 }, (_, i) => (i * n) % 256);
      for (let n = 1; n <= 4; n++)
        await store.modelArtifacts.save({
          id: `m${n}`,
          kind: 'recommend',
          bytes: bytes(n),
          metrics: { ndcg: n / 10 },
          eventSeq: n * 100,
          trainedAt: T0 + n,
        });
      expect(await store.modelArtifacts.latestInfo('recommend')).toEqual({
        id: 'm4',
        kind: 'recommend',
        metrics: { ndcg: 0.4 },
        eventSeq: 400,
        trainedAt: T0 + 4,
      });
      expect(await store.modelArtifacts.latestInfo('other')).toBeUndefined();
      const m3 = await store.modelArtifacts.get('m3');
      expect(m3?.bytes).toBeInstanceOf(Uint8Array);
      expect([...m3!.bytes]).toEqual([...bytes(3)]);
      expect(await store.modelArtifacts.get('m1')).toBeUndefined(); // only the newest three are kept
    });

    it('logs served recommendations and attributes clicks and purchases that carry their id', async () => {
      const at = T0 + DAY_MS;
      await store.recommendationLog.insertMany([
        { id: 'r1', surface: 'for-you', customerId: 'cr', anonymousId: null, itemIds: ['i1', 'i2'], createdAt: at },
        { id: 'r2', surface: 'similar', customerId: null, anonymousId: 'a1', itemIds: ['i3'], createdAt: at },
        { id: 'r0', surface: 'for-you', customerId: 'cr', anonymousId: null, itemIds: ['i1'], createdAt: T0 },
      ]);
      await store.events.insertMany([
        event('rc1', { type: 'click', customerId: 'cr', recommendationId: 'r1', timestamp: at }),
        event('rc2', { type: 'purchase', customerId: 'cr', recommendationId: 'r1', revenue: 30, timestamp: at }),
        event('rc3', { type: 'view', customerId: 'cr', recommendationId: 'r2', timestamp: at }),
      ]);
      expect(await store.recommendationLog.attribution(at - 1)).toEqual([
        { surface: 'for-you', served: 1, clicks: 1, purchases: 1, revenue: 30 },
        { surface: 'similar', served: 1, clicks: 0, purchases: 0, revenue: 0 },
      ]);
      expect(await store.recommendationLog.deleteForCustomer('cr')).toBe(2);
    });
  });
}

/** Whether the database reads reviews after a position through migration 029's index (a partition's copy of it). */
async function reviewReadUsesIndex(store: Store, kind: string): Promise<boolean> {
  const query = sql`select seq from events where type = 'review' and seq > 0 order by seq limit 100`;
  if (kind === 'sqlite') {
    const { rows } = await sql<{ detail: string }>`explain query plan ${query}`.execute(store.db);
    return rows.some((r) => r.detail.includes(REVIEW_INDEX));
  }
  // On PostgreSQL each partition has its own copy of the index, under a name of its own, attached to the
  // partitioned index. Found through pg_inherits, not pg_indexes: that view's pg_get_indexdef opens every index it
  // reads, and an index another schema's test dropped meanwhile failed it ("could not open relation with OID").
  const { rows: copies } = await sql<{ name: string }>`select c.relname as name from pg_inherits i
    join pg_class c on c.oid = i.inhrelid where i.inhparent = to_regclass(${REVIEW_INDEX}::text)`.execute(store.db);
  const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(store.db);
  const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
  return copies.some((c) => plan.includes(c.name));
}
