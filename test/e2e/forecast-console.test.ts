/**
 * The console's Forecasts page in headless Chromium: run forecasting and pricing, see the chart, the inventory
 * table, the stock alerts (here and on the overview) and suggestions.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshotPath } from '../helpers/browser.js';
import { startDemoServer, type DemoServer } from '../helpers/demo-server.js';

describe.skipIf(!browserAvailable())('forecasts page in a real browser', () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    // Track stock on a few items that sell, so the inventory table has rows of more than one risk.
    const sold = await server.engine.store.events.scanEntries(0, 2000, { types: ['purchase'] });
    const ids = [...new Set(sold.map((e) => e.itemId).filter((id): id is string => id !== null))].slice(0, 3);
    await Promise.all(ids.map((id, i) => server.engine.items.patch(id, { stock: [0, 10_000, 30][i]! })));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs a forecast from the page and shows demand, stock risk and price suggestions', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${server.baseUrl}/console/`);
    await page.getByTestId('api-key-input').fill(server.demo.adminKey);
    await page.getByTestId('login-button').click();
    await page.getByTestId('nav-forecasts').click();
    await page.getByTestId('forecast-run').click();
    await page.getByTestId('forecast-chart').waitFor({ timeout: 120_000 });
    await page.getByTestId('inventory-row').first().waitFor({ timeout: 60_000 });
    const risks = await page
      .getByTestId('inventory-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-risk')));
    expect(risks[0]).toBe('stockout');
    expect(risks).toContain('overstock');
    // The same flags as alerts above the chart; an item's name there opens its forecast.
    const alert = page.getByTestId('stock-alert-stockout');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /\d+ likely to run out before a reorder could arrive: .+ \(\d+ left, risk \d+%\)/,
    );
    expect(await page.getByTestId('stock-alert-overstock').textContent()).toMatch(/overstocked: .+ days of cover/);
    const flagged = (await alert.locator('button').first().textContent())!;
    await alert.locator('button').first().click();
    await expect.poll(async () => page.locator('.card-title').first().textContent()).toContain(flagged);
    expect(await page.getByTestId('forecast-methods').textContent()).toMatch(/Methods: .+%/);
    await page.getByTestId('inventory-row').first().click();
    await page.getByTestId('forecast-chart').waitFor();
    await page.screenshot({ path: screenshotPath('console-forecasts'), fullPage: true });
    const rows = page.getByTestId('suggestion-row');
    expect(await rows.count()).toBeGreaterThan(0);
    await rows.first().getByTestId('suggestion-reject').click();
    await expect.poll(async () => (await server.engine.pricing.list('rejected')).length).toBe(1);
    // The overview, where a person lands, carries the alerts too.
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('stock-alert-stockout').waitFor();
    expect(await page.getByTestId('stock-alerts').textContent()).toContain(flagged);
    await page.close();
  }, 300_000);
});
