/**
 * The console's Connectors page in headless Chromium: connect a Shopify store (recorded payloads served by a
 * local server speaking the Admin API), run the import as a job and watch its progress and counts, see the
 * error of a refused credential and fix it in place, and get a Segment write key — with no secret ever on
 * the page in full.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { Worker } from '../../src/jobs/worker.js';
import { buildApp } from '../../src/server/app.js';
import { startPlatformServer, type PlatformServer } from '../fixtures/platforms/platform-server.js';
import { shopifyCheckouts, shopifyCustomers, shopifyOrders, shopifyProducts } from '../fixtures/platforms/shopify.js';
import { browserAvailable, launchBrowser, screenshotPath } from '../helpers/browser.js';
import { testConfig } from '../helpers/test-time.js';

const TOKEN = 'shpat_recorded_store_token';
const SECRET = 'hush-shopify-app-secret';
const WRONG = 'shpat_wrong_token_1234';

describe.skipIf(!browserAvailable())('console: connectors in a real browser', () => {
  let dir: string;
  let engine: Engine;
  let worker: Worker;
  let app: FastifyInstance;
  let baseUrl: string;
  let adminKey: string;
  let platform: PlatformServer;
  let browser: Browser;
  // The orders page is held back until the test has seen the import mid-way.
  let releaseOrders: () => void = () => undefined;
  const ordersHeld = new Promise<void>((resolve) => (releaseOrders = resolve));

  beforeAll(async () => {
    platform = await startPlatformServer({
      shopify: {
        token: TOKEN,
        pageSize: 2,
        collections: {
          products: shopifyProducts,
          customers: shopifyCustomers,
          orders: shopifyOrders,
          checkouts: shopifyCheckouts,
        },
      },
      woocommerce: { key: 'ck', secret: 'cs', pageSize: 1, collections: {} },
      beforeAnswer: (p) => (p.endsWith('/orders.json') ? ordersHeld : Promise.resolve()),
    });
    dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-e2e-connectors-'));
    engine = await createEngine(
      testConfig({ dataDir: dir, databaseUrl: `sqlite:${path.join(dir, 'daogou.db')}`, retrainHours: 0 }),
    );
    adminKey = (await engine.keys.create('e2e admin', 'admin')).key;
    worker = new Worker(engine.store, engine.jobs, engine.clock, { pollMs: 100 });
    worker.start();
    app = await buildApp(engine);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    releaseOrders();
    await browser?.close();
    await app?.close();
    await worker?.stop();
    await engine?.close();
    await platform?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const connect = async (page: Page, name: string, token: string) => {
    await page.getByTestId('connector-platform-shopify').click();
    await page.getByTestId('connector-baseUrl').fill(platform.url);
    await page.getByTestId('connector-accessToken').fill(token);
    await page.getByTestId('connector-webhookSecret').fill(SECRET);
    await page.getByTestId('connector-name').fill(name);
    await page.getByTestId('connector-connect').click();
    await page.getByTestId('connector-created').getByText(`“${name}” connected`).waitFor();
  };
  const card = (page: Page, name: string) => page.getByTestId('connector-row').filter({ hasText: name });
  const count = async (page: Page, name: string, kind: string) =>
    Number(await card(page, name).getByTestId(`connector-count-${kind}`).getAttribute('data-count'));

  it('connects a Shopify store, follows its import, and shows a refused credential', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${baseUrl}/console/`);
    await page.getByTestId('api-key-input').fill(adminKey);
    await page.getByTestId('login-button').click();
    await page.getByTestId('nav-connectors').click();

    // A form with a missing field is refused by the server, naming it.
    await page.getByTestId('connector-baseUrl').fill('ftp://shop');
    await page.getByTestId('connector-accessToken').fill(TOKEN);
    await page.getByTestId('connector-webhookSecret').fill(SECRET);
    await page.getByTestId('connector-connect').click();
    expect(await page.getByTestId('connector-form-error').textContent()).toMatch(/baseUrl.*http\(s\)/);

    await connect(page, 'Johns Apparel', TOKEN);
    const store = card(page, 'Johns Apparel');
    expect(await store.getByTestId('connector-state').getAttribute('data-state')).toBe('never');
    expect(await store.getByTestId('connector-credentials').textContent()).toBe('accessToken …oken');
    expect(await page.getByTestId('connector-created-webhook').textContent()).toMatch(
      new RegExp(`^${baseUrl}/v1/connectors/[0-9a-f-]{36}/webhooks$`),
    );
    // The form forgot the secrets once they were stored.
    expect(await page.getByTestId('connector-accessToken').inputValue()).toBe('');

    await store.getByTestId('connector-sync').click();
    // Mid-way: products and customers read, the orders page not answered yet.
    await store.locator('[data-testid="connector-state"][data-state="running"][data-phase="orders"]').waitFor();
    await expect.poll(() => count(page, 'Johns Apparel', 'products')).toBe(3);
    expect(await count(page, 'Johns Apparel', 'customers')).toBe(1);
    expect(await store.getByTestId('connector-state').textContent()).toMatch(/Importing orders/);
    expect(Number(await store.getByTestId('connector-progress').getAttribute('data-progress'))).toBe(0.5);
    expect(await store.getByTestId('connector-sync').isDisabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('console-connectors-importing'), fullPage: true });

    releaseOrders();
    await store.locator('[data-testid="connector-state"][data-state="done"]').waitFor({ timeout: 30_000 });
    expect(await count(page, 'Johns Apparel', 'orders')).toBe(3);
    expect(await count(page, 'Johns Apparel', 'checkouts')).toBe(1);
    expect(await store.getByTestId('connector-last-sync').textContent()).not.toMatch(/never/);
    expect(await store.getByTestId('connector-progress').getAttribute('data-progress')).toBe('1');
    expect((await engine.items.get('632910392'))?.title).toBe('IPod Nano - 8GB');

    // A wrong token: the import fails and the page shows the platform's answer.
    await connect(page, 'Wrong token', WRONG);
    const wrong = card(page, 'Wrong token');
    expect(await wrong.getByTestId('connector-credentials').textContent()).toBe('accessToken …1234');
    await wrong.getByTestId('connector-sync').click();
    await wrong.locator('[data-testid="connector-state"][data-state="failed"]').waitFor({ timeout: 30_000 });
    expect(await wrong.getByTestId('connector-state').textContent()).toMatch(/Import failed while reading products/);
    expect(await wrong.getByTestId('connector-error').first().textContent()).toMatch(
      /products\.json.* answered 401: .*Invalid API key or access token/,
    );

    // The token is fixed in place (same webhook address) and the import goes through.
    await wrong.getByTestId('connector-edit').click();
    await wrong.getByTestId('connector-change-accessToken').fill(TOKEN);
    await wrong.getByTestId('connector-change-save').click();
    await expect.poll(() => wrong.getByTestId('connector-credentials').textContent()).toBe('accessToken …oken');
    await wrong.getByTestId('connector-sync').click();
    await wrong.locator('[data-testid="connector-state"][data-state="done"]').waitFor({ timeout: 30_000 });
    expect(await count(page, 'Wrong token', 'orders')).toBe(3);

    // Segment / RudderStack: the endpoint to paste and a write key, masked.
    expect(await page.getByTestId('segment-endpoint').textContent()).toBe(`${baseUrl}/segment`);
    await page.getByTestId('segment-create-key').click();
    const masked = (await page.getByTestId('segment-write-key').textContent()) ?? '';
    const writeKey = (await engine.keys.list()).find((k) => k.name === 'Segment / RudderStack write key');
    expect(writeKey?.scope).toBe('ingest');
    expect(masked).toMatch(/^•{8}.{4}$/);

    await page.screenshot({ path: screenshotPath('console-connectors'), fullPage: true });
    // No secret is on the page in full: not in its text, not in any field.
    const html = await page.content();
    for (const secret of [TOKEN, SECRET, WRONG]) expect(html).not.toContain(secret);
    expect(html).not.toMatch(/dg_ing_[A-Za-z0-9_-]{20,}/);

    // Removing one leaves the other.
    await wrong.getByTestId('connector-remove').click();
    await expect.poll(() => page.getByTestId('connector-row').count()).toBe(1);
    await page.close();
  }, 120_000);
});
