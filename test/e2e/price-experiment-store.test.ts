/**
 * End to end: a price experiment in the demo store, in headless Chromium. A visitor whose anonymous id falls in
 * the treatment sees the experiment's price on the product page and its card; one in control sees the catalogue's.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshotPath } from '../helpers/browser.js';
import { callDemo, startDemoServer, type DemoServer } from '../helpers/demo-server.js';

const available = browserAvailable();
const TREATMENT_PRICE = 4321;

describe.skipIf(!available)('a price experiment in the demo store', () => {
  let server: DemoServer;
  let browser: Browser;
  let itemId = '';
  let regularPrice = 0;
  const visitors = { treatment: '', control: '' };
  const call = async (method: string, path: string, key: string, body?: unknown) =>
    (await callDemo(server, method, path, key, body)).json;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    const items = (await call('GET', '/v1/recommendations/trending?k=5', server.demo.publicKey)).items as {
      id: string;
      item: { price: number };
    }[];
    itemId = items[0]!.id;
    regularPrice = items[0]!.item.price;
    const created = await call('POST', '/v1/experiments', server.demo.adminKey, {
      name: 'price e2e',
      surface: 'price',
      variants: [
        { name: 'control', config: { itemId, price: regularPrice } },
        { name: 'treatment', config: { itemId, price: TREATMENT_PRICE } },
      ],
      metrics: [{ name: 'item revenue', type: 'item_revenue', itemId }],
    });
    // Assignment hashes the anonymous id: find a visitor of each variant (assign records nothing).
    for (let i = 0; !visitors.treatment || !visitors.control; i++) {
      const anonymousId = `e2e-visitor-${i}`;
      const a = await call('POST', `/v1/experiments/${String(created.id)}/assign`, server.demo.publicKey, {
        anonymousId,
      });
      if (a.variant === 'treatment' && !visitors.treatment) visitors.treatment = anonymousId;
      if (a.variant === 'control' && !visitors.control) visitors.control = anonymousId;
    }
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The product page as the visitor with this anonymous id sees it. */
  async function productPage(anonymousId: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.clock.install({ time: server.engine.clock() });
    await page.addInitScript({
      content: `localStorage.setItem('daogou.anonymousId', ${JSON.stringify(anonymousId)});`,
    });
    await page.goto(`${server.baseUrl}/store/product/${encodeURIComponent(itemId)}`);
    await page.getByTestId('product-price').waitFor();
    return page;
  }
  const digits = (text: string | null) => (text ?? '').replace(/[^\d.]/g, '');

  it("shows a treatment visitor the experiment's price and a control visitor the catalogue's", async () => {
    const treated = await productPage(visitors.treatment);
    await expect.poll(async () => digits(await treated.getByTestId('product-price').textContent())).toBe('4321');
    await treated.screenshot({ path: screenshotPath('store-price-experiment'), fullPage: false });
    await treated.close();

    const control = await productPage(visitors.control);
    const shown = Number(digits(await control.getByTestId('product-price').textContent()));
    expect(shown).toBeCloseTo(regularPrice, 2);
    await control.close();
  });
});
