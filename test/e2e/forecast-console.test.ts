/**
 * The console's Forecasts page in headless Chromium: run forecasting and pricing, see the chart, the inventory
 * table, the stock alerts (here and on the overview), suggestions and the elasticity table.
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

  it('lists elasticities with intervals as stored, filtered by category and a page at a time', async () => {
    await server.engine.pricing.run();
    const stored = await server.engine.pricing.elasticities({ limit: 1000 });
    expect(stored.total).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${server.baseUrl}/console/`);
    await page.getByTestId('api-key-input').fill(server.demo.adminKey);
    await page.getByTestId('login-button').click();
    await page.getByTestId('nav-forecasts').click();
    const rows = page.getByTestId('elasticity-row');
    await rows.first().waitFor({ timeout: 60_000 });
    const read = () =>
      rows.evaluateAll((trs) =>
        trs.map((tr) => {
          const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim());
          const num = (s: string) => Number(s.replace(/[\u2212]/g, '-').replace(/,/g, ''));
          const [low, high] = cells[3]!.replace(/[[\]]/g, '').split(', ').map(num);
          return {
            item: tr.getAttribute('data-item')!,
            category: cells[1]!,
            e: num(cells[2]),
            low: low!,
            high: high!,
            from: cells[4]!,
          };
        }),
      );
    // The first page is the store's first 20 by category then item, each as stored, its interval around it.
    const first = await read();
    expect(first.map((r) => r.item)).toEqual(stored.estimates.slice(0, 20).map((e) => e.itemId));
    first.forEach((r, i) => {
      const e = stored.estimates[i]!;
      expect(r.category).toBe(e.category);
      expect(r.e).toBeCloseTo(e.elasticity, 2);
      expect(r.low).toBeLessThanOrEqual(r.e);
      expect(r.high).toBeGreaterThanOrEqual(r.e);
      expect(r.from).toBe({ item: 'own prices', shrunk: 'own, shrunk', category: 'category only' }[e.source]);
    });
    // The demo store has more than a page of them: the next page starts at the 21st.
    expect(stored.total).toBeGreaterThan(20);
    await page.getByTestId('elasticity-next').click();
    await expect.poll(async () => (await read())[0]?.item).toBe(stored.estimates[20]!.itemId);
    expect(await page.getByTestId('elasticity-pages').textContent()).toContain(`21–`);
    // Filtering by the last item's category shows that category's estimates alone, from the first page again.
    const category = stored.estimates[stored.estimates.length - 1]!.category;
    const inCategory = stored.estimates.filter((e) => e.category === category);
    await page.getByTestId('elasticity-category').fill(category);
    await page.getByTestId('elasticity-category').press('Enter');
    await expect
      .poll(async () => (await read()).map((r) => r.item))
      .toEqual(inCategory.slice(0, 20).map((e) => e.itemId));
    await page.screenshot({ path: screenshotPath('console-elasticities'), fullPage: true });
    await page.close();
  }, 300_000);
});
