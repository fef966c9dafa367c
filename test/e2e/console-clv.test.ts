/**
 * In headless Chromium: the console's analytics card runs the batch analytics and then shows which
 * lifetime-value forecasts the run chose (model, naive rate or a blend) and why.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshotPath } from '../helpers/browser.js';
import { startDemoServer, type DemoServer } from '../helpers/demo-server.js';

const available = browserAvailable();

describe.skipIf(!available)('console: lifetime value forecasts', () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the chosen purchase and order-value forecasts with their reasons after a run', async () => {
    const admin = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await admin.goto(`${server.baseUrl}/console/`);
    await admin.getByTestId('api-key-input').fill(server.demo.adminKey);
    await admin.getByTestId('login-button').click();
    await admin.getByTestId('kpi-orders').waitFor();
    await admin.goto(`${server.baseUrl}/console/segments`);
    await admin.getByTestId('analytics-run').click();
    const card = admin.getByTestId('clv-forecast');
    await card.waitFor({ timeout: 120_000 });
    const text = (await card.textContent()) ?? '';
    expect(text).toMatch(/Expected purchases:\s*(naive rate|.*BG\/NBD.*)\s*—\s*(validated|not validated)/);
    expect(text).toMatch(/Order value:\s*(own mean order value|.*Gamma-Gamma.*)\s*—/);
    await admin.screenshot({ path: screenshotPath('console-clv-forecast'), fullPage: true });
    await admin.close();
  }, 180_000);
});
