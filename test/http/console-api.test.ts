/** The console's APIs on every backend: overview KPIs, catalogue and customer browsing, and API keys. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemEvent } from '../../src/domain/index.js';
import { allDatabaseKinds } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

const day = (d: number, hour = 0, minute = 0) => Date.UTC(2026, 0, d, hour, minute);
const iso = (ms: number) => new Date(ms).toISOString();

/** A log whose figures are worked out by hand in the assertions below. */
const EVENTS = [
  // Previous period (Jan 5–8): c1 looks once.
  { id: 'p1', type: 'view', customerId: 'c1', itemId: 'i1', channel: 'web', sessionId: 's0', timestamp: day(6, 9) },
  // Jan 8: c1 views and buys two lines of one order in session s1.
  { id: 'e1', type: 'view', customerId: 'c1', itemId: 'i1', channel: 'web', sessionId: 's1', timestamp: day(8, 10) },
  {
    id: 'e2',
    type: 'purchase',
    customerId: 'c1',
    itemId: 'i1',
    quantity: 2,
    price: 10,
    orderId: 'o1',
    channel: 'web',
    sessionId: 's1',
    timestamp: day(8, 10, 30),
  },
  {
    id: 'e3',
    type: 'purchase',
    customerId: 'c1',
    itemId: 'i2',
    price: 5,
    orderId: 'o1',
    channel: 'web',
    sessionId: 's1',
    timestamp: day(8, 11, 15),
  },
  // Jan 9: an anonymous visitor on the app, no purchase.
  { id: 'e4', type: 'view', anonymousId: 'a1', itemId: 'i1', channel: 'app', sessionId: 's2', timestamp: day(9, 12) },
  {
    id: 'e5',
    type: 'add_to_cart',
    anonymousId: 'a1',
    itemId: 'i1',
    channel: 'app',
    sessionId: 's2',
    timestamp: day(9, 12, 5),
  },
  // Jan 10: c2 (new) buys twice in a store, without order ids or a session.
  { id: 'e6', type: 'purchase', customerId: 'c2', itemId: 'i2', price: 30, channel: 'store', timestamp: day(10, 20) },
  { id: 'e7', type: 'purchase', customerId: 'c2', itemId: 'i1', price: 7, channel: 'store', timestamp: day(10, 21) },
];

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`console API on ${kind.name}`, () => {
    let server: TestServer;
    const auth = (key: string) => ({ authorization: `Bearer ${key}` });
    const get = (url: string, key = server.keys.admin) => server.app.inject({ url, headers: auth(key) });

    beforeAll(async () => {
      server = await startTestServer(kind);
      await server.engine.items.upsert([
        { id: 'i1', title: 'Red Dress 红色连衣裙', price: 10 },
        { id: 'i2', title: 'Blue pot', price: 5 },
        { id: 'x_50%', title: 'Fifty percent' },
        { id: 'SKU-RED-9', title: 'Scarf' },
      ]);
      await server.engine.customers.upsert([
        // "New" customers are counted by creation time.
        { id: 'c1', traits: { name: 'Alice Wang', email: 'alice@example.com' }, createdAt: day(6, 9) },
        { id: 'c2', traits: { name: '张伟', email: 'zhang.wei@example.com' }, createdAt: day(10, 20) },
        { id: 'c3', traits: { name: 'Bob', email: 'bob@example.com' }, createdAt: day(1) },
      ]);
      await server.engine.events.track(EVENTS as never, { strict: false });
      // Written by the system (segment entry): not shopper activity, left out of the overview.
      await server.engine.store.events.insertMany([
        systemEvent({ id: 'sys1', type: 'custom:segment_enter', customerId: 'c3', timestamp: day(9, 1) }),
      ]);
    }, 60_000);
    afterAll(async () => server?.close());

    it('computes totals, the previous period, a daily series and breakdowns', async () => {
      const res = await get(`/v1/stats/overview?from=2026-01-08&to=2026-01-11`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ from: iso(day(8)), to: iso(day(11)), interval: 'day', offsetMinutes: 0 });
      expect(body.totals).toEqual({
        events: 7,
        activeCustomers: 3,
        newCustomers: 1,
        orders: 3,
        revenue: 62,
        sessions: 3,
        convertedSessions: 2,
        conversion: 2 / 3,
      });
      expect(body.previous).toMatchObject({ from: iso(day(5)), to: iso(day(8)) });
      expect(body.previous.totals).toMatchObject({ events: 1, activeCustomers: 1, newCustomers: 1, orders: 0 });
      expect(body.series).toEqual([
        { start: iso(day(8)), events: 3, orders: 1, revenue: 25, activeCustomers: 1 },
        { start: iso(day(9)), events: 2, orders: 0, revenue: 0, activeCustomers: 1 },
        { start: iso(day(10)), events: 2, orders: 2, revenue: 37, activeCustomers: 1 },
      ]);
      expect(body.channels).toEqual([
        { channel: 'web', events: 3, orders: 1, revenue: 25 },
        { channel: 'app', events: 2, orders: 0, revenue: 0 },
        { channel: 'store', events: 2, orders: 2, revenue: 37 },
      ]);
      expect(body.eventTypes).toEqual([
        { type: 'purchase', events: 4 },
        { type: 'view', events: 2 },
        { type: 'add_to_cart', events: 1 },
      ]);
    });

    it('buckets by hour, fills empty buckets, and shifts days by a UTC offset', async () => {
      const hourly = (await get(`/v1/stats/overview?from=${day(8, 10)}&to=${iso(day(8, 13))}&interval=hour`)).json();
      expect(hourly.series.map((b: { events: number; revenue: number }) => [b.events, b.revenue])).toEqual([
        [2, 20],
        [1, 5],
        [0, 0],
      ]);
      const shifted = (await get('/v1/stats/overview?from=2026-01-10&to=2026-01-11&offsetMinutes=480')).json();
      expect(shifted.series.map((b: { start: string; events: number }) => [b.start, b.events])).toEqual([
        ['2026-01-09T16:00:00.000Z', 0],
        ['2026-01-10T16:00:00.000Z', 2],
      ]);
    });

    it('defaults to the last 30 days by day', async () => {
      const body = (await get('/v1/stats/overview')).json();
      expect(body.interval).toBe('day');
      expect(body.series).toHaveLength(30);
      expect(Date.parse(body.to) - Date.parse(body.from)).toBeLessThanOrEqual(30 * 86_400_000);
    });

    it('refuses bad ranges and intervals with problems naming the parameter, and non-admin keys', async () => {
      const cases: [string, string][] = [
        ['from=2026-01-11&to=2026-01-08', 'querystring.from'],
        ['from=yesterday', 'querystring.from'],
        ['interval=week', 'querystring.interval'],
        ['from=2025-01-01&to=2026-01-01&interval=hour', 'querystring.interval'],
        ['offsetMinutes=5000', 'querystring.offsetMinutes'],
      ];
      for (const [qs, field] of cases) {
        const res = await get(`/v1/stats/overview?${qs}`);
        expect(res.statusCode, qs).toBe(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect((await get('/v1/stats/overview', server.keys.ingest)).statusCode).toBe(403);
    });

    it('filters items by id or title, ignoring case and treating wildcards literally', async () => {
      // Sorted here: the engines order ids by their own collation.
      const ids = async (qs: string) =>
        (await get(`/v1/items?${qs}`, server.keys.ingest))
          .json()
          .items.map((i: { id: string }) => i.id)
          .sort();
      expect(await ids('q=red')).toEqual(['SKU-RED-9', 'i1']);
      expect(await ids('q=DRESS')).toEqual(['i1']);
      expect(await ids(`q=${encodeURIComponent('连衣裙')}`)).toEqual(['i1']);
      expect(await ids(`q=${encodeURIComponent('%')}`)).toEqual(['x_50%']);
      expect(await ids('q=_')).toEqual(['x_50%']);
      const page = (await get('/v1/items?q=red&limit=1', server.keys.ingest)).json();
      expect(page.items).toHaveLength(1);
      expect(page.next).toBe(page.items[0].id);
      const rest = await ids(`q=red&after=${encodeURIComponent(page.next)}`);
      expect([page.next, ...rest].sort()).toEqual(['SKU-RED-9', 'i1']);
      expect((await get('/v1/items?q=', server.keys.ingest)).statusCode).toBe(400);
    });

    it('filters customers by id, name or email and adds activity when asked', async () => {
      const ids = async (qs: string) =>
        (await get(`/v1/customers?${qs}`)).json().customers.map((c: { id: string }) => c.id);
      expect(await ids('q=alice')).toEqual(['c1']);
      expect(await ids('q=ZHANG')).toEqual(['c2']);
      expect(await ids(`q=${encodeURIComponent('张')}`)).toEqual(['c2']);
      expect(await ids('q=c3')).toEqual(['c3']);
      expect(await ids('q=example.com')).toEqual(['c1', 'c2', 'c3']);
      const plain = (await get('/v1/customers?limit=1')).json().customers[0];
      expect(plain).not.toHaveProperty('events');
      const withActivity = (await get('/v1/customers?activity=true')).json().customers;
      expect(withActivity).toEqual([
        expect.objectContaining({ id: 'c1', events: 4, lastSeenAt: iso(day(8, 11, 15)) }),
        expect.objectContaining({ id: 'c2', events: 2, lastSeenAt: iso(day(10, 21)) }),
        expect.objectContaining({ id: 'c3', events: 0, lastSeenAt: null }),
      ]);
    });

    it('lists, creates and revokes keys, never showing hashes, and refuses to revoke the key in use', async () => {
      const list = (await get('/v1/keys')).json().keys;
      expect(list).toHaveLength(3);
      expect(JSON.stringify(list)).not.toMatch(/hash/i);
      expect(list.find((k: { current: boolean }) => k.current)).toMatchObject({ name: 'test admin', scope: 'admin' });

      const created = await server.app.inject({
        method: 'POST',
        url: '/v1/keys',
        headers: auth(server.keys.admin),
        payload: { name: 'console sync', scope: 'ingest' },
      });
      expect(created.statusCode).toBe(201);
      const key = created.json();
      expect(key).toMatchObject({ name: 'console sync', scope: 'ingest', revokedAt: null, current: false });
      expect(key.key).toMatch(/^dg_ing_/);
      expect(key.key.startsWith(key.prefix)).toBe(true);
      expect((await get('/v1/items', key.key)).statusCode).toBe(200);
      expect((await get('/v1/keys')).json().keys).toHaveLength(4);

      const revoked = await server.app.inject({
        method: 'DELETE',
        url: `/v1/keys/${key.id}`,
        headers: auth(server.keys.admin),
      });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json().revokedAt).not.toBeNull();
      expect((await get('/v1/items', key.key)).statusCode).toBe(401);
      const again = await server.app.inject({
        method: 'DELETE',
        url: `/v1/keys/${key.id}`,
        headers: auth(server.keys.admin),
      });
      expect(again.statusCode).toBe(404);

      const self = list.find((k: { current: boolean }) => k.current);
      for (const ref of [self.id, self.prefix]) {
        const res = await server.app.inject({
          method: 'DELETE',
          url: `/v1/keys/${ref}`,
          headers: auth(server.keys.admin),
        });
        expect(res.statusCode).toBe(409);
        expect(res.json()).toMatchObject({ type: 'urn:daogou:problem:conflict', status: 409 });
      }
      expect((await get('/v1/keys')).statusCode).toBe(200);
    });

    it('refuses bad key requests with problems naming the field, and non-admin keys', async () => {
      const post = (payload: unknown, key = server.keys.admin) =>
        server.app.inject({ method: 'POST', url: '/v1/keys', headers: auth(key), payload: payload as object });
      const badScope = await post({ name: 'x', scope: 'root' });
      expect(badScope.statusCode).toBe(400);
      expect(badScope.json().errors[0].field).toBe('scope');
      const blank = await post({ name: '   ', scope: 'public' });
      expect(blank.statusCode).toBe(400);
      expect(blank.json().errors[0].field).toBe('name');
      expect((await post({ name: 'x', scope: 'public' }, server.keys.ingest)).statusCode).toBe(403);
      expect((await get('/v1/keys', server.keys.public)).statusCode).toBe(403);
    });
  });
}
