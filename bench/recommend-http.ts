/**
 * Recommendation serving speed: `npm run bench -- recommend-http [--seconds 10] [--connections 10]
 * [--data-dir DIR] [--only baseline,precomputed,live,retrain]`.
 * Imports Amazon Beauty (S3-Rec files) into a fresh SQLite store through the s3rec-amazon adapter,
 * trains the default pipeline, then loads `/v1/recommendations/customers/{id}?k=10` over many customer
 * ids with autocannon from a separate process on loopback: customers served from the model's
 * precomputed lists, customers with an event newer than the model (scored live), and the precomputed
 * group again while a retraining runs in the same process (as `serve` runs its worker). Baseline in the
 * same run: `/v1/items/{id}`, a single indexed read through the same stack. States req/s, p50/p99, the
 * server's event-loop delay and GC pauses per run, process memory and training time.
 * `--data-dir` keeps the imported and trained store there and reuses it (on a copy) in later runs.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { s3recAmazon } from '../src/datasets/adapters/s3rec-amazon.js';
import { datasetPath, missingDatasetMessage } from '../src/datasets/location.js';
import { createEngine, type Engine } from '../src/engine/engine.js';
import { buildApp } from '../src/server/app.js';
import { runLoad } from './_http-load.js';
import { startProbe } from './_recommend-http-probe.js';
import type { BenchRow } from './report.js';
import { writeReport } from './report.js';

const MiB = 2 ** 20;
const DB_FILES = ['daogou.db', 'daogou.db-wal', 'daogou.db-shm'];

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

function textArg(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function openEngine(dir: string): Promise<Engine> {
  return createEngine({
    ...loadConfig({}),
    databaseUrl: `sqlite:${path.join(dir, 'daogou.db')}`,
    dataDir: dir,
    rateLimitMax: 0,
    retrainHours: 0,
  });
}

/** Imports Beauty and trains once; returns import and training figures. */
async function prepare(engine: Engine, sequences: string, attributes: string | undefined) {
  let t = performance.now();
  const imported = await engine.imports.import(s3recAmazon.read({ sequences, attributes }, { idPrefix: 's3rec' }));
  const importSeconds = (performance.now() - t) / 1000;
  console.log(`imported ${JSON.stringify(imported.imported)} in ${importSeconds.toFixed(1)} s`);
  t = performance.now();
  const cpu0 = process.cpuUsage();
  const trained = await engine.recommendations.train((f, m) => void (f === 1 && console.log(m)));
  const trainSeconds = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(`trained ${trained.modelId} in ${trainSeconds.toFixed(1)} s`, trained.metrics);
  return { importSeconds, trainSeconds, trainCpuSeconds: (cpu.user + cpu.system) / 1e6, trainMetrics: trained.metrics };
}

