/**
 * `daogou connectors …` against a real SQLite store and a local server speaking Shopify's and WooCommerce's
 * REST APIs with recorded payloads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformServer, type PlatformServer } from '../fixtures/platforms/platform-server.js';
import { shopifyCheckouts, shopifyCustomers, shopifyOrders, shopifyProducts } from '../fixtures/platforms/shopify.js';
import { wooCustomers, wooOrders, wooProducts } from '../fixtures/platforms/woocommerce.js';
import { runDaogou } from '../helpers/run-cli.js';

describe('daogou connectors', () => {
  let dir: string;
  let db: string;
  let platform: PlatformServer;
  const cli = (...args: string[]) => runDaogou(['--database', db, ...args]);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-cli-connectors-'));
    db = `sqlite:${path.join(dir, 'daogou.db')}`;
    platform = await startPlatformServer({
      shopify: {
        token: 'shpat_cli_token',
        pageSize: 2,
        collections: {
          products: shopifyProducts,
          customers: shopifyCustomers,
          orders: shopifyOrders,
          checkouts: shopifyCheckouts,
        },
      },
      woocommerce: {
        key: 'ck_cli',
        secret: 'cs_cli_secret',
        pageSize: 2,
        collections: { products: wooProducts, customers: wooCustomers, orders: wooOrders },
      },
    });
  });
  afterAll(async () => {
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a Shopify store, imports it, shows its status and removes it', async () => {
    const added = await cli(
      'connectors',
      'add',
      '--platform',
      'shopify',
      '--url',
      platform.url,
      '--name',
      'johns-apparel',
      '--token',
      'shpat_cli_token',
      '--webhook-secret',
      'hush-shopify-app-secret',
      '--json',
    );
    expect(added.code).toBe(0);
    const out = JSON.parse(added.stdout) as {
      connector: { id: string; credentials: Record<string, string> };
      webhookUrl: string;
      webhookSecret?: string;
    };
    // The merchant's own secrets are never printed back in full.
    expect(out.connector.credentials).toEqual({ accessToken: '…oken' });
    expect(out.webhookSecret).toBeUndefined();
    expect(added.stdout).not.toContain('shpat_cli_token');
    expect(added.stdout).not.toContain('hush-shopify-app-secret');
    expect(out.webhookUrl).toBe(`http://127.0.0.1:7070/v1/connectors/${out.connector.id}/webhooks`);
    const id = out.connector.id;

    const synced = await cli('connectors', 'sync', 'johns-apparel');
    expect(synced.code).toBe(0);
    expect(synced.stdout).toBe('imported: products 3, customers 1, orders 3, checkouts 1');

    const status = await cli('connectors', 'status', id.slice(0, 8));
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^sync\s+done$/m);
    expect(status.stdout).toMatch(/^counts\s+products 3, customers 1, orders 3, checkouts 1$/m);
    expect(status.stdout).toMatch(/^credentials\s+accessToken …oken$/m);
    expect(status.stdout).toMatch(/^finished\s+2026-/m);
    expect(status.stdout).toMatch(/^errors\s+none$/m);
    expect(status.stdout).not.toContain('shpat_cli_token');

    const items = await cli('stats', '--json');
    expect(items.code).toBe(0);
    expect(JSON.parse(items.stdout)).toMatchObject({ items: 3, customers: 1 });

    const list = await cli('connectors', 'list');
    expect(list.stdout).toContain(
      `${id}  shopify     done    johns-apparel  (products 3, customers 1, orders 3, checkouts 1)`,
    );

    const removed = await cli('connectors', 'remove', id);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe(`removed ${id} (johns-apparel)`);
    expect((await cli('connectors', 'list')).stdout).toMatch(/no stores connected yet/);
  });

  it('adds a WooCommerce store with a generated webhook secret, shown once', async () => {
    const added = await cli(
      'connectors',
      'add',
      '--platform',
      'woocommerce',
      '--url',
      platform.url,
      '--name',
      'woo',
      '--consumer-key',
      'ck_cli',
      '--consumer-secret',
      'cs_cli_secret',
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^webhook secret [A-Za-z0-9_-]{32}$/m);
    expect(added.stdout).not.toContain('cs_cli_secret');
    const synced = await cli('connectors', 'sync', 'woo', '--json');
    expect(synced.code).toBe(0);
    expect(JSON.parse(synced.stdout)).toMatchObject({
      state: 'done',
      counts: { products: 2, customers: 1, orders: 3 },
    });
    const status = JSON.parse((await cli('connectors', 'status', 'woo', '--json')).stdout) as {
      credentials: Record<string, string>;
    };
    expect(status.credentials).toEqual({ consumerKey: '…_cli', consumerSecret: '…cret' });
    await cli('connectors', 'remove', 'woo');
  });

  it('names bad input and a refused credential, with a non-zero exit', async () => {
    const missing = await cli('connectors', 'add', '--platform', 'shopify', '--url', platform.url);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/accessToken.*Admin API access token/);
    expect(missing.stderr).toMatch(/webhookSecret/);

    const foreign = await cli(
      'connectors',
      'add',
      '--platform',
      'shopify',
      '--url',
      platform.url,
      '--token',
      't',
      '--consumer-key',
      'ck',
    );
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/--consumer-key.*not used by shopify/);

    const platformName = await cli('connectors', 'add', '--platform', 'magento', '--url', platform.url);
    expect(platformName.code).not.toBe(0);
    expect(platformName.stderr).toMatch(/magento.*is invalid.*shopify, woocommerce/);

    const badUrl = await cli(
      'connectors',
      'add',
      '--platform',
      'woocommerce',
      '--url',
      'ftp://shop',
      '--consumer-key',
      'k',
      '--consumer-secret',
      's',
    );
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toMatch(/baseUrl.*http\(s\)/);
    expect((await cli('connectors', 'list', '--json')).stdout).toBe('[]'); // nothing half-written

    const unknown = await cli('connectors', 'status', 'no-such-store');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('error: connector "no-such-store" does not exist');

    const bare = await cli(
      'connectors',
      'add',
      '--platform',
      'shopify',
      '--url',
      'johns-apparel.myshopify.com',
      '--token',
      'shpat_x',
      '--webhook-secret',
      'hush-shopify-app-secret',
      '--json',
    );
    const bareView = JSON.parse(bare.stdout) as { connector: { id: string; baseUrl: string; name: string } };
    expect(bareView.connector).toMatchObject({
      baseUrl: 'https://johns-apparel.myshopify.com',
      name: 'johns-apparel.myshopify.com',
    });
    expect((await cli('connectors', 'remove', bareView.connector.id)).code).toBe(0);

    const wrong = await cli(
      'connectors',
      'add',
      '--platform',
      'shopify',
      '--url',
      platform.url,
      '--name',
      'wrong-token',
      '--token',
      'shpat_wrong',
      '--webhook-secret',
      'hush-shopify-app-secret',
    );
    expect(wrong.code).toBe(0);
    const failed = await cli('connectors', 'sync', 'wrong-token');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^error: import failed: GET .*\/products\.json\?limit=250 answered 401/);
    const status = await cli('connectors', 'status', 'wrong-token');
    expect(status.stdout).toMatch(/^sync\s+failed while reading products$/m);
    expect(status.stdout).toMatch(/^error\s+\S+\s+GET .*answered 401: .*Invalid API key or access token/m);

    // Fixed in place: the same connector imports with the right token.
    expect((await cli('connectors', 'update', 'wrong-token')).code).toBe(2);
    const foreign2 = await cli('connectors', 'update', 'wrong-token', '--consumer-secret', 'cs');
    expect(foreign2.code).toBe(2);
    expect(foreign2.stderr).toMatch(/consumerSecret.*not used by shopify/);
    const updated = await cli('connectors', 'update', 'wrong-token', '--token', 'shpat_cli_token');
    expect(updated.code).toBe(0);
    expect(updated.stdout).not.toContain('shpat_cli_token');
    expect((await cli('connectors', 'sync', 'wrong-token')).stdout).toBe(
      'imported: products 3, customers 1, orders 3, checkouts 1',
    );
  });
});
