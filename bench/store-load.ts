/**
 * Storefront page loads in headless Chromium from a cold cache on loopback: the time to the load event and
 * to the page's main content, and the bytes transferred, per page (median of several fresh browser contexts).
 * `npm run bench -- store-load [--runs 7]`
 */
import type { Browser } from 'playwright-core';
import { browserAvailable, launchBrowser } from '../test/helpers/browser.js';
import { startDemoServer } from '../test/helpers/demo-server.js';
import { median, printTable, quantile, writeReport, type BenchRow } from './report.js';

interface PageCase {
  name: string;
  path: string;
  /** The element whose appearance means the page shows what it is for. */
  ready: string;
}

async function measure(browser: Browser, url: string, ready: string) {
  // A new context has an empty cache and storage: a first visit.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const started = performance.now();
  await page.goto(url, { waitUntil: 'load' });
  const loadMs = performance.now() - started;
  await page.locator(ready).first().waitFor();
  const contentMs = performance.now() - started;
  const bytes = Number(
    await page.evaluate(
      `performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation')).reduce((s, e) => s + (e.transferSize || 0), 0)`,
    ),
  );
  await context.close();
  return { loadMs, contentMs, bytes };
}

/** Runs the benchmark. */
export default async function storeLoad(args: string[]): Promise<void> {
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 7;
  if (!browserAvailable()) return;
  const server = await startDemoServer();
  const browser = await launchBrowser();
  try {
    const [item] = await server.engine.store.items.list({ limit: 1 });
    const cases: PageCase[] = [
      { name: 'home', path: '/store/', ready: '[data-testid="shelf-trending"] [data-testid="product-card"]' },
      {
        name: 'product',
        path: `/store/product/${item!.id}`,
        ready: '[data-testid="shelf-similar"] [data-testid="product-card"]',
      },
      {
        name: 'search',
        path: `/store/search?q=${encodeURIComponent('连衣裙')}`,
        ready: '[data-testid="search-results"] [data-testid="product-card"]',
      },
      { name: 'cart', path: '/store/cart', ready: '[data-testid="search-input"]' },
      { name: 'console login', path: '/console/', ready: '[data-testid="api-key-input"]' },
    ];
    // One warm-up so the server's models and indexes are loaded: the benchmark is about the page, not the first query.
    for (const c of cases) await measure(browser, server.baseUrl + c.path, c.ready);
    const rows: BenchRow[] = [];
    for (const c of cases) {
      const samples = [];
      for (let r = 0; r < runs; r++) samples.push(await measure(browser, server.baseUrl + c.path, c.ready));
      rows.push({
        page: c.name,
        'load p50 ms': Math.round(median(samples.map((s) => s.loadMs))),
        'content p50 ms': Math.round(median(samples.map((s) => s.contentMs))),
        'content p90 ms': Math.round(
          quantile(
            samples.map((s) => s.contentMs),
            0.9,
          ),
        ),
        'KiB transferred': Math.round(median(samples.map((s) => s.bytes)) / 1024),
      });
    }
    printTable(`Storefront cold loads on loopback (${runs} runs each, fresh browser context per run)`, rows);
    writeReport('store-load', rows, { runs });
  } finally {
    await browser.close();
    await server.close();
  }
}
