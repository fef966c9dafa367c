/** The demo store behind `npm start`: loaded once into an empty database, with keys a newcomer can use. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { planDemoStore, type DemoStoreOptions } from '../demo/index.js';
import { startOfUtcDay } from '../demo/demo-time.js';
import { REVIEWS_SCORE_JOB } from '../jobs/review-jobs.js';
import type { Engine } from './engine.js';

/** What `serve --demo` prints. */
export interface DemoInfo {
  adminKey: string;
  publicKey: string;
  summary: string;
  sampleItemId: string;
  sampleCustomerId: string;
}

/** Reports loading progress: events loaded so far of an estimated total. */
export type DemoProgress = (done: number, total: number) => void;

const LOADED_MARK = 'demo.loaded';

interface DemoKeys {
  adminKey: string;
  publicKey: string;
}

/** Loads the demo store into an empty database (atomically) and returns the demo keys; skips loading otherwise. */
export async function prepareDemo(
  engine: Engine,
  onProgress?: DemoProgress,
  options: DemoStoreOptions = {},
): Promise<DemoInfo> {
  const { store } = engine;
  const loadedAt = await store.meta.get(LOADED_MARK);
  const empty = (await store.items.count()) === 0 && (await store.events.count()) === 0;
  let summary: string;
  if (loadedAt === undefined && empty) {
    summary = await loadDemo(engine, options, onProgress);
  } else {
    const stats = await store.events.stats();
    summary =
      loadedAt === undefined
        ? `the database already holds data (${stats.total.toLocaleString('en')} events), so the demo store was not loaded`
        : `loaded ${loadedAt.slice(0, 10)}; ${(await store.items.count()).toLocaleString('en')} items, ${(await store.customers.count()).toLocaleString('en')} customers, ${stats.total.toLocaleString('en')} events`;
  }
  const keys = await demoKeys(engine);
  const sample = await store.items.list({ limit: 1 });
  const customers = await store.customers.list({ limit: 1 });
  return {
    ...keys,
    summary,
    sampleItemId: sample[0]?.id ?? 'SKU-000001',
    sampleCustomerId: customers[0]?.id ?? 'C00001',
  };
}

async function loadDemo(engine: Engine, options: DemoStoreOptions, onProgress?: DemoProgress): Promise<string> {
  // The history ends today by the engine's clock, so a fixed "now" gives a fixed demo store.
  const plan = planDemoStore({ anchor: startOfUtcDay(engine.clock()), ...options });
  const estimate = plan.options.customers * 40;
  let loaded = 0;
  await engine.store.transaction(async (repos) => {
    await engine.items.upsert(plan.items, repos);
    await engine.customers.upsert(plan.customers, repos);
    let buffer = [];
    for (const day of plan.eventBatches()) {
      // Not push(...day): spreading a very large day overflows the call stack.
      for (const event of day) buffer.push(event);
      if (buffer.length >= 5000) {
        loaded += (await engine.events.track(buffer, { strict: false }, repos)).stored;
        buffer = [];
        onProgress?.(loaded, Math.max(estimate, loaded));
      }
    }
    if (buffer.length > 0) loaded += (await engine.events.track(buffer, { strict: false }, repos)).stored;
    for (const merge of plan.merges) await engine.identities.merge(merge, repos);
    await repos.meta.set(LOADED_MARK, new Date(engine.clock()).toISOString());
  });
  onProgress?.(loaded, loaded);
  // Product pages show review summaries from scored reviews: score the demo's now, not at the first scheduled run.
  await engine.jobs.enqueue(REVIEWS_SCORE_JOB, {}, { singletonKey: REVIEWS_SCORE_JOB });
  return `loaded ${plan.items.length.toLocaleString('en')} items, ${plan.customers.length.toLocaleString('en')} customers and ${loaded.toLocaleString('en')} events (seed ${plan.options.seed})`;
}

/** The demo's admin and browser keys: created once and kept in the data folder so later starts can show them. */
async function demoKeys(engine: Engine): Promise<DemoKeys> {
  const file = path.join(engine.config.dataDir, 'demo-keys.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as DemoKeys;
    const [admin, browser] = await Promise.all([
      engine.keys.verify(saved.adminKey),
      engine.keys.verify(saved.publicKey),
    ]);
    if (admin && browser) return saved;
  }
  const keys: DemoKeys = {
    adminKey: (await engine.keys.create('demo admin', 'admin')).key,
    publicKey: (await engine.keys.create('demo browser', 'public')).key,
  };
  mkdirSync(engine.config.dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}
