/**
 * End to end: an experiment on recommendations in the demo store. Simulated shoppers (browser key, real HTTP)
 * are exposed and click recommended items at a rate that differs by variant; the read-out job finds the
 * difference; a second experiment whose client drops half of one variant's exposures is flagged for sample
 * ratio mismatch; the console shows both in headless Chromium, and creates and stops an experiment.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/experiments/index.js';
import { browserAvailable, launchBrowser, screenshotPath } from '../helpers/browser.js';
import { callDemo, startDemoServer, type DemoServer } from '../helpers/demo-server.js';

const available = browserAvailable();
const SHOPPERS = 3000;

describe.skipIf(!available)('experiments end to end in the demo store', () => {
  let server: DemoServer;
  let browser: Browser;
  const ids = { fair: '', tampered: '' };
  const call = (method: string, path: string, key: string, body?: unknown) => callDemo(server, method, path, key, body);
  const admin = (method: string, path: string, body?: unknown) => call(method, path, server.demo.adminKey, body);
  const browserKey = (method: string, path: string, body?: unknown) => call(method, path, server.demo.publicKey, body);
  /**
   * A shopper's call as a client makes it: a 503 (the database unavailable for a moment) is retried after a
   * short wait, as the SDK retries; any other answer but 200 fails the test here, with its status and body, instead
   * of showing up later as a sample-ratio mismatch of lost exposures (seen once in a full CI run under load, not
   * reproduced alone).
   */
  async function shopperCall(path: string, body: unknown) {
    for (let attempt = 1; ; attempt++) {
      const res = await browserKey('POST', path, body);
      if (res.status === 503 && attempt < 10) {
        await new Promise((r) => setTimeout(r, 250 * attempt));
        continue;
      }
      expect({ path, status: res.status, body: res.status === 200 ? null : res.json }).toEqual({
        path,
        status: 200,
        body: null,
      });
      return res;
    }
  }

  async function readOut(id: string) {
    const job = (await admin('POST', `/v1/experiments/${id}/results`)).json as { id: string };
    for (let i = 0; i < 600; i++) {
      const j = (await admin('GET', `/v1/jobs/${job.id}`)).json as { status: string; lastError: string | null };
      if (j.status === 'done') break;
      if (j.status === 'failed') throw new Error(`read-out failed: ${j.lastError}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return (await admin('GET', `/v1/experiments/${id}/results`)).json as { results: { analysis: AnalysisResult } };
  }

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    const items = (await browserKey('GET', '/v1/recommendations/trending?k=5')).json.items as { id: string }[];
    const itemId = items[0]!.id;
    for (const [key, name] of [
      ['fair', 'home shelf model'],
      ['tampered', 'home shelf copy'],
    ] as const) {
      const created = await admin('POST', '/v1/experiments', {
        name,
        surface: 'recommendations',
        variants: [
          { name: 'control', config: { model: 'default' } },
          { name: 'popular', config: { model: 'popular' } },
        ],
        metrics: [{ name: 'click-through', type: 'click' }],
      });
      expect(created.status).toBe(201);
      ids[key] = created.json.id as string;
    }
    // The shoppers: the first of `shopper-0`, `shopper-1`, … until each variant of the fair experiment has half of
    // them. Assignment hashes the id with the experiment's random salt, so any fixed set of ids splits unevenly by
    // chance, and 1 run in 1,000 would be flagged for sample ratio mismatch at the SRM threshold; an exact split
    // leaves the flag to what the system does with the exposures. `assign` records nothing.
    const shoppers: string[] = [];
    const perVariant = new Map<string, number>();
    for (let n = 0; shoppers.length < SHOPPERS; n += 50) {
      const candidates = Array.from({ length: 50 }, (_, k) => `shopper-${n + k}`);
      const variants = await Promise.all(
        candidates.map(
          async (anonymousId) =>
            (await shopperCall(`/v1/experiments/${ids.fair}/assign`, { anonymousId })).json.variant as string,
        ),
      );
      candidates.forEach((anonymousId, k) => {
        const variant = variants[k]!;
        if ((perVariant.get(variant) ?? 0) >= SHOPPERS / 2) return;
        perVariant.set(variant, (perVariant.get(variant) ?? 0) + 1);
        shoppers.push(anonymousId);
      });
    }
    // Shoppers arrive in groups of 50; "popular" is clicked 20% of the time, control 10% (fixed by shopper number).
    const clicks: Record<string, unknown>[] = [];
    for (let start = 0; start < SHOPPERS; start += 50) {
      await Promise.all(
        Array.from({ length: 50 }, async (_, k) => {
          const i = start + k;
          const anonymousId = shoppers[i]!;
          const shown = await shopperCall(`/v1/experiments/${ids.fair}/expose`, { anonymousId });
          const variant = shown.json.variant as string;
          if ((i * 7919) % 100 < (variant === 'popular' ? 20 : 10)) {
            clicks.push({ type: 'click', itemId, anonymousId, channel: 'web' });
          }
          // The tampered client drops every other exposure call of "popular".
          const assigned = (await shopperCall(`/v1/experiments/${ids.tampered}/assign`, { anonymousId })).json.variant;
          if (assigned !== 'popular' || i % 2 === 0)
            await shopperCall(`/v1/experiments/${ids.tampered}/expose`, { anonymousId });
        }),
      );
    }
    const tracked = await browserKey('POST', '/v1/events/batch', { events: clicks });
    expect(tracked.status).toBe(202);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds the difference in click-through, and flags the tampered split', async () => {
    const fair = (await readOut(ids.fair)).results.analysis;
    // Exactly half the shoppers in each variant were exposed: every exposure was recorded, once.
    expect(fair.srm.chiSquare).toBe(0);
    expect(fair.srm.mismatch).toBe(false);
    const popular = fair.metrics[0]!.variants[0]!;
    expect(popular.variant).toBe('popular');
    expect(popular.relative.estimate).toBeGreaterThan(0.5);
    expect(popular.significant).toBe(true);
    expect(fair.recommendation.decision).toBe('ship');
    const tampered = (await readOut(ids.tampered)).results.analysis;
    expect(tampered.srm.mismatch).toBe(true);
    expect(tampered.recommendation.decision).toBe('fix-assignment');
  }, 300_000);

  it('shows the read-outs in the console, and creates and stops an experiment', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${server.baseUrl}/console/`);
    await page.getByTestId('api-key-input').fill(server.demo.adminKey);
    await page.getByTestId('login-button').click();
    await page.getByTestId('nav-experiments').click();
    await page.getByTestId('experiment-row').first().waitFor();
    expect(await page.getByTestId('experiment-row').count()).toBe(2);

    await page.goto(`${server.baseUrl}/console/experiments?id=${ids.fair}`);
    await page.getByTestId('recommendation').waitFor();
    expect(await page.getByTestId('recommendation').getAttribute('data-decision')).toBe('ship');
    expect(
      await page.locator('[data-testid="variant-row"][data-variant="popular"]').getAttribute('data-significant'),
    ).toBe('true');
    await page.getByTestId('interval-chart-click-through').waitFor();
    expect(await page.getByTestId('srm-warning').count()).toBe(0);
    await page.getByTestId('attribution').waitFor();
    await page.screenshot({ path: screenshotPath('console-experiment-results'), fullPage: true });

    await page.goto(`${server.baseUrl}/console/experiments?id=${ids.tampered}`);
    await page.getByTestId('srm-warning').waitFor();
    expect(await page.getByTestId('srm-warning').textContent()).toMatch(/Sample ratio mismatch/);
    await page.screenshot({ path: screenshotPath('console-experiment-srm'), fullPage: true });

    await page.getByTestId('experiment-name').fill('checkout copy');
    await page.getByTestId('experiment-surface').selectOption('message');
    await page.getByTestId('experiment-variants').fill('control, short, long');
    await page.getByTestId('experiment-create').click();
    await page.locator('[data-testid="experiment-row"][data-experiment="checkout copy"]').waitFor();
    await page
      .locator('[data-testid="experiment-row"][data-experiment="checkout copy"]')
      .getByTestId('experiment-stop')
      .click();
    await page
      .locator('[data-testid="experiment-row"][data-experiment="checkout copy"]')
      .getByText('stopped')
      .waitFor();
    // A bad form names the problem and stores nothing.
    await page.getByTestId('experiment-name').fill('one arm');
    await page.getByTestId('experiment-variants').fill('only');
    await page.getByTestId('experiment-create').click();
    await page.getByTestId('experiment-error').waitFor();
    expect(await page.getByTestId('experiment-error').textContent()).toMatch(/variants/);
    expect(((await admin('GET', '/v1/experiments')).json.experiments as unknown[]).length).toBe(3);
    await page.close();
  }, 120_000);
});
