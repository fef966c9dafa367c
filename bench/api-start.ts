/**
 * An API process's start and its recommendation serving on a large store: `npm run bench -- api-start
 * [--items N] [--customers N] [--events N] [--rounds R] [--probe-seconds S] [--baseline DIR] [--keep]`.
 *
 * On the PostgreSQL at DAOGOU_TEST_PG_URL, in a schema kept between runs of the same sizes (generated as the
 * scale benchmark's store and trained once in this process; `--keep` leaves it for the next run), each round
 * starts one `serve --role api` of this build and, alternately, of the baseline build (`--baseline DIR`: a tree
 * with `dist/`, `package.json` and `node_modules`) twice: with no model stored (the popularity fallback) and
 * with the trained model. While it starts, /health is asked without pause: its longest answer is how long
 * the event loop was held at once (decoding the model, reading the log). Then S seconds of similar-items,
 * personal and trending requests give p50/p99. Writes bench/results/api-start.json.
 */
import os from 'node:os';
import path from 'node:path';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { loadConfig } from '../src/config/config.js';
import { createEngine } from '../src/engine/engine.js';
import { startDaogou, type DaogouProcess } from '../test/helpers/daogou-process.js';
import { median, printTable, quantile, writeReport, type BenchRow } from './report.js';
import { cpuSeconds } from './_scale-common.js';
import { generate } from './scale.js';

const PG_URL = process.env.DAOGOU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** Latencies of `url()` asked one after another until stopped. */
async function probe(url: () => string, key: string, stop: { done: boolean }, out: number[]): Promise<void> {
  while (!stop.done) {
    const t = performance.now();
    try {
      const res = await fetch(url(), { headers: { authorization: `Bearer ${key}` } });
      await res.arrayBuffer();
      out.push(performance.now() - t);
    } catch {
      await sleep(5);
    }
  }
}

/** The model id served now, null for the fallback (asks trending). */
async function servedModel(api: DaogouProcess, key: string): Promise<string | null> {
  const res = await fetch(`${api.url}/v1/recommendations/trending?limit=10`, {
    headers: { authorization: `Bearer ${key}` },
  });
  const body = (await res.json()) as { model?: { id: string } | null };
  return res.ok ? (body.model?.id ?? null) : null;
}

