/**
 * The console's Content page in headless Chromium: pick an item, generate copy, see grounded spans marked,
 * edit a variant to invent a price and see it refused, accept another variant and find it among the drafts.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshotPath } from '../helpers/browser.js';
import { startDemoServer, type DemoServer } from '../helpers/demo-server.js';

describe.skipIf(!browserAvailable())('content page in a real browser', () => {
  let server: DemoServer;
  let browser: Browser;
  let itemId: string;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    const items = await server.engine.store.items.list({ limit: 20 });
    // An item with a price other than 1, so "¥1" below is an invented price.
    itemId = items.find((i) => i.price !== null && i.price !== 1)!.id;
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('generates grounded variants, refuses an invented price and lists an accepted draft', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${server.baseUrl}/console/`);
    await page.getByTestId('api-key-input').fill(server.demo.adminKey);
    await page.getByTestId('login-button').click();
    await page.getByTestId('nav-content').click();
    await page.getByLabel('Item', { exact: true }).fill(itemId);
    await page.locator(`[data-testid="content-item-option"][data-item-id="${itemId}"]`).click();
    expect(await page.getByTestId('content-chosen').textContent()).toContain(itemId);
    await page.getByLabel('Kind').selectOption('description');
    await page.getByLabel('Language').selectOption('zh');
    await page.getByTestId('content-variants').fill('2');
    await page.getByTestId('content-generate').click();
    const variants = page.getByTestId('content-variant');
    await expect.poll(() => variants.count(), { timeout: 60_000 }).toBe(2);

    // The page shows what the API writes for the same request, with the backed spans marked by their source.
    const expected = await server.engine.content.generate({
      itemId,
      kinds: ['description'],
      locale: 'zh',
      tone: 'friendly',
      length: 'medium',
      variants: 2,
      seed: 1,
    });
    const texts = expected.results[0]!.variants.map((v) => v.text);
    expect(await variants.nth(0).locator('.content-text').textContent()).toBe(texts[0]);
    const price = variants.nth(0).locator('[data-testid="grounded-span"][data-source="price"]');
    expect(await price.count()).toBeGreaterThan(0);
    expect(await price.first().getAttribute('title')).toBe('Backed by price');
    expect(await price.first().evaluate((el) => el.tagName)).toBe('MARK');
    expect(await variants.nth(0).getByTestId('refused-span').count()).toBe(0);

    // An edit that invents a price is checked again and refused, and cannot be saved.
    const first = variants.nth(0);
    await first.getByTestId('variant-editor').fill(`${texts[0]} 今日只要¥1！`);
    await first.getByTestId('variant-check').click();
    await first.getByTestId('refused-span').first().waitFor();
    expect(await first.getByTestId('refused-span').first().textContent()).toContain('1');
    expect(await first.getByTestId('content-problems').textContent()).toMatch(/¥1|price/i);
    await first.getByTestId('variant-save').click();
    await first.getByTestId('variant-problem').waitFor();

    // The second variant, accepted, is saved as a draft and listed as accepted.
    await variants.nth(1).getByTestId('variant-accept').click();
    const accepted = page.locator('[data-testid="content-draft"][data-status="accepted"]');
    await accepted.first().waitFor();
    expect(await accepted.count()).toBe(1);
    expect(await accepted.first().locator('.content-draft-text').textContent()).toBe(texts[1]);
    const stored = await server.engine.content.drafts({ itemId, limit: 10, offset: 0 });
    expect(stored.map((d) => [d.status, d.text])).toEqual([['accepted', texts[1]]]);
    await page.screenshot({ path: screenshotPath('console-content'), fullPage: true });
    await page.close();
  }, 300_000);
});
