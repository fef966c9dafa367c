/**
 * Does the default server stay responsive while background jobs run? `npm run bench -- availability
 * [--items 3000] [--customers 5000] [--days 180] [--import-events 100000] [--baseline-seconds 5]
 * [--modes thread,inline] [--jobs import,profiles,analyse,train,refresh,reindex,evaluate]`.
 * Loads the demo store (demo size by default) into a temp SQLite file, trains and folds profiles once,
 * then starts the server in a child process and, for a baseline with no job and then for each job kind,
 * measures `GET /health` and `GET /v1/recommendations/customers/{id}` back to back (one request in
 * flight per route) until the job is done. `thread` is `serve` as it ships (jobs on their own thread);
 * `inline` runs the worker on the serving thread, as `serve` did before, on a fresh copy of the same store.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../src/config/config.js';
import { prepareDemo } from '../src/engine/demo.js';
import { createEngine, type Engine } from '../src/engine/engine.js';
import { ANALYSE_JOB, PROFILES_JOB } from '../src/jobs/customer-jobs.js';
import { EVALUATE_JOB } from '../src/jobs/evaluate-jobs.js';
import { startImport } from '../src/jobs/import-jobs.js';
import { TRAIN_JOB } from '../src/jobs/recommend-jobs.js';
import { SEARCH_REFRESH_JOB, SEARCH_REINDEX_JOB } from '../src/jobs/search-jobs.js';
import type { JobRecord } from '../src/store/repositories/job-repository.js';
import { writeReport, type BenchRow } from './report.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DB_FILES = ['daogou.db', 'daogou.db-wal', 'daogou.db-shm'];
const ALL_JOBS = ['import', 'profiles', 'analyse', 'train', 'refresh', 'reindex', 'evaluate'];

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

function listArg(args: string[], name: string, fallback: string[]): string[] {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]!.split(',') : fallback;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function configFor(dir: string): Config {
  return {
    ...loadConfig({}),
    dataDir: dir,
    databaseUrl: `sqlite:${path.join(dir, 'daogou.db')}`,
    logLevel: 'warn',
    retrainHours: 0,
  };
}

/** Latency percentiles of one route during one phase, ms. */
interface Latency {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

function percentiles(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? Number.NaN };
}

/** Requests `url()` back to back until stopped; returns each request's latency in ms (statuses not 2xx go to `errors`). */
async function probe(url: () => string, key: string, stop: { done: boolean }, errors: number[]): Promise<number[]> {
  const samples: number[] = [];
  while (!stop.done) {
    const target = url();
    const t = performance.now();
    const res = await fetch(target, { headers: { authorization: `Bearer ${key}` } });
    await res.arrayBuffer();
    samples.push(performance.now() - t);
    if (!res.ok) errors.push(res.status);
    // A short pause: the load is a steady trickle, not a saturation test (the machine is shared).
    await sleep(5);
  }
  return samples;
}

