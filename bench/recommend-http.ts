/**
 * Recommendation serving speed: `npm run bench -- recommend-http [--seconds 10] [--connections 10]`.
 * Imports Amazon Beauty (S3-Rec files) into a fresh SQLite store through the s3rec-amazon adapter,
 * trains the default pipeline, then loads `/v1/recommendations/customers/{id}?k=10` over many customer
 * ids with autocannon from a separate process on loopback: customers served from the model's
 * precomputed lists, and customers with an event newer than the model (scored live). Baseline in the same run: `/v1/items/{id}`,
 * a single indexed read through the same stack. States req/s, p50/p99, process memory, training time.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/config.js';
import { s3recAmazon } from '../src/datasets/adapters/s3rec-amazon.js';
import { datasetPath, missingDatasetMessage } from '../src/datasets/location.js';
import { createEngine } from '../src/engine/engine.js';
import { buildApp } from '../src/server/app.js';
import type { BenchRow } from './report.js';
import { writeReport } from './report.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const MiB = 2 ** 20;

interface LoadResult {
  rps: number;
  total: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
}

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** Runs the load generator in a child process and returns its figures. */
function load(config: Record<string, unknown>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, '_recommend-http-client.ts'), [], { execArgv: ['--import', 'tsx'] });
    child.send(config);
    child.once('message', (m) => resolve(m as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`load generator exited with ${code}`))));
  });
}

/** The benchmark. */
export default async function recommendHttpBench(args: string[]): Promise<void> {
  const seconds = arg(args, 'seconds', 10);
  const connections = arg(args, 'connections', 10);
  const sequences = datasetPath('amazon-beauty', 'Beauty.txt');
  if (!sequences) {
    console.warn(missingDatasetMessage('amazon-beauty', 'Beauty.txt'));
    return;
  }
  const attributes = datasetPath('amazon-beauty', 'Beauty_item2attributes.json') ?? undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-bench-rec-'));
  const engine = await createEngine({
    ...loadConfig({}),
    databaseUrl: `sqlite:${path.join(dir, 'daogou.db')}`,
    dataDir: dir,
    rateLimitMax: 0,
    retrainHours: 0,
  });
  try {
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

    const app = await buildApp(engine);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const key = (await engine.keys.create('bench', 'admin')).key;
    const customers = readFileSync(sequences, 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[0])
      .filter((u): u is string => Boolean(u))
      .map((u) => `s3rec-${u}`);
    // 11k customers in turn: at these rates nearly every request in 10 s is a different customer. Their lists
    // come from the model's precomputed candidates (no event newer than the model).
    const ids = customers.slice(0, 11_000);
    const items = (await engine.store.items.list({ limit: 5000 })).map((i) => i.id);
    // The other 11k after a fresh event each: their first request scores the whole catalogue live (a repeat
    // would hit the per-customer candidate cache; `requests` shows whether the run got that far).
    const live = customers.slice(11_000);
    await engine.events.track(
      live.map((c, i) => ({ id: `bench-view-${i}`, type: 'view', customerId: c, itemId: items[i % items.length]! })),
      { strict: false },
    );

    // Warm up the JIT on both routes (with customers the measured cold run reaches last, if at all).
    for (let i = 0; i < 300; i++) {
      await fetch(`${url}/v1/recommendations/customers/${ids[ids.length - 1 - i]}?k=10`, {
        headers: { authorization: `Bearer ${key}` },
      });
      await fetch(`${url}/v1/items/${items[i]}`, { headers: { authorization: `Bearer ${key}` } });
    }
    const sample = (await (
      await fetch(`${url}/v1/recommendations/customers/${ids[1]}?k=10`, { headers: { authorization: `Bearer ${key}` } })
    ).json()) as { items: { id: string; reasons: { text: string }[] }[] };
    console.log(
      'sample',
      sample.items.slice(0, 3).map((r) => `${r.id}: ${r.reasons.map((x) => x.text).join('; ')}`),
    );

    // An unmeasured run first: the JIT and the collector settle after training (customers from the end of
    // the precomputed group, which the measured run does not reach at these rates).
    await load({
      url,
      pathTemplate: '/v1/recommendations/customers/{id}?k=10',
      ids: [...ids].reverse().slice(0, 5000),
      key,
      seconds: Math.min(5, seconds),
      connections,
    });
    const rows: BenchRow[] = [];
    let peakRss = 0;
    let peakHeap = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 200);
    const runs: [string, string, string[]][] = [
      ['GET /v1/items/{id} (baseline)', '/v1/items/{id}', items],
      [
        'GET /v1/recommendations/customers/{id}?k=10 (11k customers, precomputed lists)',
        '/v1/recommendations/customers/{id}?k=10',
        ids,
      ],
      [
        'GET /v1/recommendations/customers/{id}?k=10 (11k after a new event, scored live)',
        '/v1/recommendations/customers/{id}?k=10',
        live,
      ],
    ];
    for (const [name, pathTemplate, list] of runs) {
      const r = await load({ url, pathTemplate, ids: list, key, seconds, connections });
      rows.push({
        route: name,
        'req/s': Math.round(r.rps),
        'p50 ms': r.p50,
        'p90 ms': r.p90,
        'p99 ms': r.p99,
        'max ms': r.max,
        requests: r.total,
        'errors+non2xx': r.errors + r.non2xx,
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
      importSeconds,
      trainSeconds,
      trainCpuSeconds: (cpu.user + cpu.system) / 1e6,
      trainMetrics: trained.metrics,
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
