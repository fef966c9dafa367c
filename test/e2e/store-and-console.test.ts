/**
 * End to end in headless Chromium: a shopper searches with a typo, opens the product, sees similar items,
 * buys it; the console then shows the purchase and the shopper's recommendations have changed.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorefrontSettings } from '../../src/engine/storefront-settings.js';
import { browserAvailable, launchBrowser, screenshotPath } from '../helpers/browser.js';
import { startDemoServer, type DemoServer } from '../helpers/demo-server.js';

const available = browserAvailable();

/** Swaps two inner letters of a word: a typical typing slip that typo tolerance must forgive. */
function typo(word: string): string {
  const i = Math.floor(word.length / 2) - 1;
  return word.slice(0, i) + word[i + 1]! + word[i]! + word.slice(i + 2);
}

async function itemIds(page: Page, container: string, card = 'product-card'): Promise<string[]> {
  const ids = await page
    .getByTestId(container)
    .getByTestId(card)
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-item-id') ?? ''));
  return ids.filter((id) => id !== '');
}

describe.skipIf(!available)('storefront and console in a real browser', () => {
  let server: DemoServer;
  let browser: Browser;
  let settings: StorefrontSettings;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    settings = (await (await fetch(`${server.baseUrl}/store/config.json`)).json()) as StorefrontSettings;
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('serves a store home with shelves, usable at 360 px', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The page's clock agrees with the server's fixed test time, so the events it stamps are not "in the future".
    await page.clock.install({ time: server.engine.clock() });
    await page.goto(`${server.baseUrl}/`);
    expect(page.url()).toBe(`${server.baseUrl}/store/`);
    await page.getByTestId('shelf-trending').getByTestId('product-card').first().waitFor();
    expect((await itemIds(page, 'shelf-trending')).length).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId('shelf-category').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: screenshotPath('store-home'), fullPage: true });

    const phone = await browser.newPage({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
    // The page's clock agrees with the server's fixed test time, so the events it stamps are not "in the future".
    await phone.clock.install({ time: server.engine.clock() });
    await phone.goto(`${server.baseUrl}/store/`);
    await phone.getByTestId('shelf-trending').getByTestId('product-card').first().waitFor();
    // Usable means nothing wider than the screen: no sideways scrolling.
    const overflow = Number(await phone.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(phone.getByTestId('search-input').isVisible()).resolves.toBe(true);
    await phone.screenshot({ path: screenshotPath('store-home-360px'), fullPage: false });
    await phone.close();
    await page.close();
  });

  it('takes a shopper from a typo search to a purchase that the console then shows', async () => {
    const shopper = settings.shoppers[0];
    expect(shopper, 'the demo offers shoppers to browse as').toBeDefined();
    const customerId = shopper!.id;

    // The console first: sign in, note the orders and the shopper's recommendations before the purchase.
    const admin = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // The page's clock agrees with the server's fixed test time, so the events it stamps are not "in the future".
    await admin.clock.install({ time: server.engine.clock() });
    await admin.goto(`${server.baseUrl}/console/`);
    await admin.getByTestId('api-key-input').fill(server.demo.adminKey);
    await admin.getByTestId('login-button').click();
    await admin.getByTestId('kpi-orders').waitFor();
    const ordersBefore = Number(await admin.getByTestId('kpi-orders').getAttribute('data-value'));
    expect(ordersBefore).toBeGreaterThan(0);
    await admin.goto(`${server.baseUrl}/console/customers/${customerId}`);
    await admin.getByTestId('customer-recommendations').getByTestId('rec-item').first().waitFor();
    const recommendedBefore = await itemIds(admin, 'customer-recommendations', 'rec-item');

    // The store, browsing as the shopper.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The page's clock agrees with the server's fixed test time, so the events it stamps are not "in the future".
    await page.clock.install({ time: server.engine.clock() });
    await page.goto(`${server.baseUrl}/store/`);
    await page.getByTestId('browse-as').selectOption(customerId);
    await page.getByTestId('shelf-for-you').getByTestId('product-card').first().waitFor();

    // A product whose title starts with a Latin brand, searched with that brand mistyped.
    const items = await server.engine.store.items.list({ limit: 500 });
    const target = items.find(
      (item) =>
        item.active &&
        (item.stock ?? 1) > 0 &&
        /^[A-Za-z]{5,} /.test(item.title) &&
        !recommendedBefore.includes(item.id),
    );
    expect(target, 'the demo catalogue has a Latin-brand product').toBeDefined();
    const [brand, ...rest] = target!.title.split(' ');
    const query = [typo(brand!), ...rest].join(' ');
    await page.getByTestId('search-input').fill(query);
    await page.getByTestId('search-input').press('Enter');
    const hit = page
      .getByTestId('search-results')
      .locator(`[data-testid="product-card"][data-item-id="${target!.id}"]`);
    await hit.waitFor();
    await page.screenshot({ path: screenshotPath('store-search'), fullPage: false });

    await hit.locator('a').first().click();
    await page.getByTestId('product-title').waitFor();
    await page.getByTestId('shelf-similar').getByTestId('product-card').first().waitFor();
    expect(await itemIds(page, 'shelf-similar')).not.toContain(target!.id);
    await page.screenshot({ path: screenshotPath('store-product'), fullPage: true });

    await page.getByTestId('add-to-cart').click();
    await expect.poll(async () => page.getByTestId('cart-count').textContent()).toBe('1');
    await page.goto(`${server.baseUrl}/store/cart`);
    await expect(page.getByTestId('cart-line').count()).resolves.toBe(1);
    await page.getByTestId('checkout').click();
    const orderId = await page.getByTestId('order-confirmation').getAttribute('data-order-id');
    expect(orderId).toBeTruthy();

    // The purchase reached the store under the shopper's id.
    const timeline = await server.engine.store.events.timeline(customerId, { limit: 50 });
    expect(timeline.some((e) => e.type === 'purchase' && e.orderId === orderId && e.itemId === target!.id)).toBe(true);

    // The console sees it: one more order, the purchase in the timeline, different recommendations.
    await admin.getByTestId('customer-refresh').click();
    const bought = admin
      .getByTestId('customer-timeline')
      .locator(`[data-testid="timeline-event"][data-type="purchase"][data-item-id="${target!.id}"]`);
    await bought.first().waitFor();
    await admin.getByTestId('customer-recommendations').getByTestId('rec-item').first().waitFor();
    const recommendedAfter = await itemIds(admin, 'customer-recommendations', 'rec-item');
    expect(recommendedAfter).not.toEqual(recommendedBefore);
    expect(recommendedAfter).not.toContain(target!.id);
    await admin.screenshot({ path: screenshotPath('console-customer'), fullPage: true });

    await admin.goto(`${server.baseUrl}/console/overview`);
    await admin.getByTestId('kpi-orders').waitFor();
    await expect
      .poll(async () => Number(await admin.getByTestId('kpi-orders').getAttribute('data-value')))
      .toBeGreaterThanOrEqual(ordersBefore + 1);
    await admin.getByTestId('chart-timeseries').waitFor();
    await admin.screenshot({ path: screenshotPath('console-overview'), fullPage: true });
    await page.close();
    await admin.close();
  });
});
