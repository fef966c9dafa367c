/**
 * Store connectors on every backend, over real HTTP: a Shopify and a WooCommerce store (recorded payloads
 * served by a local server speaking their REST APIs) imported as jobs and kept in sync by signed webhooks,
 * bad signatures refused; a Segment batch accepted unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookSignature } from '../../src/connectors/webhook-signature.js';
import { Worker } from '../../src/jobs/worker.js';
import { allDatabaseKinds } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';
import { startPlatformServer, type PlatformServer } from '../fixtures/platforms/platform-server.js';
import { shopifyCheckouts, shopifyCustomers, shopifyOrders, shopifyProducts } from '../fixtures/platforms/shopify.js';
import { wooCustomers, wooOrders, wooProducts } from '../fixtures/platforms/woocommerce.js';

const SHOPIFY_SECRET = 'hush-shopify-app-secret';

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`store connectors on ${kind.name}`, () => {
    let server: TestServer;
    let platform: PlatformServer;
    const admin = () => ({ authorization: `Bearer ${server.keys.admin}` });
    const timeline = async (customerId: string) =>
      (await server.app.inject({ url: `/v1/customers/${customerId}/timeline?limit=100`, headers: admin() })).json<{
        events: {
          type: string;
          itemId: string | null;
          quantity: number | null;
          price: number | null;
          orderId: string | null;
        }[];
      }>().events;
    const runJobs = () => new Worker(server.engine.store, server.engine.jobs, server.engine.clock).drain();
    /** Set by a test to hold the platform's answer to a path back. */
    let holdBack: ((path: string) => Promise<void>) | undefined;

    beforeAll(async () => {
      server = await startTestServer(kind);
      platform = await startPlatformServer({
        shopify: {
          token: 'shpat_test',
          pageSize: 2,
          collections: {
            products: shopifyProducts,
            customers: shopifyCustomers,
            orders: shopifyOrders,
            checkouts: shopifyCheckouts,
          },
        },
        woocommerce: {
          key: 'ck_test',
          secret: 'cs_test',
          pageSize: 1,
          collections: { products: wooProducts, customers: wooCustomers, orders: wooOrders },
        },
        beforeAnswer: (path) => holdBack?.(path) ?? Promise.resolve(),
      });
    });
    afterAll(async () => {
      await platform.close();
      await server.close();
    });

    it('imports a Shopify store and keeps it in sync by signed webhooks', async () => {
      const created = await server.app.inject({
        method: 'POST',
        url: '/v1/connectors',
        headers: admin(),
        payload: {
          platform: 'shopify',
          baseUrl: platform.url,
          accessToken: 'shpat_test',
          webhookSecret: SHOPIFY_SECRET,
        },
      });
      expect(created.statusCode).toBe(201);
      const { connector } = created.json<{
        connector: { id: string; credentials: Record<string, string>; webhookPath: string };
      }>();
      expect(connector.credentials).toEqual({ accessToken: '…test' });

      const sync = await server.app.inject({
        method: 'POST',
        url: `/v1/connectors/${connector.id}/sync`,
        headers: admin(),
      });
      expect(sync.statusCode).toBe(202);
      await runJobs();
      const state = (await server.app.inject({ url: `/v1/connectors/${connector.id}`, headers: admin() })).json<{
        sync: { state: string; counts: Record<string, number> };
      }>().sync;
      expect(state).toMatchObject({ state: 'done', counts: { products: 3, customers: 1, orders: 3, checkouts: 1 } });
      // Cursor paging was followed (two products a page).
      expect(platform.requests.filter((r) => r.includes('/products.json'))).toHaveLength(2);

      const item = (await server.app.inject({ url: '/v1/items/632910392', headers: admin() })).json();
      expect(item).toMatchObject({
        title: 'IPod Nano - 8GB',
        brand: 'Apple',
        category: 'Cult Products',
        price: 199,
        stock: 30,
      });
      expect(item.description).toBe("It's the small iPod with one very big idea: Video .");
      expect((await server.app.inject({ url: '/v1/items/1071559748', headers: admin() })).json().active).toBe(false);
      const bob = (await server.app.inject({ url: '/v1/customers/207119551', headers: admin() })).json();
      expect(bob).toMatchObject({
        traits: { email: 'bob.norman@mail.example.com', country: 'CA' },
        consent: { email: true, sms: false },
      });
      const events = await timeline('207119551');
      expect(events.filter((e) => e.type === 'purchase').map((e) => [e.itemId, e.quantity, e.price])).toEqual(
        expect.arrayContaining([
          ['632910392', 1, 199],
          ['921728736', 2, 199],
        ]),
      );
      expect(events.filter((e) => e.type === 'purchase')).toHaveLength(2); // the tip and the cancelled order are not sales
      expect(events.filter((e) => e.type === 'refund')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'add_to_cart').map((e) => e.itemId)).toEqual(['921728736']);

      // A webhook: orders/create, signed with the app secret over the exact bytes.
      const order = {
        ...shopifyOrders[0],
        id: 820982911946154500,
        created_at: '2026-10-20T10:00:00-04:00',
        refunds: [],
        line_items: [{ id: 866550311766439000, product_id: 921728736, quantity: 3, price: '189.00' }],
      };
      const body = JSON.stringify(order);
      const hook = (signature: string, topic = 'orders/create') =>
        server.app.inject({
          method: 'POST',
          url: connector.webhookPath,
          headers: {
            'content-type': 'application/json',
            'x-shopify-topic': topic,
            'x-shopify-hmac-sha256': signature,
            'x-shopify-shop-domain': 'johns-apparel.myshopify.com',
          },
          payload: body,
        });
      const refused = await hook(webhookSignature('not-the-secret', body));
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect((await timeline('207119551')).filter((e) => e.type === 'purchase')).toHaveLength(2);

      const accepted = await hook(webhookSignature(SHOPIFY_SECRET, body));
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json()).toEqual({ topic: 'orders/create', stored: 2 }); // the customer and one purchase
      // Delivered twice (Shopify retries): stored once.
      await hook(webhookSignature(SHOPIFY_SECRET, body));
      const purchases = (await timeline('207119551')).filter((e) => e.type === 'purchase');
      expect(purchases).toHaveLength(3);
      expect(purchases.find((e) => e.quantity === 3)).toMatchObject({ itemId: '921728736', price: 189 });

      // products/update changes the catalogue.
      const product = JSON.stringify({
        ...shopifyProducts[1],
        title: 'iPod Touch (new)',
        variants: [{ price: '149.00', inventory_quantity: 2 }],
      });
      const update = await server.app.inject({
        method: 'POST',
        url: connector.webhookPath,
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': 'products/update',
          'x-shopify-hmac-sha256': webhookSignature(SHOPIFY_SECRET, product),
        },
        payload: product,
      });
      expect(update.statusCode).toBe(200);
      expect((await server.app.inject({ url: '/v1/items/921728736', headers: admin() })).json()).toMatchObject({
        title: 'iPod Touch (new)',
        price: 149,
        stock: 2,
      });
      // checkouts/update: the shopper put another product in the open checkout (an abandoned-cart signal).
      const checkout = JSON.stringify({
        ...shopifyCheckouts[0],
        updated_at: '2026-10-21T09:00:00-04:00',
        line_items: [
          ...shopifyCheckouts[0]!.line_items,
          { product_id: 632910392, variant_id: 808950810, quantity: 2, price: '199.00', title: 'IPod Nano - 8GB' },
        ],
      });
      const checkoutHook = await server.app.inject({
        method: 'POST',
        url: connector.webhookPath,
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': 'checkouts/update',
          'x-shopify-hmac-sha256': webhookSignature(SHOPIFY_SECRET, checkout),
        },
        payload: checkout,
      });
      expect(checkoutHook.statusCode).toBe(200);
      expect(checkoutHook.json()).toEqual({ topic: 'checkouts/update', stored: 2 }); // the customer and the new line
      expect(
        (await timeline('207119551'))
          .filter((e) => e.type === 'add_to_cart')
          .map((e) => e.itemId)
          .sort(),
      ).toEqual(['632910392', '921728736']);

      const after = (await server.app.inject({ url: `/v1/connectors/${connector.id}`, headers: admin() })).json<{
        sync: { counts: Record<string, number>; errors: { message: string }[] };
      }>().sync;
      expect(after.counts.webhooks).toBe(4);
      expect(after.errors.map((e) => e.message)).toEqual(['webhook orders/create refused: bad signature']);

      // A webhook that arrives while an import runs is counted: the import's progress does not write over it.
      let release = () => undefined as void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let reachedOrders = () => undefined as void;
      const atOrders = new Promise<void>((resolve) => (reachedOrders = resolve));
      holdBack = async (path) => {
        if (!path.endsWith('/orders.json')) return;
        reachedOrders();
        await released;
      };
      await server.app.inject({ method: 'POST', url: `/v1/connectors/${connector.id}/sync`, headers: admin() });
      const importing = runJobs();
      await atOrders;
      expect((await hook(webhookSignature(SHOPIFY_SECRET, body))).statusCode).toBe(200);
      holdBack = undefined;
      release();
      await importing;
      const again = (await server.app.inject({ url: `/v1/connectors/${connector.id}`, headers: admin() })).json<{
        sync: { state: string; counts: Record<string, number>; errors: { message: string }[] };
      }>().sync;
      expect(again).toMatchObject({
        state: 'done',
        counts: { products: 3, customers: 1, orders: 3, checkouts: 1, webhooks: 5 },
      });
      expect(again.errors).toHaveLength(1);
    });

    it('imports a WooCommerce store and takes its signed webhooks', async () => {
      const created = await server.app.inject({
        method: 'POST',
        url: '/v1/connectors',
        headers: admin(),
        payload: {
          platform: 'woocommerce',
          name: 'Woo shop',
          baseUrl: platform.url,
          consumerKey: 'ck_test',
          consumerSecret: 'cs_test',
        },
      });
      expect(created.statusCode).toBe(201);
      const { connector, webhookSecret } = created.json<{
        connector: { id: string; webhookPath: string };
        webhookSecret: string;
      }>();
      expect(webhookSecret.length).toBeGreaterThanOrEqual(24);
      await server.engine.connectors.stores.sync(connector.id);
      expect(platform.requests.filter((r) => r.startsWith('GET /wp-json/wc/v3/orders'))).toHaveLength(3); // one per page

      expect((await server.app.inject({ url: '/v1/items/794', headers: admin() })).json()).toMatchObject({
        title: 'Premium Quality',
        category: 'Clothing/T-shirts',
        price: 21.99,
        attributes: { Color: ['Black', 'Green'] },
      });
      const johns = await timeline('25');
      expect(johns.filter((e) => e.type === 'purchase').map((e) => [e.itemId, e.quantity, e.orderId])).toEqual(
        expect.arrayContaining([
          ['794', 2, '727'],
          ['799', 1, '727'],
        ]),
      );
      expect(johns.filter((e) => e.type === 'purchase')).toHaveLength(2); // the pending order is not a sale

      const order = JSON.stringify({ ...wooOrders[2], status: 'processing' });
      const deliver = (signature: string) =>
        server.app.inject({
          method: 'POST',
          url: connector.webhookPath,
          headers: {
            'content-type': 'application/json',
            'x-wc-webhook-topic': 'order.updated',
            'x-wc-webhook-signature': signature,
          },
          payload: order,
        });
      // WooCommerce's check of a new webhook: unsigned, no topic; answered 200 so that WooCommerce saves it.
      const ping = await server.app.inject({
        method: 'POST',
        url: connector.webhookPath,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'webhook_id=17',
      });
      expect(ping.statusCode).toBe(200);
      expect(ping.json()).toEqual({ topic: '', stored: 0 });
      // Anything else unsigned is refused.
      const unsigned = await server.app.inject({
        method: 'POST',
        url: connector.webhookPath,
        headers: { 'content-type': 'application/json', 'x-wc-webhook-topic': 'order.updated' },
        payload: order,
      });
      expect(unsigned.statusCode).toBe(403);
      expect((await deliver('bm90IGEgc2lnbmF0dXJl')).statusCode).toBe(403);
      expect((await deliver(webhookSignature(webhookSecret, order))).statusCode).toBe(200);
      expect((await timeline('25')).filter((e) => e.type === 'purchase')).toHaveLength(3);

      // product.updated: a price change reaches the catalogue.
      const product = JSON.stringify({ ...wooProducts[0], price: '19.99', stock_quantity: 4 });
      const productHook = await server.app.inject({
        method: 'POST',
        url: connector.webhookPath,
        headers: {
          'content-type': 'application/json',
          'x-wc-webhook-topic': 'product.updated',
          'x-wc-webhook-signature': webhookSignature(webhookSecret, product),
        },
        payload: product,
      });
      expect(productHook.statusCode).toBe(200);
      expect((await server.app.inject({ url: '/v1/items/794', headers: admin() })).json()).toMatchObject({
        price: 19.99,
        stock: 4,
      });
    });

    it('names bad connection input and a failing store API', async () => {
      const bad = await server.app.inject({
        method: 'POST',
        url: '/v1/connectors',
        headers: admin(),
        payload: { platform: 'shopify', baseUrl: 'ftp://shop' },
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json<{ errors: { field: string }[] }>()
          .errors.map((e) => e.field)
          .sort(),
      ).toEqual(['accessToken', 'baseUrl', 'webhookSecret']);
      const wrong = await server.app.inject({
        method: 'POST',
        url: '/v1/connectors',
        headers: admin(),
        payload: { platform: 'shopify', baseUrl: platform.url, accessToken: 'wrong', webhookSecret: SHOPIFY_SECRET },
      });
      const id = wrong.json<{ connector: { id: string } }>().connector.id;
      await expect(server.engine.connectors.stores.sync(id)).rejects.toThrow(/answered 401/);
      const state = (await server.app.inject({ url: `/v1/connectors/${id}`, headers: admin() })).json<{
        sync: { state: string; errors: { message: string }[] };
      }>().sync;
      expect(state.state).toBe('failed');
      expect(state.errors[0]!.message).toMatch(/products\.json.* answered 401/);

      // The merchant fixes the token in place: same id, same webhook address, and the import goes through.
      const patch = (payload: object) =>
        server.app.inject({ method: 'PATCH', url: `/v1/connectors/${id}`, headers: admin(), payload });
      const foreign = await patch({ consumerKey: 'ck_test' });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json<{ errors: { field: string; message: string }[] }>().errors).toEqual([
        expect.objectContaining({ field: 'consumerKey', message: 'is not used by shopify' }),
      ]);
      expect((await patch({})).statusCode).toBe(400);
      expect((await patch({ baseUrl: 'ftp://shop' })).statusCode).toBe(400);
      const fixed = await patch({ accessToken: 'shpat_test' });
      expect(fixed.statusCode).toBe(200);
      expect(fixed.json()).toMatchObject({
        id,
        credentials: { accessToken: '…test' },
        webhookPath: `/v1/connectors/${id}/webhooks`,
      });
      expect((await server.engine.connectors.stores.sync(id)).state).toBe('done');
      expect(
        (
          await server.app.inject({
            method: 'PATCH',
            url: '/v1/connectors/nope',
            headers: admin(),
            payload: { name: 'x' },
          })
        ).statusCode,
      ).toBe(404);
      const publicKey = await server.app.inject({
        url: '/v1/connectors',
        headers: { authorization: `Bearer ${server.keys.public}` },
      });
      expect(publicKey.statusCode).toBe(403);
    });

    it('accepts a Segment batch unchanged, with the write key as Basic auth', async () => {
      const batch = {
        batch: [
          {
            type: 'identify',
            userId: 'seg-1',
            anonymousId: 'anon-seg-1',
            traits: { email: 'seg@example.com' },
            timestamp: '2026-10-20T10:00:00.000Z',
            messageId: 'm-1',
          },
          {
            type: 'track',
            event: 'Product Viewed',
            anonymousId: 'anon-seg-1',
            properties: { product_id: '794' },
            timestamp: '2026-10-20T10:01:00.000Z',
            messageId: 'm-2',
          },
          {
            type: 'track',
            event: 'Order Completed',
            userId: 'seg-1',
            properties: { order_id: 'o-1', currency: 'USD', products: [{ product_id: '799', price: 30, quantity: 2 }] },
            timestamp: '2026-10-20T10:05:00.000Z',
            messageId: 'm-3',
          },
        ],
        context: { library: { name: 'analytics-node', version: '6.0.0' } },
        sentAt: '2026-10-20T10:05:01.000Z',
      };
      const basic = `Basic ${Buffer.from(`${server.keys.ingest}:`).toString('base64')}`;
      const response = await server.app.inject({
        method: 'POST',
        url: '/segment/v1/batch',
        headers: { authorization: basic },
        payload: batch,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ success: true, events: 2, customers: 1, merges: 1, skipped: [] });
      const events = await timeline('seg-1');
      expect(events.map((e) => e.type).sort()).toEqual(['identify', 'purchase', 'view']);
      // GA4's e-commerce names, the product in `items`, as a GA4-style pipeline forwards them.
      const ga4 = await server.app.inject({
        method: 'POST',
        url: '/segment/v1/track',
        headers: { authorization: basic },
        payload: {
          event: 'add_to_cart',
          userId: 'seg-1',
          properties: { currency: 'USD', value: 30, items: [{ item_id: '799', price: 30, quantity: 1 }] },
          timestamp: '2026-10-20T10:06:00.000Z',
          messageId: 'm-4',
        },
      });
      expect(ga4.statusCode).toBe(200);
      expect(ga4.json()).toMatchObject({ events: 1, skipped: [] });
      expect((await timeline('seg-1')).find((e) => e.type === 'add_to_cart')).toMatchObject({ itemId: '799' });
      // A browser key may not write through the Segment endpoint.
      const pub = `Basic ${Buffer.from(`${server.keys.public}:`).toString('base64')}`;
      expect(
        (
          await server.app.inject({
            method: 'POST',
            url: '/segment/v1/batch',
            headers: { authorization: pub },
            payload: batch,
          })
        ).statusCode,
      ).toBe(403);
    });
  });
}
