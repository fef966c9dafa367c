/** Vision in headless Chromium: the console's page (photo search, near-duplicates, a suggestion) and the storefront's camera button. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productImage, solid, stripes, type TestImage } from '../../src/vision/test-images.test-data.js';
import { browserAvailable, launchBrowser, screenshotPath } from '../helpers/browser.js';
import { startDemoServer, type DemoServer } from '../helpers/demo-server.js';

async function png(image: TestImage): Promise<Buffer> {
  return sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 3 } })
    .png()
    .toBuffer();
}

describe.skipIf(!browserAvailable())('vision page in a real browser', () => {
  let server: DemoServer;
  let browser: Browser;
  let images: Server;
  let dir: string;

  beforeAll(async () => {
    const files = new Map<string, Buffer>([
      ['/red.png', await png(productImage(120, solid([200, 30, 40])))],
      ['/red-copy.png', await png(productImage(120, solid([200, 30, 40])))],
      ['/navy.png', await png(productImage(120, stripes([25, 35, 80], [245, 245, 242], 6)))],
    ]);
    images = createServer((req, res) => {
      const body = files.get(req.url ?? '');
      if (!body) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'image/png' }).end(body);
    });
    await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
    server = await startDemoServer();
    browser = await launchBrowser();
    await server.engine.items.upsert([
      { id: 'photo-red-1', title: 'Red top', images: [`${base}/red.png`] },
      { id: 'photo-red-2', title: 'Red top, same photo', images: [`${base}/red-copy.png`] },
      { id: 'photo-navy', title: 'Navy stripes', images: [`${base}/navy.png`] },
    ]);
    await server.engine.vision.index({ itemIds: ['photo-red-1', 'photo-red-2', 'photo-navy'] });
    dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-vision-e2e-'));
    writeFileSync(path.join(dir, 'query.png'), await png(productImage(90, solid([205, 35, 45]))));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise<void>((resolve) => images?.close(() => resolve()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finds items by an uploaded photo, lists duplicates, and changes an item only on accept', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${server.baseUrl}/console/`);
    await page.getByTestId('api-key-input').fill(server.demo.adminKey);
    await page.getByTestId('login-button').click();
    await page.getByTestId('nav-vision').click();
    await page.getByTestId('vision-photo-input').setInputFiles(path.join(dir, 'query.png'));
    await page.getByTestId('vision-match').first().waitFor({ timeout: 60_000 });
    const found = await page
      .getByTestId('vision-match')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item-id')));
    expect(found.slice(0, 2).sort()).toEqual(['photo-red-1', 'photo-red-2']);
    expect(await page.getByTestId('vision-search-result').textContent()).toMatch(/red/);
    const group = page.getByTestId('vision-duplicate-group');
    await group.first().waitFor();
    expect(await group.first().textContent()).toMatch(/photo-red-1.*photo-red-2/);
    const colour = page.locator('[data-testid="vision-suggestion"][data-item-id="photo-red-1"][data-field="colour"]');
    await colour.waitFor();
    expect((await server.engine.items.get('photo-red-1')).attributes).toEqual({});
    await page.screenshot({ path: screenshotPath('console-vision'), fullPage: true });
    await colour.getByTestId('suggestion-accept').click();
    await expect.poll(async () => (await server.engine.items.get('photo-red-1')).attributes).toEqual({ colour: 'red' });
    await colour.waitFor({ state: 'detached' });
    await page.close();
  }, 300_000);

  it("finds products by photo with the storefront's camera button", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.baseUrl}/store/`);
    await page.getByTestId('search-input').waitFor();
    await page.getByTestId('camera-input').setInputFiles(path.join(dir, 'query.png'));
    await page.getByTestId('photo-result').first().waitFor({ timeout: 60_000 });
    const found = await page
      .getByTestId('photo-result')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item-id')));
    expect(found.slice(0, 2).sort()).toEqual(['photo-red-1', 'photo-red-2']);
    await page.screenshot({ path: screenshotPath('store-camera-search') });
    await page.getByTestId('photo-result').first().locator('a').click();
    await page.waitForURL(/\/store\/product\/photo-red-/);
    await page.close();
  }, 300_000);
});