/** Loads the demo store, trains, folds profiles and writes the events file the import phase uploads. */
async function prepare(dir: string, args: string[]): Promise<void> {
  const engine = await createEngine(configFor(dir));
  try {
    const t = performance.now();
    const demo = await prepareDemo(engine, undefined, {
      items: arg(args, 'items', 3000),
      customers: arg(args, 'customers', 5000),
      days: arg(args, 'days', 180),
    });
    console.log(`${demo.summary} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await engine.recommendations.train();
    await engine.customerAnalytics.profiles.catchUp();
    console.log('trained and folded profiles');
  } finally {
    await engine.close();
  }
}

function importBody(engine: Engine, items: string[], customers: string[], count: number): Readable {
  const now = engine.clock();
  const types = ['view', 'view', 'view', 'view', 'click', 'add_to_cart', 'purchase'];
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const lines = function* () {
    for (let i = 0; i < count; i++) {
      const type = types[Math.floor(next() * types.length)]!;
      const event = {
        id: `bench-avail-${i}`,
        type,
        customerId: customers[Math.floor(next() * customers.length)]!,
        itemId: items[Math.floor(next() * items.length)]!,
        timestamp: new Date(now - Math.floor(next() * 7 * 86_400_000)).toISOString(),
        ...(type === 'purchase' ? { quantity: 1, price: 99, orderId: `bench-order-${i}` } : {}),
      };
      yield `${JSON.stringify(event)}\n`;
    }
  };
  return Readable.from(lines());
}

async function startServerProcess(mode: string, dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(path.join(here, '_availability-server.ts'), [mode, dir, configFor(dir).databaseUrl], {
    execArgv: ['--import', 'tsx'],
  });
  // Should this process die first, the server must not be left running.
  const orphaned = () => child.kill();
  process.once('exit', orphaned);
  child.once('exit', () => process.off('exit', orphaned));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return { child, url };
}

async function idle(engine: Engine): Promise<void> {
  for (;;) {
    const busy = (await engine.jobs.recent(50)).some((j) => j.status === 'queued' || j.status === 'running');
    if (!busy && (await engine.customerAnalytics.profiles.caughtUp())) return;
    await sleep(200);
  }
}

async function finished(engine: Engine, job: JobRecord): Promise<JobRecord> {
  for (;;) {
    const now = await engine.jobs.get(job.id);
    if (now && (now.status === 'done' || now.status === 'failed' || now.status === 'cancelled')) return now;
    await sleep(100);
  }
}

/** Runs one mode: a fresh copy of the prepared store, the server, then every phase. */
async function runMode(mode: string, prepared: string, args: string[]): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `daogou-bench-avail-${mode}-`));
  for (const f of DB_FILES)
    if (existsSync(path.join(prepared, f))) copyFileSync(path.join(prepared, f), path.join(dir, f));
  const { child, url } = await startServerProcess(mode, dir);
  const engine = await createEngine(configFor(dir));
  const rows: BenchRow[] = [];
  try {
    const key = (await engine.keys.create('bench', 'admin')).key;
    const customers = (await engine.store.customers.list({ limit: 500 })).map((c) => c.id);
    const items = (await engine.store.items.list({ limit: 5000 })).map((i) => i.id);
    let turn = 0;
    const recUrl = () => `${url}/v1/recommendations/customers/${customers[turn++ % customers.length]}?k=10`;
    const phase = async (name: string, work: () => Promise<JobRecord | number>, settle = true) => {
      if (settle) await idle(engine);
      const stop = { done: false };
      const errors: number[] = [];
      const health = probe(() => `${url}/health`, key, stop, errors);
      const recs = probe(recUrl, key, stop, errors);
      const t = performance.now();
      const outcome = await work();
      const seconds = (performance.now() - t) / 1000;
      stop.done = true;
      const [healthSamples, recSamples] = await Promise.all([health, recs]);
      const h = percentiles(healthSamples);
      const r = percentiles(recSamples);
      const status = typeof outcome === 'number' ? 'none' : outcome.status;
      const row: BenchRow = {
        mode,
        job: name,
        status,
        'job s': Number(seconds.toFixed(1)),
        'health n': h.n,
        'health p50 ms': h.p50,
        'health p99 ms': h.p99,
        'health max ms': h.max,
        'rec n': r.n,
        'rec p50 ms': r.p50,
        'rec p99 ms': r.p99,
        'rec max ms': r.max,
        errors: errors.length,
      };
      if (typeof outcome !== 'number' && outcome.status !== 'done') row.error = outcome.lastError;
      console.log(JSON.stringify(row));
      rows.push(row);
    };
    const run =
      (name: string, payload: unknown = {}) =>
      async () =>
        finished(engine, await engine.jobs.enqueue(name, payload, { maxAttempts: 1 }));
    // Warm-up: the first requests compile routes and load the model and index; not part of any phase.
    for (let i = 0; i < 50; i++) {
      for (const target of [`${url}/health`, recUrl()]) {
        const res = await fetch(target, { headers: { authorization: `Bearer ${key}` } });
        await res.arrayBuffer();
      }
    }
    const jobs = new Set(listArg(args, 'jobs', ALL_JOBS));
    await phase('none (baseline)', async () => {
      await sleep(arg(args, 'baseline-seconds', 5) * 1000);
      return 0;
    });
    if (jobs.has('import')) {
      const count = arg(args, 'import-events', 100_000);
      await phase(`data.import (${count.toLocaleString('en')} events)`, async () =>
        finished(
          engine,
          await startImport(
            engine.jobs,
            importBody(engine, items, customers, count),
            { kind: 'events', format: 'jsonl' },
            { uploadsDir: path.join(dir, 'uploads'), limitBytes: 2 ** 31 },
          ),
        ),
      );
      // Straight after the import, before the 10-second schedule folds them unmeasured.
      if (jobs.has('profiles'))
        await phase(
          `${PROFILES_JOB} (the import's events)`,
          async () => {
            const job = await run(PROFILES_JOB)();
            while (!(await engine.customerAnalytics.profiles.caughtUp())) await sleep(100);
            return job;
          },
          false,
        );
    }
    if (jobs.has('analyse')) await phase(ANALYSE_JOB, run(ANALYSE_JOB));
    if (jobs.has('train')) await phase(TRAIN_JOB, run(TRAIN_JOB));
    if (jobs.has('refresh')) await phase(SEARCH_REFRESH_JOB, run(SEARCH_REFRESH_JOB));
    if (jobs.has('reindex')) await phase(SEARCH_REINDEX_JOB, run(SEARCH_REINDEX_JOB));
    if (jobs.has('evaluate')) await phase(EVALUATE_JOB, run(EVALUATE_JOB));
  } finally {
    await engine.close();
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** The benchmark. */
export default async function availabilityBench(args: string[]): Promise<void> {
  const prepared = mkdtempSync(path.join(os.tmpdir(), 'daogou-bench-avail-'));
  mkdirSync(prepared, { recursive: true });
  try {
    await prepare(prepared, args);
    const rows: BenchRow[] = [];
    for (const mode of listArg(args, 'modes', ['thread', 'inline']))
      rows.push(...(await runMode(mode, prepared, args)));
    writeReport('availability', rows, {
      settings: Object.fromEntries(
        ['items', 'customers', 'days', 'import-events', 'baseline-seconds'].map((n) => [n, arg(args, n, Number.NaN)]),
      ),
    });
  } finally {
    rmSync(prepared, { recursive: true, force: true });
  }
}
