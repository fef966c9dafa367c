/**
 * What an API process costs per catalogue size: `npm run bench -- scale-catalogue [--items 1000,10000,100000]
 * [--customers N] [--events N] [--probe-seconds S] [--root DIR]`.
 *
 * For each catalogue size, in a fresh schema on the PostgreSQL at DAOGOU_TEST_PG_URL: the scale benchmark's
 * generated store (items, N customers, N events in SQL), one `serve --role worker` until the first model is
 * trained (then stopped, so it does not share the CPU with the probes), and one `serve --role api`: its start
 * time to the first search answered, its RSS with every item indexed, and recommendation and search latency
 * p50/p99 while idle. The full store has 100,000 items in every API process; the scale benchmark at
 * 0.01 has 1,000, so this is where the per-process memory and the latency at the full catalogue are measured.
 * Writes bench/results/scale-catalogue.json.
 */
import os from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../src/config/config.js';
import { createEngine } from '../src/engine/engine.js';
import { startDaogou, type DaogouProcess } from '../test/helpers/daogou-process.js';
import { printTable, writeReport, type BenchRow } from './report.js';
import { cpuSeconds, createBenchSchema, memory } from './_scale-common.js';
import { generate, jobTimes, latencyRows, startProbes } from './scale.js';

const PG_URL = process.env.DAOGOU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Measures one catalogue size in a schema of its own; returns its table rows. */
async function measureSize(
  sizes: { customers: number; items: number; events: number },
  probeSeconds: number,
  compiled: boolean,
  root: string | undefined,
): Promise<BenchRow[]> {
  const bench = await createBenchSchema(PG_URL, `daogou_bench_catalogue_${process.pid}_${sizes.items}`);
  const { databaseUrl, dataDir, client } = bench;
  const processes: DaogouProcess[] = [];
  const rows: BenchRow[] = [];
  const items = sizes.items.toLocaleString('en');
  const figure = (measure: string, value: number, unit: string) => {
    rows.push({ items: sizes.items, measure, value, unit });
    console.log(`  ${items} items — ${measure}: ${value.toLocaleString('en', { maximumFractionDigits: 1 })} ${unit}`);
  };
  try {
    const engine = await createEngine({ ...loadConfig({}), databaseUrl, dataDir, logLevel: 'warn', retrainHours: 0 });
    const { key } = await engine.keys.create('bench-ingest', 'ingest');
    await engine.close();
    let t = performance.now();
    await generate(client, sizes, sizes.events, Date.now());
    figure('bulk generation in SQL', (performance.now() - t) / 1000, 's');

    const worker = await startDaogou({ role: 'worker', databaseUrl, dataDir, compiled, ...(root ? { root } : {}) });
    processes.push(worker);
    let trained: Awaited<ReturnType<typeof jobTimes>>;
    for (;;) {
      trained = await jobTimes(client, 'recommend.train');
      if (trained) break;
      if (worker.child.exitCode !== null) throw new Error('the worker exited');
      await sleep(500);
    }
    figure(`training on ${sizes.events.toLocaleString('en')} events (${trained.status})`, trained.seconds, 's');
    figure('worker peak RSS', memory(worker.child.pid).peak, 'MiB');
    // Stopped so that the probes below measure the API process alone, not the worker's profile folds.
    await worker.stop();

    t = performance.now();
    const api = await startDaogou({ role: 'api', databaseUrl, dataDir, compiled, ...(root ? { root } : {}) });
    processes.push(api);
    const res = await fetch(`${api.url}/v1/search?q=red%20dress&pageSize=10`, {
      headers: { authorization: `Bearer ${key}` },
    });
    if (!res.ok) throw new Error(`search failed: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    figure('API start to first search answered', (performance.now() - t) / 1000, 's');
    figure('API RSS with every item indexed', memory(api.child.pid).rss, 'MiB');
    figure('API CPU seconds to start', cpuSeconds(api.child.pid), 's');

    // The process loads the catalogue and model after it listens (decoding on its serving thread): the first
    // recommendation answered after that load, and a short pause, start the steady-state probes.
    t = performance.now();
    const first = await fetch(`${api.url}/v1/recommendations/customers/c1?limit=10`, {
      headers: { authorization: `Bearer ${key}` },
    });
    await first.arrayBuffer();
    figure('first recommendation answered after the first search', performance.now() - t, 'ms');
    await sleep(2000);
    const stop = { done: false };
    const probing = startProbes(() => [api], key, sizes, stop);
    await sleep(probeSeconds * 1000);
    stop.done = true;
    await probing.done;
    for (const row of latencyRows('idle', probing.probes)) rows.push({ items: sizes.items, ...row });
    figure('API RSS after the probes', memory(api.child.pid).rss, 'MiB');
    figure('API peak RSS', memory(api.child.pid).peak, 'MiB');
    return rows;
  } finally {
    for (const p of processes) await p.kill9();
    await bench.drop();
  }
}

/** Runs the catalogue-size benchmark. */
export default async function run(args: string[]): Promise<void> {
  const itemCounts = (option(args, 'items') ?? '1000,10000,100000').split(',').map(Number);
  if (itemCounts.some((n) => !Number.isInteger(n) || n < 50)) throw new Error('--items: whole numbers of 50 or more');
  const customers = Number(option(args, 'customers') ?? 10_000);
  const events = Number(option(args, 'events') ?? 200_000);
  const probeSeconds = Number(option(args, 'probe-seconds') ?? 10);
  const rootArg = option(args, 'root');
  const root = rootArg ? path.resolve(rootArg) : undefined;
  const compiled = existsSync(path.resolve(root ?? path.resolve(import.meta.dirname, '..'), 'dist/cli/main.js'));
  const load = os.loadavg();
  console.log(
    `catalogue sizes ${itemCounts.join(', ')}; ${customers.toLocaleString('en')} customers, ${events.toLocaleString('en')} events; ` +
      `${compiled ? 'dist/cli/main.js' : 'tsx'}; load average ${load.map((l) => l.toFixed(1)).join(' ')}`,
  );
  const rows: BenchRow[] = [];
  for (const items of itemCounts)
    rows.push(...(await measureSize({ customers, items, events }, probeSeconds, compiled, root)));
  printTable('API process by catalogue size (one API process, idle)', rows);
  writeReport('scale-catalogue', rows, {
    customers,
    events,
    itemCounts,
    loadAverageAtStart: load,
    loadAverageAtEnd: os.loadavg(),
  });
}
