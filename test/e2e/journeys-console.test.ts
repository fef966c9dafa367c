/**
 * The console's Journeys page in headless Chromium: a journey's flow with counts per step and its funnel,
 * the template editor's live preview for a chosen customer, and the customer's messages on their page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshotPath } from '../helpers/browser.js';
import { startDemoServer, type DemoServer } from '../helpers/demo-server.js';
import { startWebhookSink, type WebhookSink } from '../helpers/webhook-sink.js';

describe.skipIf(!browserAvailable())('journeys page in a real browser', () => {
  let server: DemoServer;
  let browser: Browser;
  let sink: WebhookSink;
  let journeyId: string;
  const customers = ['journey-e2e-1', 'journey-e2e-2', 'journey-e2e-3'];

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    sink = await startWebhookSink();
    const { service, runner } = server.engine.journeys;
    const journey = await service.create({
      name: 'Console check',
      trigger: { event: 'custom:console_check' },
      steps: [
        { type: 'send', channel: 'webhook', url: sink.url, content: { subject: 'Hello {{ customer.id }}' } },
        { type: 'branch', if: 'trait_is("vip", "yes")', then: [{ type: 'set_trait', trait: 'seen', value: true }] },
      ],
      status: 'active',
    });
    journeyId = journey.id;
    await runner.tick();
    await server.engine.events.track(customers.map((customerId) => ({ type: 'custom:console_check', customerId })));
    for (let i = 0; i < 5 && sink.received.length < customers.length; i++) await runner.tick();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await sink?.close();
    await server?.close();
  });

  it('shows the flow with counts, the funnel, a live template preview and the customer’s messages', async () => {
    expect(sink.received.length).toBe(3);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${server.baseUrl}/console/`);
    await page.getByTestId('api-key-input').fill(server.demo.adminKey);
    await page.getByTestId('login-button').click();
    await page.getByTestId('nav-journeys').click();
    await page.locator(`[data-testid="journey-row"][data-journey-id="${journeyId}"]`).click();
    await page.getByTestId('journey-flow').waitFor();
    expect(await page.getByTestId('flow-trigger').textContent()).toContain('custom:console_check');
    const steps = page.getByTestId('flow-step');
    expect(await steps.count()).toBe(3);
    await expect
      .poll(() =>
        page
          .locator('[data-testid="flow-step"][data-node="0"] [data-testid="flow-count"]')
          .getAttribute('data-entered'),
      )
      .toBe('3');
    expect(await page.locator('[data-testid="flow-step"][data-node="0"]').textContent()).toContain('Send webhook');
    const send = page.locator('[data-testid="funnel-row"][data-node="0"]');
    expect(await send.getByTestId('funnel-sent').textContent()).toBe('3');
    expect(await page.getByTestId('journey-exits').textContent()).toContain('completed 3');
    expect(await page.getByTestId('journey-json').inputValue()).toContain('"custom:console_check"');
    await page.screenshot({ path: screenshotPath('console-journeys'), fullPage: true });

    // The template editor renders for the chosen customer, through the server.
    await page.getByTestId('template-subject').fill('Hi {{ customer.id }}, 你好');
    await page.getByTestId('template-customer').fill(customers[0]!);
    await expect
      .poll(() => page.getByTestId('template-preview-subject').textContent(), { timeout: 20_000 })
      .toBe(`Hi ${customers[0]}, 你好`);
    await page.getByTestId('template-subject').fill('{{ customer.id ');
    await page.getByTestId('template-problem').waitFor({ timeout: 20_000 });

    // The customer's page lists the message the journey sent them.
    await page.goto(`${server.baseUrl}/console/customers/${customers[1]}`);
    await page.getByTestId('customer-message').first().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('customer-message').first().getAttribute('data-status')).toBe('sent');
    expect(await page.getByTestId('customer-messages').textContent()).toContain(`Hello ${customers[1]}`);
    await page.close();
  }, 300_000);
});