/** The benchmark. */
export default async function recommendHttpBench(args: string[]): Promise<void> {
  const seconds = arg(args, 'seconds', 10);
  const connections = arg(args, 'connections', 10);
  const only = new Set((textArg(args, 'only') ?? 'baseline,precomputed,live,retrain').split(','));
  const keep = textArg(args, 'data-dir');
  const sequences = datasetPath('amazon-beauty', 'Beauty.txt');
  if (!sequences) {
    console.warn(missingDatasetMessage('amazon-beauty', 'Beauty.txt'));
    return;
  }
  const attributes = datasetPath('amazon-beauty', 'Beauty_item2attributes.json') ?? undefined;
  let prepared: Awaited<ReturnType<typeof prepare>> | undefined;
  if (keep && !existsSync(path.join(keep, 'daogou.db'))) {
    mkdirSync(keep, { recursive: true });
    const first = await openEngine(keep);
    prepared = await prepare(first, sequences, attributes);
    await first.close();
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-bench-rec-'));
  // A kept store is used through a copy, so runs (which add events and may retrain) never change it.
  if (keep)
    for (const f of DB_FILES) if (existsSync(path.join(keep, f))) copyFileSync(path.join(keep, f), path.join(dir, f));
  const engine = await openEngine(dir);
  try {
    prepared ??= keep ? undefined : await prepare(engine, sequences, attributes);
    const app = await buildApp(engine);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const key = (await engine.keys.create('bench', 'admin')).key;
    const headers = { authorization: `Bearer ${key}` };
    const customers = readFileSync(sequences, 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[0])
      .filter((u): u is string => Boolean(u))
      .map((u) => `s3rec-${u}`);
    // 11k customers in turn: at these rates nearly every request in 10 s is a different customer. Their lists
    // come from the model's precomputed candidates (no event newer than the model).
    const ids = customers.slice(0, 11_000);
    const items = (await engine.store.items.list({ limit: 5000 })).map((i) => i.id);
    // The other 11k after a fresh event each: their first request scores them live (a repeat would hit the
    // per-customer candidate cache; `requests` shows whether the run got that far).
    const live = customers.slice(11_000);
    await engine.events.track(
      live.map((c, i) => ({ id: `bench-view-${i}`, type: 'view', customerId: c, itemId: items[i % items.length]! })),
      { strict: false },
    );

    // Warm up the JIT on both routes (with customers the measured cold run reaches last, if at all).
    for (let i = 0; i < 300; i++) {
      await fetch(`${url}/v1/recommendations/customers/${ids[ids.length - 1 - i]}?k=10`, {
        headers,
      });
      await fetch(`${url}/v1/items/${items[i]}`, { headers });
    }
    const sample = (await (await fetch(`${url}/v1/recommendations/customers/${ids[1]}?k=10`, { headers })).json()) as {
      items: { id: string; reasons: { text: string }[] }[];
    };
    console.log(
      'sample',
      sample.items.slice(0, 3).map((r) => `${r.id}: ${r.reasons.map((x) => x.text).join('; ')}`),
    );

    // An unmeasured run first: the JIT and the collector settle after training (customers from the end of
    // the precomputed group, which the measured run does not reach at these rates).
    const rest = [...ids].reverse().slice(0, 5000);
    const recPath = '/v1/recommendations/customers/{id}?k=10';
    await runLoad({ url, pathTemplate: recPath, ids: rest, headers, seconds: Math.min(5, seconds), connections });
    const rows: BenchRow[] = [];
    let peakRss = 0;
    let peakHeap = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 200);
    const runs: [string, string, string, string[]][] = [
      ['baseline', 'GET /v1/items/{id} (baseline)', '/v1/items/{id}', items],
      ['precomputed', 'for-you, 11k customers, precomputed lists', recPath, ids],
      ['live', 'for-you, 11k after a new event, scored live', recPath, live],
      ['retrain', 'for-you, precomputed, while retraining in-process', recPath, rest],
    ];
    let retrainSeconds: number | null = null;
    for (const [which, name, pathTemplate, list] of runs) {
      if (!only.has(which)) continue;
      // The retraining starts with the load and outlasts it: every measured request meets it.
      const training =
        which === 'retrain'
          ? (async () => {
              const t = performance.now();
              await engine.recommendations.train();
              retrainSeconds = (performance.now() - t) / 1000;
            })()
          : undefined;
      const probe = startProbe();
      const r = await runLoad({ url, pathTemplate, ids: list, headers, seconds, connections });
      const p = probe.stop();
      await training;
      rows.push({
        route: name,
        'req/s': Math.round(r.rps),
        'p50 ms': r.p50,
        'p90 ms': r.p90,
        'p99 ms': r.p99,
        'max ms': r.max,
        requests: r.total,
        'errors+non2xx': r.errors + r.non2xx,
        'loop p99 ms': p.loopP99,
        'loop max ms': p.loopMax,
        'gc ms': p.gcTotalMs,
        'gc max ms': p.gcMaxMs,
      });
    }
    clearInterval(sampler);
    await app.close();
    const mem = process.memoryUsage();
    writeReport('recommend-http', rows, {
      dataset: 'amazon-beauty',
      connections,
      seconds,
      distinctCustomers: ids.length,
      liveScoredCustomers: live.length,
      ...(prepared ?? { reusedStore: keep }),
      retrainSecondsUnderLoad: retrainSeconds,
      memory: {
        peakRssMiB: Math.round(peakRss / MiB),
        peakHeapUsedMiB: Math.round(peakHeap / MiB),
        rssMiBAfter: Math.round(mem.rss / MiB),
        heapUsedMiBAfter: Math.round(mem.heapUsed / MiB),
      },
      loadAverage: os.loadavg(),
    });
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