/** One API process of one build, with or without a model: start, event-loop holds, then latency. */
async function measureStart(
  build: { name: string; root: string | undefined },
  withModel: boolean,
  env: { databaseUrl: string; key: string; customers: number; items: number; probeSeconds: number },
): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'daogou-api-start-'));
  const t0 = performance.now();
  const api = await startDaogou({
    role: 'api',
    databaseUrl: env.databaseUrl,
    dataDir,
    compiled: true,
    ...(build.root ? { root: build.root } : {}),
  });
  try {
    const health: number[] = [];
    const stop = { done: false };
    const healthProbe = probe(() => `${api.url}/health`, env.key, stop, health);
    // Ready to serve: the trained model is served (or, without one, the first trending list is answered).
    for (;;) {
      const model = await servedModel(api, env.key).catch(() => null);
      if (!withModel || model !== null) break;
      await sleep(20);
    }
    const loaded = performance.now() - t0;
    stop.done = true;
    await healthProbe;
    const startCpu = cpuSeconds(api.child.pid);
    await sleep(500);
    const lat = { similar: [] as number[], personal: [] as number[], trending: [] as number[] };
    const run = { done: false };
    let n = 0;
    const probes = [
      probe(
        () => `${api.url}/v1/recommendations/items/i${1 + ((n++ * 7919) % env.items)}/similar?limit=10`,
        env.key,
        run,
        lat.similar,
      ),
      probe(
        () => `${api.url}/v1/recommendations/customers/c${1 + ((n++ * 104_729) % env.customers)}?limit=10`,
        env.key,
        run,
        lat.personal,
      ),
      probe(() => `${api.url}/v1/recommendations/trending?limit=10`, env.key, run, lat.trending),
    ];
    await sleep(env.probeSeconds * 1000);
    run.done = true;
    await Promise.all(probes);
    return {
      'start to serving (ms)': loaded,
      'longest /health answer while starting (ms)': Math.max(0, ...health),
      '/health answers while starting': health.length,
      'API CPU to serving (s)': startCpu,
      'similar p50 (ms)': quantile(lat.similar, 0.5),
      'similar p99 (ms)': quantile(lat.similar, 0.99),
      'personal p50 (ms)': quantile(lat.personal, 0.5),
      'personal p99 (ms)': quantile(lat.personal, 0.99),
      'trending p50 (ms)': quantile(lat.trending, 0.5),
      'trending p99 (ms)': quantile(lat.trending, 0.99),
      'load average (1 min)': os.loadavg()[0]!,
    };
  } finally {
    await api.kill9();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The model load alone, in a process of its own with the build's engine (bench/_api-start-load.ts). */
function measureLoad(root: string, databaseUrl: string): Record<string, number> {
  const script = path.resolve(import.meta.dirname, '_api-start-load.ts');
  const tsx = path.resolve(import.meta.dirname, '../node_modules/.bin/tsx');
  const out = execFileSync(tsx, [script, root, databaseUrl], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
}

/** The benchmark's store: generated and trained once per size, kept in its schema between runs. */
async function prepare(sizes: { customers: number; items: number; events: number }) {
  const schema = `daogou_bench_api_start_${sizes.items}_${sizes.customers}_${sizes.events}`;
  const databaseUrl = `${PG_URL}?schema=${schema}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_namespace where nspname = $1', [schema])).rowCount === 1;
  if (!exists) await admin.query(`create schema ${schema}`);
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'daogou-api-start-'));
  const engine = await createEngine({ ...loadConfig({}), databaseUrl, dataDir, logLevel: 'warn', retrainHours: 0 });
  try {
    if (!exists) {
      await generate(client, sizes, sizes.events, Date.now());
      const t = performance.now();
      await engine.recommendations.train();
      console.log(`  trained in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      await client.query('create table bench_artifacts as select * from model_artifacts');
    }
    const { key } = await engine.keys.create('bench-api-start', 'admin');
    return { schema, databaseUrl, key, admin, client };
  } finally {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs the API start benchmark. */
export default async function run(args: string[]): Promise<void> {
  const sizes = {
    items: arg(args, 'items', 20_000),
    customers: arg(args, 'customers', 10_000),
    events: arg(args, 'events', 100_000),
  };
  const rounds = arg(args, 'rounds', 2);
  const probeSeconds = arg(args, 'probe-seconds', 5);
  const b = args.indexOf('--baseline');
  const baseline = b >= 0 ? path.resolve(args[b + 1]!) : undefined;
  if (baseline && !existsSync(path.join(baseline, 'dist/cli/main.js'))) throw new Error(`${baseline}: no dist/`);
  const loadAtStart = os.loadavg();
  console.log(`${JSON.stringify(sizes)}; load average ${loadAtStart.map((l) => l.toFixed(1)).join(' ')}`);
  const db = await prepare(sizes);
  const builds = [...(baseline ? [{ name: 'baseline', root: baseline }] : []), { name: 'this', root: undefined }];
  const results = new Map<string, Record<string, number>[]>();
  try {
    for (let r = 0; r < rounds; r++)
      for (const withModel of [false, true]) {
        await db.client.query('delete from model_artifacts');
        if (withModel) await db.client.query('insert into model_artifacts select * from bench_artifacts');
        for (const build of r % 2 === 0 ? builds : [...builds].reverse()) {
          const name = `${build.name}, ${withModel ? 'model' : 'no model'}`;
          const figures = {
            ...measureLoad(build.root ?? path.resolve(import.meta.dirname, '..'), db.databaseUrl),
            ...(await measureStart(build, withModel, { ...db, ...sizes, probeSeconds })),
          };
          console.log(
            `  round ${r + 1} ${name}: ${JSON.stringify(figures, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))}`,
          );
          results.set(name, [...(results.get(name) ?? []), figures]);
        }
      }
  } finally {
    await db.client.query('delete from model_artifacts');
    await db.client.query('insert into model_artifacts select * from bench_artifacts');
    await db.client.end();
    if (!args.includes('--keep')) await db.admin.query(`drop schema ${db.schema} cascade`);
    await db.admin.end();
  }
  const rows: BenchRow[] = [];
  for (const [name, runs] of results)
    for (const measure of Object.keys(runs[0]!))
      rows.push({
        build: name,
        measure,
        median: median(runs.map((f) => f[measure]!)),
        rounds: runs.map((f) => Math.round(f[measure]! * 10) / 10).join(' / '),
      });
  printTable(`API start and recommendation latency, ${rounds} rounds alternated (medians)`, rows);
  writeReport('api-start', rows, {
    ...sizes,
    rounds,
    probeSeconds,
    baseline: baseline ?? null,
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: os.loadavg(),
  });
}
