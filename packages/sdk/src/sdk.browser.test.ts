/**
 * The SDK in headless Chromium against a real server: ids kept in localStorage across reloads, and events
 * still queued when the page is left delivered by the page-hide flush (fetch with keepalive).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { browserAvailable, launchBrowser } from '../../../test/helpers/browser.js';
import { sqliteKind } from '../../../test/helpers/databases.js';
import { startTestServer, type TestServer } from '../../../test/helpers/test-engine.js';

const available = browserAvailable();
const SOURCE = import.meta.dirname;

/** The SDK module as a browser loads it: each source file transpiled on request (no build step needed). */
function sdkModule(file: string): string | undefined {
  const name = path.basename(file, '.js');
  if (!/^[a-z-]+$/.test(name) || name.endsWith('test')) return undefined;
  const source = readFileSync(path.join(SOURCE, `${name}.ts`), 'utf8');
  return ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  }).outputText;
}

const page = (publicKey: string) => `<!doctype html><meta charset="utf-8"><title>SDK</title>
<script type="module">
  import { createClient } from '/sdk-test/index.js';
  // A long interval: only the page-hide flush can deliver what is tracked here.
  window.daogou = createClient({ baseUrl: location.origin, apiKey: ${JSON.stringify(publicKey)}, flushIntervalMs: 600000 });
</script>`;

describe.skipIf(!available)('SDK in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    server = await startTestServer(sqliteKind());
    const publicKey = (await server.engine.keys.create('sdk browser test', 'public')).key;
    server.app.get('/sdk-test/page.html', (_request, reply) => reply.type('text/html').send(page(publicKey)));
    server.app.get<{ Params: { file: string } }>('/sdk-test/:file', (request, reply) => {
      const code = sdkModule(request.params.file);
      return code === undefined ? reply.code(404).send() : reply.type('text/javascript').send(code);
    });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps the visitor in localStorage and delivers queued events when the page is left', async () => {
    const tab = await browser.newPage();
    // The page's clock agrees with the server's fixed test time, so the events it stamps are not "in the future".
    await tab.clock.install({ time: server.engine.clock() });
    const open = async () => {
      await tab.goto(`${baseUrl}/sdk-test/page.html`);
      await tab.waitForFunction('window.daogou !== undefined');
    };
    await open();
    // No consent yet: nothing tracked, nothing stored.
    expect(await tab.evaluate('window.daogou.view("B0")')).toBeNull();
    expect(await tab.evaluate('Object.keys(localStorage).filter((k) => k !== "daogou.consent")')).toEqual([]);

    await tab.evaluate('window.daogou.consent({ analytics: true })');
    const ids = await tab.evaluate<string[]>('[window.daogou.view("B1"), window.daogou.addToCart("B2")]');
    const visitor = await tab.evaluate<{ anonymousId: string; sessionId: string }>('window.daogou.visitor()');
    expect(visitor.anonymousId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await server.engine.store.events.getByIds(ids)).toHaveLength(0);

    // Leaving the page fires pagehide: the queue goes out with keepalive.
    await tab.goto('about:blank');
    await vi.waitFor(async () => expect(await server.engine.store.events.getByIds(ids)).toHaveLength(2), {
      timeout: 10_000,
    });
    const stored = await server.engine.store.events.getByIds(ids);
    for (const event of stored) expect(event).toMatchObject({ anonymousId: visitor.anonymousId, channel: 'web' });

    // Next page load: the same visitor and session, consent remembered, and the outbox confirmed empty.
    await open();
    const again = await tab.evaluate<{ analytics: boolean; anonymousId: string }>('window.daogou.visitor()');
    expect(again).toMatchObject({ analytics: true, anonymousId: visitor.anonymousId, sessionId: visitor.sessionId });
    expect(await tab.evaluate('localStorage.getItem("daogou.outbox")')).toBeNull();
    await tab.close();
  });
});
