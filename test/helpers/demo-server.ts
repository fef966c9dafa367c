/** A real Daogou server on a small demo store, trained and profiled, listening on a free loopback port. */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoTemplate } from './demo-template.js';
import { testConfig } from './test-time.js';
import type { Config } from '../../src/config/config.js';
import { prepareDemo, type DemoInfo } from '../../src/engine/demo.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import {
  storefrontMergeSigner,
  storefrontOrderTaker,
  storefrontSettings,
} from '../../src/engine/storefront-settings.js';
import { Worker } from '../../src/jobs/worker.js';
import { buildApp } from '../../src/server/app.js';
import { defaultWebDir } from '../../src/server/web.js';

/** The running demo server. */
export interface DemoServer {
  baseUrl: string;
  engine: Engine;
  demo: DemoInfo;
  close(): Promise<void>;
}

/** The demo store's size in the tests: small, so a server starts quickly. */
const DEMO_SIZE = { items: 800, customers: 600, days: 90 };

/** The configuration of a test demo server on `dataDir`, with a test's own settings (an assistant model, say). */
function demoConfig(dataDir: string, overrides: Partial<Config> = {}) {
  return testConfig({
    dataDir,
    databaseUrl: `sqlite:${path.join(dataDir, 'daogou.db')}`,
    // Every page load makes several calls from one address; the per-address browser limit is for the open web.
    rateLimitPublicMax: 0,
    retrainHours: 0,
    ...overrides,
  });
}

/** Starts the server the way `daogou serve --demo` does, on a smaller store so the tests start quickly. */
export async function startDemoServer(overrides: Partial<Config> = {}): Promise<DemoServer> {
  if (!existsSync(path.join(defaultWebDir(), 'store', 'index.html'))) {
    throw new Error(`the web pages are not built in ${defaultWebDir()}: run "npm run build" first`);
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'daogou-e2e-'));
  // A copy of the loaded, trained and profiled store (built once per run): the same store as loading it
  // here, without ten seconds of CPU in every browser test file.
  const template = await demoTemplate(DEMO_SIZE, (dir) => demoConfig(dir));
  for (const file of readdirSync(template)) copyFileSync(path.join(template, file), path.join(dataDir, file));
  const engine = await createEngine(demoConfig(dataDir, overrides));
  const demo = await prepareDemo(engine);
  const worker = new Worker(engine.store, engine.jobs, engine.clock, { pollMs: 200 });
  worker.start();
  const app = await buildApp(engine, {
    web: {
      storefront: storefrontSettings(engine, demo.publicKey, true),
      signMerge: storefrontMergeSigner(engine),
      placeOrder: storefrontOrderTaker(engine),
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    engine,
    demo,
    async close() {
      await app.close();
      await worker.stop();
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Sends a JSON request with `key` to the demo server; the status and the parsed JSON body. */
export async function callDemo(
  server: DemoServer,
  method: string,
  urlPath: string,
  key: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${server.baseUrl}${urlPath}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
