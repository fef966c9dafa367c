/** The SDK against a real Daogou server on SQLite, over a real socket, with a browser key. */
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sqliteKind } from '../../../test/helpers/databases.js';
import { loadSmallStore } from '../../../test/helpers/small-store.js';
import { startTestServer, type TestServer } from '../../../test/helpers/test-engine.js';
import { createClient, DaogouError, type DaogouClient, type Recommendations, type SearchResults } from './index.js';

describe('SDK against a real server', () => {
  let server: TestServer;
  let baseUrl: string;
  let publicKey: string;
  let client: DaogouClient;
  let boughtItem: string;
  let otherItem: string;
  const errors: unknown[] = [];

  beforeAll(async () => {
    server = await startTestServer(sqliteKind());
    await loadSmallStore(server.engine);
    await server.engine.recommendations.train();
    const purchases = (await server.engine.store.events.scan(0, 100_000)).filter((e) => e.type === 'purchase');
    boughtItem = purchases[0]!.itemId!;
    otherItem = purchases.find((e) => e.itemId !== boughtItem)!.itemId!;
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    publicKey = (await server.engine.keys.create('sdk storefront', 'public')).key;
    client = createClient({
      baseUrl,
      // The server's clock is fixed at the tests' "now"; the browser's must agree with it.
      now: server.engine.clock,
      apiKey: publicKey,
      storage: 'memory',
      consent: { analytics: true },
      onError: (error) => errors.push(error),
    });
  }, 180_000);
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it('tracks views and a purchase; the events are stored with the visitor ids', async () => {
    const views = [client.view(boughtItem), client.view(otherItem)];
    // A browser key sends money only as the shop's server signed it (each line with its id; see docs/security.md).
    const secret = await server.engine.identitySecret.get();
    const signed = (line: { id: string; itemId: string; quantity: number; price: number }) => ({
      ...line,
      signature: createHmac('sha256', secret)
        .update(
          `daogou:event:v1\n${JSON.stringify([line.id, 'purchase', line.itemId, line.quantity, line.price, null, 'CNY', 'sdk-order-1'])}`,
        )
        .digest('hex'),
    });
    const lines = client.purchase({
      orderId: 'sdk-order-1',
      currency: 'CNY',
      items: [
        signed({ id: 'sdk-order-1-1', itemId: boughtItem, quantity: 2, price: 10 }),
        signed({ id: 'sdk-order-1-2', itemId: otherItem, quantity: 1, price: 5 }),
      ],
    });
    await client.flush();
    expect(errors).toEqual([]);
    const ids = [...views, ...lines] as string[];
    const stored = await server.engine.store.events.getByIds(ids);
    expect(stored).toHaveLength(4);
    const { anonymousId, sessionId } = client.visitor();
    for (const event of stored) {
      expect(event).toMatchObject({ anonymousId, sessionId, channel: 'web' });
    }
    const purchases = stored.filter((e) => e.type === 'purchase').sort((a, b) => b.quantity! - a.quantity!);
    expect(purchases.map((e) => [e.orderId, e.itemId, e.quantity, e.revenue, e.currency])).toEqual([
      ['sdk-order-1', boughtItem, 2, 20, 'CNY'],
      ['sdk-order-1', otherItem, 1, 5, 'CNY'],
    ]);
  });

  it('stores an event id once however often it is sent', async () => {
    client.track('view', { id: 'sdk-fixed-id', itemId: boughtItem });
    client.track('view', { id: 'sdk-fixed-id', itemId: boughtItem });
    await client.flush();
    expect(await server.engine.store.events.getByIds(['sdk-fixed-id'])).toHaveLength(1);
  });

  it('reads recommendations as typed data, and attributes a click to its list', async () => {
    const trending: Recommendations = await client.recommendations.trending({ k: 5 });
    expect(trending.items).toHaveLength(5);
    expect(trending.recommendationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof trending.items[0]!.item.title).toBe('string');
    expect(trending.items[0]!.reasons[0]!.text.length).toBeGreaterThan(0);

    const similar = await client.recommendations.similar(boughtItem, { k: 4 });
    expect(similar.model?.id).toMatch(/^rm_/);
    expect(similar.items.length).toBeGreaterThan(0);
    expect(similar.items.map((r) => r.id)).not.toContain(boughtItem);
    const together = await client.recommendations.boughtTogether(boughtItem, { k: 3 });
    expect(Array.isArray(together.items)).toBe(true);

    // An anonymous visitor's own list comes from the items they viewed.
    const mine = await client.recommendations.forCustomer({ k: 5 });
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.map((r) => r.id)).not.toContain(otherItem);

    const pick = mine.items[0]!;
    const clickId = client.click(pick.id, { recommendationId: mine.recommendationId })!;
    await client.flush();
    const [click] = await server.engine.store.events.getByIds([clickId]);
    expect(click).toMatchObject({ type: 'click', itemId: pick.id, recommendationId: mine.recommendationId });
  });

  it('searches and autocompletes; the search is logged as the visitor’s', async () => {
    const [item] = await server.engine.store.items.getMany([boughtItem]).then((m) => [...m.values()]);
    const word = item!.title.split(/\s+/)[0]!;
    const results: SearchResults = await client.search(word, { facets: ['category', 'brand', 'price'], pageSize: 5 });
    expect(results.total).toBeGreaterThan(0);
    expect(results.items.length).toBeLessThanOrEqual(5);
    expect(typeof results.items[0]!.item.inStock).toBe('boolean');
    expect(results.facets.category?.length).toBeGreaterThan(0);
    const { anonymousId } = client.visitor();
    await vi.waitFor(async () => {
      const logged = (await server.engine.store.events.scan(0, 1_000_000)).filter(
        (e) => e.type === 'search' && e.anonymousId === anonymousId,
      );
      expect(logged.map((e) => e.query)).toContain(word);
    });
    const suggestions = await client.autocomplete(word.slice(0, 2));
    expect(Array.isArray(suggestions.queries)).toBe(true);
    expect(Array.isArray(suggestions.items)).toBe(true);
  });

  it('reads one item with the browser key', async () => {
    const item = await client.item(boughtItem);
    expect(item.id).toBe(boughtItem);
    expect(typeof item.title).toBe('string');
    const missing = await client.item('no-such-item').catch((e: unknown) => e);
    expect((missing as DaogouError).status).toBe(404);
  });

  it('throws DaogouError with the problem for a bad request', async () => {
    const error = await client.recommendations.similar('no-such-item').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DaogouError);
    expect((error as DaogouError).status).toBe(404);
    expect((error as DaogouError).problem.instance).toBe('/v1/recommendations/items/no-such-item/similar');
    const invalid = await client.recommendations.trending({ k: 500 }).catch((e: unknown) => e);
    expect((invalid as DaogouError).status).toBe(400);
    expect((invalid as DaogouError).detail).toContain('k');
  });

  it('identify merges the anonymous history into the customer (with a key allowed to merge)', async () => {
    const shop = createClient({
      baseUrl,
      now: server.engine.clock,
      apiKey: server.keys.ingest,
      storage: 'memory',
      consent: { analytics: true },
    });
    const before = shop.view(boughtItem)!;
    await shop.flush();
    const merged = await shop.identify('sdk-customer-1');
    expect(merged).toMatchObject({ customerId: 'sdk-customer-1', anonymousId: shop.visitor().anonymousId });
    expect(merged!.eventsAttributed).toBeGreaterThanOrEqual(1);
    const after = shop.view(otherItem)!;
    await shop.flush();
    const stored = await server.engine.store.events.getByIds([before, after]);
    expect(stored.map((e) => e.customerId)).toEqual(['sdk-customer-1', 'sdk-customer-1']);
    const personal = await shop.recommendations.forCustomer({ k: 3 });
    expect(personal.items.length).toBeGreaterThan(0);
    await shop.close();
  });

  it('a browser key merges with the signature the shop server computed, and not without one', async () => {
    const storefront = createClient({
      baseUrl,
      now: server.engine.clock,
      apiKey: publicKey,
      storage: 'memory',
      consent: { analytics: true },
    });
    const earlier = storefront.view(boughtItem)!;
    await storefront.flush();
    expect((await server.engine.store.events.getByIds([earlier]))[0]?.customerId).toBeNull();
    const unsigned = await storefront.identify('sdk-customer-2').catch((e: unknown) => e);
    expect(unsigned).toBeInstanceOf(DaogouError);
    expect((unsigned as DaogouError).status).toBe(403);
    const forged = await storefront
      .identify('sdk-customer-2', { signature: 'ab'.repeat(32), signedAt: server.engine.clock() })
      .catch((e: unknown) => e);
    expect((forged as DaogouError).status).toBe(403);

    // What the merchant's server does at login, with the secret it shares with Daogou: it signs the merge
    // of this browser's anonymous id into the customer, and issues the customer token.
    const secret = await server.engine.identitySecret.get();
    const anonymousId = storefront.visitor().anonymousId!;
    const signedAt = server.engine.clock();
    const signature = createHmac('sha256', secret)
      .update(`daogou:merge:v1\nsdk-customer-2\n${anonymousId}\n${signedAt}`)
      .digest('hex');
    const { token } = await server.engine.identitySecret.issueToken('sdk-customer-2', 3600);
    const merged = await storefront.identify('sdk-customer-2', { signature, signedAt, token });
    expect(merged?.customerId).toBe('sdk-customer-2');
    const [event] = await server.engine.store.events.getByIds([earlier]);
    expect(event?.customerId).toBe('sdk-customer-2');
    // The token goes with every later call: personal lists and events naming the customer.
    const later = storefront.view(otherItem)!;
    await storefront.flush();
    expect((await server.engine.store.events.getByIds([later]))[0]?.customerId).toBe('sdk-customer-2');
    const personal = await storefront.recommendations.forCustomer({ k: 3 });
    expect(personal.items.length).toBeGreaterThan(0);
    await storefront.close();
  });
});
