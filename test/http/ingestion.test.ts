/** Tracking, catalogue and customer APIs through real HTTP (inject) on every storage backend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDatabaseKinds } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`ingestion API on ${kind.name}`, () => {
    let server: TestServer;
    const auth = (key: string) => ({ authorization: `Bearer ${key}` });

    beforeAll(async () => {
      server = await startTestServer(kind);
    });
    afterAll(async () => server?.close());

    it('upserts, reads, patches and deletes an item', async () => {
      const put = await server.app.inject({
        method: 'PUT',
        url: '/v1/items/SKU-1',
        headers: auth(server.keys.ingest),
        payload: {
          title: '红色连衣裙',
          category: '女装/连衣裙',
          price: 199,
          currency: 'CNY',
          stock: 3,
          attributes: { color: '红色' },
          translations: { en: { title: 'Red dress' } },
        },
      });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toMatchObject({
        id: 'SKU-1',
        title: '红色连衣裙',
        active: true,
        attributes: { color: '红色' },
      });
      const patch = await server.app.inject({
        method: 'PATCH',
        url: '/v1/items/SKU-1',
        headers: auth(server.keys.ingest),
        payload: { price: 149, attributes: { size: 'M' } },
      });
      expect(patch.json()).toMatchObject({ price: 149, attributes: { color: '红色', size: 'M' } });
      const get = await server.app.inject({ url: '/v1/items/SKU-1', headers: auth(server.keys.ingest) });
      expect(get.json().price).toBe(149);
      const del = await server.app.inject({
        method: 'DELETE',
        url: '/v1/items/SKU-1',
        headers: auth(server.keys.ingest),
      });
      expect(del.statusCode).toBe(204);
      const gone = await server.app.inject({ url: '/v1/items/SKU-1', headers: auth(server.keys.ingest) });
      expect(gone.statusCode).toBe(404);
      expect(gone.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('batch-upserts items and lists them', async () => {
      const items = Array.from({ length: 50 }, (_, i) => ({
        id: `B-${String(i).padStart(3, '0')}`,
        title: `Item ${i}`,
        category: i % 2 ? 'Home/Kitchen' : 'Home/Bath',
      }));
      const res = await server.app.inject({
        method: 'POST',
        url: '/v1/items/batch',
        headers: auth(server.keys.ingest),
        payload: { items },
      });
      expect(res.json()).toEqual({ upserted: 50 });
      const page = await server.app.inject({
        url: '/v1/items?limit=10&category=Home/Kitchen',
        headers: auth(server.keys.ingest),
      });
      expect(page.json().items).toHaveLength(10);
      expect(page.json().next).toBe('B-019');
    });

    it('stores an event once per id (idempotency)', async () => {
      const event = { id: 'evt-1', type: 'view', customerId: 'cust-1', itemId: 'B-001', channel: 'app' };
      // A browser key names a customer only with their token, which the shop's server issued.
      const { token } = await server.engine.identitySecret.issueToken('cust-1', 3600);
      const first = await server.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { ...auth(server.keys.public), 'x-customer-token': token },
        payload: event,
      });
      expect(first.statusCode).toBe(202);
      expect(first.json()).toMatchObject({ received: 1, stored: 1, duplicates: 0, ids: ['evt-1'] });
      const again = await server.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { ...auth(server.keys.public), 'x-customer-token': token },
        payload: event,
      });
      expect(again.json()).toMatchObject({ stored: 0, duplicates: 1 });
      const batch = await server.app.inject({
        method: 'POST',
        url: '/v1/events/batch',
        headers: auth(server.keys.ingest),
        payload: { events: [event, { ...event, id: 'evt-2' }, { ...event, id: 'evt-2' }] },
      });
      expect(batch.json()).toMatchObject({ received: 3, stored: 1, duplicates: 2 });
      const timeline = await server.app.inject({
        url: '/v1/customers/cust-1/timeline',
        headers: auth(server.keys.admin),
      });
      expect(
        timeline
          .json()
          .events.map((e: { id: string }) => e.id)
          .sort(),
      ).toEqual(['evt-1', 'evt-2']);
    });

    it('merges an anonymous id: past and later events resolve to the customer', async () => {
      const anon = { type: 'view', anonymousId: 'anon-9', itemId: 'B-002' };
      await server.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: auth(server.keys.public),
        payload: { ...anon, id: 'a-before' },
      });
      const merge = await server.app.inject({
        method: 'POST',
        url: '/v1/identities/merge',
        headers: auth(server.keys.ingest),
        payload: { anonymousId: 'anon-9', customerId: 'cust-9' },
      });
      expect(merge.statusCode).toBe(200);
      expect(merge.json()).toMatchObject({ eventsAttributed: 1 });
      await server.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: auth(server.keys.public),
        payload: { ...anon, id: 'a-after' },
      });
      const timeline = await server.app.inject({
        url: '/v1/customers/cust-9/timeline',
        headers: auth(server.keys.admin),
      });
      const ids = timeline.json().events.map((e: { id: string; type: string }) => e.id);
      expect(ids).toEqual(expect.arrayContaining(['a-before', 'a-after']));
      expect(timeline.json().events.some((e: { type: string }) => e.type === 'identify')).toBe(true);
    });

    it('exports everything about a customer and erases it', async () => {
      await server.app.inject({
        method: 'PUT',
        url: '/v1/customers/cust-9',
        headers: auth(server.keys.ingest),
        payload: { traits: { email: 'nine@example.com', name: '九' }, consent: { email: true } },
      });
      await server.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: auth(server.keys.ingest),
        payload: { id: 'rev-9', type: 'review', customerId: 'cust-9', itemId: 'B-002', review: 'Great', rating: 5 },
      });
      const exported = await server.app.inject({
        url: '/v1/customers/cust-9/export',
        headers: auth(server.keys.admin),
      });
      expect(exported.statusCode).toBe(200);
      const body = exported.json();
      expect(body.customer.traits.email).toBe('nine@example.com');
      expect(body.identities).toEqual([expect.objectContaining({ anonymousId: 'anon-9' })]);
      expect(body.events.map((e: { id: string }) => e.id)).toEqual(
        expect.arrayContaining(['a-before', 'a-after', 'rev-9']),
      );

      const erase = await server.app.inject({
        method: 'DELETE',
        url: '/v1/customers/cust-9',
        headers: auth(server.keys.admin),
      });
      expect(erase.json()).toMatchObject({ customerDeleted: true, identitiesDeleted: 1, mode: 'anonymise' });
      const after = await server.app.inject({ url: '/v1/customers/cust-9/export', headers: auth(server.keys.admin) });
      expect(after.statusCode).toBe(404);
      const [review] = await server.engine.store.events.getByIds(['rev-9']);
      expect(review).toMatchObject({ customerId: null, review: null, itemId: 'B-002' });
      // Later events of the erased anonymous id no longer resolve to anyone.
      // The erased anonymous id is refused from now on, so it can never be linked again.
      const late = await server.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: auth(server.keys.public),
        payload: { type: 'view', anonymousId: 'anon-9', itemId: 'B-002', id: 'a-late' },
      });
      expect(late.statusCode).toBe(400);
      expect(await server.engine.store.events.getByIds(['a-late'])).toHaveLength(0);
    });

    it('erases with events deleted when asked', async () => {
      await server.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: auth(server.keys.ingest),
        payload: { id: 'del-1', type: 'view', customerId: 'cust-del', itemId: 'B-003' },
      });
      const erase = await server.app.inject({
        method: 'DELETE',
        url: '/v1/customers/cust-del?events=delete',
        headers: auth(server.keys.admin),
      });
      expect(erase.json()).toMatchObject({ mode: 'delete', eventsAffected: 1 });
      expect(await server.engine.store.events.getByIds(['del-1'])).toEqual([]);
    });

    it('refuses a PUT whose body id contradicts the path, for items and customers alike', async () => {
      const bodies = { '/v1/items/PATH-ID': { id: 'BODY-ID', title: 'T' }, '/v1/customers/PATH-ID': { id: 'BODY-ID' } };
      for (const [url, payload] of Object.entries(bodies)) {
        const res = await server.app.inject({ method: 'PUT', url, headers: auth(server.keys.ingest), payload });
        expect(res.statusCode).toBe(400);
        expect(res.json().errors).toEqual([{ field: 'id', message: 'does not match the id in the path ("PATH-ID")' }]);
        expect((await server.app.inject({ url, headers: auth(server.keys.admin) })).statusCode).toBe(404);
      }
    });

    it('enforces key scopes', async () => {
      const none = await server.app.inject({ url: '/v1/items/B-001' });
      expect(none.statusCode).toBe(401);
      const bad = await server.app.inject({ url: '/v1/items/B-001', headers: auth('dg_adm_nope') });
      expect(bad.statusCode).toBe(401);
      // The browser key may read one active item (as the storefront's product page does) but not list the catalogue.
      await server.app.inject({
        method: 'PUT',
        url: '/v1/items/B-PUBLIC',
        headers: auth(server.keys.admin),
        payload: { title: 'On sale' },
      });
      const publicRead = await server.app.inject({ url: '/v1/items/B-PUBLIC', headers: auth(server.keys.public) });
      expect(publicRead.statusCode).toBe(200);
      const publicList = await server.app.inject({ url: '/v1/items', headers: auth(server.keys.public) });
      expect(publicList.statusCode).toBe(403);
      expect(publicList.json().detail).toMatch(/a public key may not/);
      await server.app.inject({
        method: 'PUT',
        url: '/v1/items/B-HIDDEN',
        headers: auth(server.keys.admin),
        payload: { title: 'Withdrawn', active: false },
      });
      const hidden = await server.app.inject({ url: '/v1/items/B-HIDDEN', headers: auth(server.keys.public) });
      expect(hidden.statusCode).toBe(404);
      expect(
        (await server.app.inject({ url: '/v1/items/B-HIDDEN', headers: auth(server.keys.admin) })).statusCode,
      ).toBe(200);
      const ingestErase = await server.app.inject({
        method: 'DELETE',
        url: '/v1/customers/cust-1',
        headers: auth(server.keys.ingest),
      });
      expect(ingestErase.statusCode).toBe(403);
      const revoked = await server.engine.keys.create('temp', 'ingest');
      await server.engine.keys.revoke(revoked.record.id);
      const afterRevoke = await server.app.inject({ url: '/v1/items/B-001', headers: { 'x-api-key': revoked.key } });
      expect(afterRevoke.statusCode).toBe(401);
    });

    it('answers CORS preflight for browser keys', async () => {
      const res = await server.app.inject({
        method: 'OPTIONS',
        url: '/v1/events',
        headers: {
          origin: 'https://shop.example.com',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    });

    it('serves health, readiness, metrics and the OpenAPI document', async () => {
      expect((await server.app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' });
      expect((await server.app.inject({ url: '/ready' })).json()).toEqual({ status: 'ready', database: kind.name });
      // Behind an admin key by default outside the demo (DAOGOU_METRICS).
      expect((await server.app.inject({ url: '/metrics' })).statusCode).toBe(401);
      const metrics = await server.app.inject({ url: '/metrics', headers: auth(server.keys.admin) });
      expect(metrics.body).toMatch(/daogou_http_request_duration_seconds_bucket/);
      const openapi = (await server.app.inject({ url: '/openapi.json' })).json();
      expect(openapi.openapi).toBe('3.1.0');
      expect(Object.keys(openapi.paths)).toEqual(
        expect.arrayContaining([
          '/v1/events',
          '/v1/events/batch',
          '/v1/items/{id}',
          '/v1/customers/{id}/export',
          '/v1/identities/merge',
        ]),
      );
      const docs = await server.app.inject({ url: '/docs/' });
      expect(docs.statusCode).toBe(200);
      expect(docs.body).toMatch(/swagger/i);
    });

    it('reports store statistics', async () => {
      const stats = (await server.app.inject({ url: '/v1/stats', headers: auth(server.keys.admin) })).json();
      expect(stats.items).toBe(52); // 50 in the batch, two from the key-scope test
      expect(stats.events.total).toBeGreaterThan(3);
    });
  });
}
