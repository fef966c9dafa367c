/**
 * Customer analytics through storage, as the worker runs it: the profile tailer folding the log into
 * stored profiles, the batch analytics job (read the log, fit, write scores, refresh segments), and
 * saving / previewing a segment over the stored profiles. Data: the seeded demo store generator.
 * `npm run bench -- customers-store [--customers N] [--days N] [--database URL]` (default SQLite in a temp dir).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { planDemoStore, type DemoStoreOptions } from '../src/demo/index.js';
import { createEngine, type Engine } from '../src/engine/engine.js';
import { writeReport, type BenchRow } from './report.js';

const RULE = 'bought("女装", 30d) and churn_risk > 0.6 or rfm.group in ("Champions", "Loyal") and orders >= 3';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Loads the seeded demo store in batches of 5,000 events; returns how many events were stored. */
async function loadDemo(engine: Engine, options: DemoStoreOptions): Promise<number> {
  const plan = planDemoStore(options);
  await engine.items.upsert(plan.items);
  await engine.customers.upsert(plan.customers);
  let stored = 0;
  for (const day of plan.eventBatches()) {
    for (let i = 0; i < day.length; i += 5000) {
      stored += (await engine.events.track(day.slice(i, i + 5000), { strict: false })).stored;
    }
  }
  for (const merge of plan.merges) await engine.identities.merge(merge);
  return stored;
}

/** Runs the benchmark. */
export default async function customersStore(args: string[]): Promise<void> {
  const customers = Number(option(args, 'customers') ?? 20_000);
  const days = Number(option(args, 'days') ?? 180);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-bench-customers-'));
  const databaseUrl = option(args, 'database') ?? `sqlite:${path.join(dir, 'daogou.db')}`;
  const engine = await createEngine({ ...loadConfig({}), databaseUrl, dataDir: dir });
  const rows: BenchRow[] = [];
  const time = async <T>(stage: string, work: () => Promise<T>, detail: (r: T) => string): Promise<T> => {
    const started = performance.now();
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    rows.push({ stage, seconds: Number(seconds.toFixed(2)), detail: detail(result) });
    console.error(`${stage}: ${seconds.toFixed(2)} s`);
    return result;
  };
  try {
    await time(
      'load demo store (not counted)',
      () => loadDemo(engine, { customers, days, items: Math.max(500, Math.round(customers * 0.6)) }),
      (n) => `${customers.toLocaleString('en')} customers, ${n.toLocaleString('en')} events`,
    );
    const { profiles, analytics, segments } = engine.customerAnalytics;
    const tail = await time(
      'profile tailer: fold the whole log',
      () => profiles.catchUp(),
      (r) => `${r.events.toLocaleString('en')} events, ${r.customers.toLocaleString('en')} profile writes`,
    );
    rows[rows.length - 1]!['events/s'] = Math.round(tail.events / Number(rows[rows.length - 1]!.seconds));
    await time(
      'analytics job (read log, RFM, CLV, churn, clusters, write scores)',
      () => analytics.run(),
      (s) => `${s.customers.toLocaleString('en')} customers; k = ${s.clusters}; notes: ${s.notes.join('; ') || 'none'}`,
    );
    await time(
      'save a segment (evaluate over stored profiles)',
      () => segments.create({ name: 'bench', rule: RULE }),
      (s) => `${s.size.toLocaleString('en')} members`,
    );
    await time(
      'preview a rule',
      () => segments.preview('orders >= 2 and days_since_last_order <= 30'),
      (p) => `${p.size.toLocaleString('en')} match`,
    );
    await time(
      'analytics job again (with 1 segment to refresh)',
      () => analytics.run(),
      (s) => s.segments.map((c) => `+${c.entered} −${c.exited}`).join(', '),
    );
    writeReport('customers-store', rows, {
      database: engine.store.dialect,
      customers,
      days,
      rule: RULE,
    });
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
