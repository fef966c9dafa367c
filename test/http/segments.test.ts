/** Saved segments through HTTP on every backend: rules, materialised members, export, overlap, enter/exit events. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDatabaseKinds } from '../helpers/databases.js';
import { drainJobs, loadSmallStore } from '../helpers/small-store.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`segments API on ${kind.name}`, () => {
    let server: TestServer;
    let buyers: string;
    let app: string;
    const auth = () => ({ authorization: `Bearer ${server.keys.admin}` });
    const post = (url: string, payload: unknown) =>
      server.app.inject({ method: 'POST', url, headers: auth(), payload: payload as object });
    const get = (url: string) => server.app.inject({ url, headers: auth() });

    beforeAll(async () => {
      server = await startTestServer(kind);
      await loadSmallStore(server.engine);
      await drainJobs(server.engine);
    }, 120_000);
    afterAll(async () => server?.close());

    it('saves a segment and materialises its members', async () => {
      const res = await post('/v1/segments', { name: 'Buyers', rule: 'orders >= 1', description: 'anyone who bought' });
      expect(res.statusCode).toBe(201);
      const segment = res.json();
      buyers = segment.id;
      let expected = 0;
      for await (const p of server.engine.store.profiles.all<{ orders: number }>())
        if (p.profile.orders >= 1) expected++;
      expect(expected).toBeGreaterThan(10);
      expect(segment).toMatchObject({ name: 'Buyers', rule: 'orders >= 1', size: expected });
      app = (await post('/v1/segments', { name: 'App users', rule: 'used_channel("app")' })).json().id;
      const list = (await get('/v1/segments')).json().segments;
      expect(list.map((s: { name: string }) => s.name)).toEqual(['App users', 'Buyers']);
      expect((await get(`/v1/segments/${buyers}`)).json().size).toBe(expected);
    });

    it('rejects a bad rule with the position and what was expected, and a duplicate name', async () => {
      const bad = await post('/v1/segments', { name: 'Broken', rule: 'orders >= 1 and (revenue > 5' });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(bad.json().errors[0]).toMatchObject({ field: 'rule' });
      expect(bad.json().errors[0].message).toMatch(/expected '\)' .*at position \d+/);
      const unknown = await post('/v1/segments/preview', { rule: 'ordrs > 1' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().detail).toMatch(/unknown field 'ordrs'.*position 0/s);
      const duplicate = await post('/v1/segments', { name: 'Buyers', rule: 'orders >= 2' });
      expect(duplicate.statusCode).toBe(409);
      expect((await get('/v1/segments')).json().segments).toHaveLength(2);
    });

    it('pages members as JSON and exports them as CSV', async () => {
      const size = (await get(`/v1/segments/${buyers}`)).json().size as number;
      const first = (await get(`/v1/segments/${buyers}/members?limit=5`)).json();
      expect(first.members).toHaveLength(5);
      const rest = (
        await get(`/v1/segments/${buyers}/members?limit=100000&after=${encodeURIComponent(first.next)}`)
      ).json();
      expect(first.members.length + rest.members.length).toBe(size);
      const csv = await get(`/v1/segments/${buyers}/members?format=csv&limit=100000`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      const lines = csv.body.trim().split('\n');
      expect(lines[0]).toBe('customer_id,entered_at');
      expect(lines).toHaveLength(size + 1);
      expect(lines[1]).toBe(`${first.members[0].customerId},${first.members[0].enteredAt}`);
    });

    it('reports pairwise overlap and previews a rule without saving it', async () => {
      const overlap = await get(`/v1/segments/overlap?ids=${buyers},${app}`);
      expect(overlap.statusCode).toBe(200);
      const [pair] = overlap.json().pairs;
      const sizes = overlap.json().segments.map((s: { size: number }) => s.size);
      expect(pair.both).toBeGreaterThan(0);
      expect(pair.both).toBeLessThanOrEqual(Math.min(...sizes));
      expect(pair.jaccard).toBeCloseTo(pair.both / (sizes[0] + sizes[1] - pair.both), 9);
      expect((await get(`/v1/segments/overlap?ids=${buyers}`)).statusCode).toBe(400);
      const preview = (
        await post('/v1/segments/preview', { rule: 'orders >= 1 and used_channel("app")', sample: 3 })
      ).json();
      expect(preview.size).toBe(pair.both);
      expect(preview.sample).toHaveLength(3);
    });

    it('logs segment entries and exits as events, from new events and from rule changes', async () => {
      const big = (await post('/v1/segments', { name: 'Big spenders', rule: 'revenue > 100000' })).json();
      const item = (await server.engine.store.items.list({ limit: 1 }))[0]!;
      await post('/v1/events', {
        id: 'big-1',
        type: 'purchase',
        customerId: 'WHALE',
        itemId: item.id,
        quantity: 1,
        price: 250_000,
        orderId: 'w-1',
      });
      await drainJobs(server.engine);
      expect((await get(`/v1/segments/${big.id}`)).json().size).toBe(1);
      // WHALE also entered "Buyers" with the same purchase.
      const entered = (await get('/v1/customers/WHALE/timeline?types=custom:segment_enter')).json().events;
      expect(entered.map((e: { properties: { segmentName: string } }) => e.properties.segmentName).sort()).toEqual([
        'Big spenders',
        'Buyers',
      ]);
      expect(
        entered.find((e: { properties: { segmentId: string } }) => e.properties.segmentId === big.id),
      ).toMatchObject({
        channel: 'other',
        properties: { segmentId: big.id, segmentName: 'Big spenders' },
      });
      const profile = (await get('/v1/customers/WHALE/profile')).json();
      expect(profile.segments.map((s: { name: string }) => s.name)).toContain('Big spenders');

      const changed = await server.app.inject({
        method: 'PUT',
        url: `/v1/segments/${big.id}`,
        headers: auth(),
        payload: { name: 'Huge spenders', rule: 'revenue > 1000000' },
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ name: 'Huge spenders', size: 0 });
      const exited = (await get('/v1/customers/WHALE/timeline?types=custom:segment_exit')).json().events;
      expect(exited).toHaveLength(1);
      expect(exited[0].properties).toMatchObject({ segmentId: big.id, segmentName: 'Huge spenders' });
      // The tailer reads its own membership events back from the log and must not fold them.
      await drainJobs(server.engine);
      expect((await get('/v1/customers/WHALE/profile')).json().profile.orders).toBe(1);
    });

    it('drops an erased customer from every segment', async () => {
      await post('/v1/events', { id: 'w2', type: 'view', customerId: 'WHALE', itemId: 'x', channel: 'app' });
      await drainJobs(server.engine);
      const before = (await get(`/v1/segments/${app}`)).json().size as number;
      const whaleIn = (await get(`/v1/segments/${app}/members?limit=100000`))
        .json()
        .members.map((m: { customerId: string }) => m.customerId);
      expect(whaleIn).toContain('WHALE');
      await server.app.inject({ method: 'DELETE', url: '/v1/customers/WHALE', headers: auth() });
      expect((await get(`/v1/segments/${app}`)).json().size).toBe(before - 1);
      expect((await get('/v1/customers/WHALE/profile')).statusCode).toBe(404);
    });

    it('deletes a segment', async () => {
      const del = await server.app.inject({ method: 'DELETE', url: `/v1/segments/${app}`, headers: auth() });
      expect(del.statusCode).toBe(204);
      expect((await get(`/v1/segments/${app}`)).statusCode).toBe(404);
      expect((await get(`/v1/segments/${app}/members`)).statusCode).toBe(404);
      const ingest = await server.app.inject({
        url: '/v1/segments',
        headers: { authorization: `Bearer ${server.keys.ingest}` },
      });
      expect(ingest.statusCode).toBe(403);
    });
  });
}
