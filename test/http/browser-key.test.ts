/**
 * What a browser (public) key may do on its own (issue 12, points 2 and 3): it is in every page, so it
 * may neither read a customer's history nor write into it without that customer's token, and it may
 * send behaviour within bounds but no money or system events without the merchant server's signature.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCustomerToken, signEvent } from '../../src/platform/signatures.js';
import { sqliteKind } from '../helpers/databases.js';
import { loadSmallStore } from '../helpers/small-store.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

const NOW = Date.UTC(2026, 10, 1, 12);
const clock = () => NOW;

interface RecBody {
  recommendationId: string;
  items: { id: string; reasons: { type: string; text: string }[] }[];
}

describe('browser key', () => {
  let server: TestServer;
  let secret: string;
  let buyer: string;
  let itemId: string;
  const auth = (key: string, token?: string) => ({
    authorization: `Bearer ${key}`,
    ...(token !== undefined ? { 'x-customer-token': token } : {}),
  });
  const tokenFor = (customerId: string, expiresAtMs = NOW + 3_600_000) =>
    signCustomerToken(secret, customerId, expiresAtMs / 1000);
  const track = (payload: object, token?: string) =>
    server.app.inject({ method: 'POST', url: '/v1/events', headers: auth(server.keys.public, token), payload });

  beforeAll(async () => {
    server = await startTestServer(sqliteKind(), {}, clock);
    await loadSmallStore(server.engine);
    await server.engine.recommendations.train();
    secret = await server.engine.identitySecret.get();
    const purchase = (await server.engine.store.events.scan(0, 100_000)).find(
      (e) => e.type === 'purchase' && e.customerId !== null,
    )!;
    buyer = purchase.customerId!;
    itemId = purchase.itemId!;
  }, 120_000);
  afterAll(async () => server?.close());

  describe('personal routes need the customer token', () => {
    const recs = (key: string, token?: string) =>
      server.app.inject({ url: `/v1/recommendations/customers/${buyer}?k=10`, headers: auth(key, token) });

    it("does not reveal a customer's history to a browser key without their token", async () => {
      const res = await recs(server.keys.public);
      expect(res.statusCode).toBe(200);
      expect(res.headers['daogou-personalised']).toBe('false');
      const body = res.json<RecBody>();
      expect(body.items.length).toBeGreaterThan(0);
      for (const item of body.items)
        for (const reason of item.reasons) {
          expect(['trending', 'popular']).toContain(reason.type);
          expect(reason.text).not.toMatch(/because you|for you/);
        }
      // Nor is the guessed id written into the recommendation log.
      await server.engine.recommendations.close();
      expect(await server.engine.store.recommendationLog.countForCustomer(buyer)).toBe(0);
    });

    it('serves the personal list with a valid token, and refuses forged or foreign tokens', async () => {
      const own = await recs(server.keys.public, tokenFor(buyer));
      expect(own.statusCode).toBe(200);
      expect(own.headers['daogou-personalised']).toBeUndefined();
      expect(own.json<RecBody>().items.some((i) => i.reasons.some((r) => r.type === 'because-you'))).toBe(true);
      // The secret key of the merchant's server needs no token.
      expect((await recs(server.keys.ingest)).headers['daogou-personalised']).toBeUndefined();

      const foreign = await recs(server.keys.public, tokenFor('someone-else'));
      expect(foreign.statusCode).toBe(403);
      expect(foreign.json().detail).toMatch(/another customer/);
      const forged = await recs(server.keys.public, signCustomerToken('not-the-secret-0000', buyer, NOW / 1000 + 60));
      expect(forged.statusCode).toBe(403);
      // An expired token acts anonymously (a page left open overnight keeps working).
      const expired = await recs(server.keys.public, tokenFor(buyer, NOW - 1000));
      expect(expired.headers['daogou-personalised']).toBe('false');
    });

    it('issues tokens to secret keys only', async () => {
      const url = `/v1/customers/${buyer}/token`;
      const denied = await server.app.inject({ method: 'POST', url, headers: auth(server.keys.public), payload: {} });
      expect(denied.statusCode).toBe(403);
      const issued = await server.app.inject({ method: 'POST', url, headers: auth(server.keys.ingest), payload: {} });
      expect(issued.statusCode).toBe(200);
      const body = issued.json<{ token: string; expiresAt: string }>();
      expect(Date.parse(body.expiresAt)).toBe(NOW + 86_400_000);
      expect((await recs(server.keys.public, body.token)).headers['daogou-personalised']).toBeUndefined();
    });

    it("does not write a search into a customer's timeline without their token", async () => {
      const search = (token?: string) =>
        server.app.inject({
          url: `/v1/search?q=${encodeURIComponent('连衣裙')}&customerId=${buyer}&anonymousId=anon-searcher`,
          headers: auth(server.keys.public, token),
        });
      const searches = async () =>
        (await server.engine.store.events.allForCustomer(buyer)).filter((e) => e.type === 'search').length;
      const before = await searches();
      expect((await search()).statusCode).toBe(200);
      await server.engine.search.flushLogs();
      expect(await searches()).toBe(before);
      expect((await search(tokenFor(buyer))).statusCode).toBe(200);
      await server.engine.search.flushLogs();
      expect(await searches()).toBe(before + 1);
    });

    it('records events naming a customer under the anonymous id unless the token is sent', async () => {
      const plain = await track({ id: 'ev-no-token', type: 'view', customerId: buyer, anonymousId: 'anon-x', itemId });
      expect(plain.statusCode).toBe(202);
      const [stored] = await server.engine.store.events.getByIds(['ev-no-token']);
      expect(stored).toMatchObject({ customerId: null, anonymousId: 'anon-x' });
      const noAnon = await track({ type: 'view', customerId: buyer, itemId });
      expect(noAnon.statusCode).toBe(403);
      const withToken = await track(
        { id: 'ev-token', type: 'view', customerId: buyer, anonymousId: 'anon-x', itemId },
        tokenFor(buyer),
      );
      expect(withToken.statusCode).toBe(202);
      expect((await server.engine.store.events.getByIds(['ev-token']))[0]?.customerId).toBe(buyer);
    });
  });

  describe('event rules', () => {
    it('refuses forged revenue and system events, and bounds quantities and prices', async () => {
      const revenue = async () => (await server.engine.store.events.stats()).revenue;
      const before = await revenue();
      const forged = await track(
        { type: 'purchase', customerId: buyer, itemId, quantity: 1_000_000, price: 1e15 },
        tokenFor(buyer),
      );
      expect(forged.statusCode).toBe(400);
      expect(forged.json().errors.map((e: { field: string }) => e.field)).toEqual(['type', 'quantity', 'price']);
      const system = await track({ type: 'custom:segment_enter', anonymousId: 'anon-y' });
      expect(system.statusCode).toBe(400);
      expect(system.json().errors[0].message).toMatch(/signature/);
      const cart = await track({ type: 'add_to_cart', anonymousId: 'anon-y', itemId, quantity: 101 });
      expect(cart.statusCode).toBe(400);
      expect(cart.json().errors[0]).toMatchObject({ field: 'quantity' });
      const batch = await server.app.inject({
        method: 'POST',
        url: '/v1/events/batch',
        headers: auth(server.keys.public),
        payload: {
          events: [
            { type: 'view', anonymousId: 'anon-y', itemId },
            { type: 'refund', anonymousId: 'anon-y', itemId, price: 10 },
          ],
        },
      });
      expect(batch.statusCode).toBe(400);
      expect(batch.json().errors[0]).toMatchObject({ index: 1, field: 'type' });
      expect(await revenue()).toBe(before);
      // Behaviour within bounds is fine.
      expect(
        (await track({ type: 'add_to_cart', anonymousId: 'anon-y', itemId, quantity: 2, price: 99 })).statusCode,
      ).toBe(202);
    });

    it('accepts a purchase the merchant server signed, exactly as signed', async () => {
      const event = { id: 'order-7-line-1', type: 'purchase', customerId: buyer, itemId, quantity: 2, price: 120 };
      const signature = signEvent(secret, event);
      const tampered = await track({ ...event, price: 1e9, signature }, tokenFor(buyer));
      expect(tampered.statusCode).toBe(403);
      const ok = await track({ ...event, signature }, tokenFor(buyer));
      expect(ok.statusCode).toBe(202);
      expect((await server.engine.store.events.getByIds([event.id]))[0]).toMatchObject({
        revenue: 240,
        customerId: buyer,
      });
    });

    it('still lets secret keys send any type and amount', async () => {
      const res = await server.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: auth(server.keys.ingest),
        payload: { type: 'purchase', customerId: buyer, itemId, quantity: 500, price: 5_000_000 },
      });
      expect(res.statusCode).toBe(202);
    });
  });
});
