/**
 * The ingest path alone, on PostgreSQL with real processes: `npm run bench -- scale-ingest [--events N]
 * [--api N] [--clients C] [--batch B] [--rounds R] [--baseline DIR | --baseline-env K=V,…] [--prefill ROWS] [--tsx]
 * [--cpu-prof DIR]`.
 *
 * Each round makes a fresh schema, starts N (default 2) `serve --role api` processes and has C clients post
 * batches of B events (the scale benchmark's events) round-robin until N events are acknowledged. It reports
 * events/s, the API processes' CPU per 1,000 events, and PostgreSQL's: the CPU of the server backends serving
 * those processes (found by application_name, sampled while they run), so other sessions on a shared server
 * are not counted. With `--baseline DIR` (a tree with a built dist/, e.g. a worktree of the previous commit)
 * each round runs that build too, alternately, and the table gives medians of both and their ratio. With
 * `--baseline-env K=V,…` the baseline is this build with those settings (e.g. DAOGOU_INGEST_THREAD=0). With
 * `--prefill ROWS` each round's month partition holds ROWS events (and their ids) before the processes start, as the
 * full store's month holds ~10M: index maintenance costs more in a large partition than in a fresh one.
 */
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type pg from 'pg';
import { startDaogou, type DaogouProcess } from '../test/helpers/daogou-process.js';
import { startIngestLoad } from '../test/helpers/ingest-load.js';
import { median, quantile, writeReport, type BenchRow } from './report.js';
import { cpuSeconds, createBenchSchema, scaleBatchMaker } from './_scale-common.js';
import { prefillMonth } from './_prefill-month.js';

const PG_URL = process.env.DAOGOU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROOT = path.resolve(import.meta.dirname, '..');

function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

/** Keeps the last CPU reading of every backend whose application_name is `app` (backends come and go). */
function watchBackends(client: pg.Client, app: string) {
  const seen = new Map<number, { first: number; last: number }>();
  let stopped = false;
  const sample = async () => {
    const { rows } = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where application_name = $1',
      [app],
    );
    for (const { pid } of rows) {
      const cpu = cpuSeconds(pid);
      if (Number.isNaN(cpu)) continue;
      const entry = seen.get(pid);
      if (entry) entry.last = cpu;
      else seen.set(pid, { first: cpu, last: cpu });
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    sample,
    /** CPU seconds used by the backends since they were first seen. */
    async stop(): Promise<number> {
      stopped = true;
      await loop;
      await sample();
      let total = 0;
      for (const { first, last } of seen.values()) total += last - first;
      return total;
    },
  };
}

interface RoundResult {
  eventsPerSecond: number;
  apiCpuPer1000: number;
  pgCpuPer1000: number;
  wall: number;
  batchP99: number;
  failures: number;
  /** WAL written per event by the whole server (other sessions' writes included), bytes. */
  walPerEvent: number;
}

async function round(
  root: string,
  label: string,
  options: {
    events: number;
    apis: number;
    clients: number;
    batch: number;
    prefill: number;
    compiled: boolean;
    cpuProf?: string;
  },
  env: Record<string, string> = {},
): Promise<RoundResult> {
  const app = `daogou_bench_${process.pid}_${label}`;
  const bench = await createBenchSchema(PG_URL, `daogou_bench_ingest_${process.pid}_${label}`, {
    applicationName: app,
  });
  const { databaseUrl, dataDir, admin } = bench;
  const processes: DaogouProcess[] = [];
  try {
    const entry = options.compiled ? ['dist/cli/main.js'] : ['--import', 'tsx', 'src/cli/main.ts'];
    const cli = (...command: string[]) =>
      execFileSync(process.execPath, [...entry, ...command], {
        cwd: root,
        env: {
          ...process.env,
          ...env,
          DAOGOU_DATABASE_URL: databaseUrl,
          DAOGOU_DATA_DIR: dataDir,
          DAOGOU_LOG_LEVEL: 'warn',
        },
        encoding: 'utf8',
      });
    // Migrates with the tree's own code; then this month's partition, as a worker's upkeep would make it.
    const key = cli('keys', 'create', '--name', 'bench', '--scope', 'ingest').split('\n')[0]!.trim();
    cli('events', 'partitions');
    if (options.prefill > 0) {
      const t0 = performance.now();
      await prefillMonth(bench.client, options.prefill, Date.now());
      console.log(
        `  prefilled ${options.prefill.toLocaleString('en')} rows in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
      );
    }
    for (let a = 0; a < options.apis; a++) {
      const nodeArgs = options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProf}`] : [];
      processes.push(
        await startDaogou({ role: 'api', databaseUrl, dataDir, compiled: options.compiled, root, nodeArgs, env }),
      );
    }
    const batches = Math.ceil(options.events / options.batch);
    // Warm-up: the first batches compile code paths and open pool connections.
    await startIngestLoad({
      urls: () => processes.map((p) => p.url),
      key,
      clients: options.apis,
      batchSize: options.batch,
      batch: scaleBatchMaker(Date.now(), 100_000, 10_000),
      maxBatches: options.apis * 4,
    }).stop();
    const watcher = watchBackends(admin, app);
    await watcher.sample();
    const walLsn = 'select pg_current_wal_insert_lsn() as lsn';
    const walBefore = (await admin.query<{ lsn: string }>(walLsn)).rows[0]!.lsn;
    const apiBefore = processes.map((p) => cpuSeconds(p.child.pid));
    const t = performance.now();
    const load = startIngestLoad({
      urls: () => processes.map((p) => p.url),
      key,
      clients: options.clients,
      batchSize: options.batch,
      batch: scaleBatchMaker(Date.now(), 100_000, 10_000),
      maxBatches: batches,
    });
    while (load.tally.batches + [...load.tally.failures.values()].reduce((a, b) => a + b, 0) < batches)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const tally = await load.stop();
    const wall = (performance.now() - t) / 1000;
    const apiCpu = processes.reduce((sum, p, i) => sum + cpuSeconds(p.child.pid) - apiBefore[i]!, 0);
    const pgCpu = await watcher.stop();
    const n = tally.acknowledged.length;
    const wal = await admin.query<{ bytes: string }>(
      `select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), $1) as bytes`,
      [walBefore],
    );
    return {
      eventsPerSecond: n / wall,
      apiCpuPer1000: (apiCpu * 1000) / n,
      pgCpuPer1000: (pgCpu * 1000) / n,
      wall,
      batchP99: quantile(tally.latencies, 0.99),
      failures: [...tally.failures.values()].reduce((a, b) => a + b, 0),
      walPerEvent: Number(wal.rows[0]!.bytes) / n,
    };
  } finally {
    // SIGTERM lets --cpu-prof write its profile.
    for (const p of processes) await (options.cpuProf ? p.stop() : p.kill9());
    await bench.drop();
  }
}

/** Runs the ingest benchmark. */
export default async function run(args: string[]): Promise<void> {
  const options = {
    events: Number(arg(args, 'events', '200000')),
    apis: Number(arg(args, 'api', '2')),
    clients: Number(arg(args, 'clients', '8')),
    batch: Number(arg(args, 'batch', '1000')),
    prefill: Number(arg(args, 'prefill', '0')),
    compiled: !args.includes('--tsx'),
    ...(args.includes('--cpu-prof') ? { cpuProf: path.resolve(arg(args, 'cpu-prof', 'cpu-prof')) } : {}),
  };
  const rounds = Number(arg(args, 'rounds', '3'));
  const baselineEnv = args.includes('--baseline-env')
    ? Object.fromEntries(
        arg(args, 'baseline-env', '')
          .split(',')
          .map((pair) => {
            const at = pair.indexOf('=');
            if (at < 1) throw new Error(`--baseline-env: ${pair} is not KEY=VALUE`);
            return [pair.slice(0, at), pair.slice(at + 1)];
          }),
      )
    : undefined;
  const baseline = args.includes('--baseline')
    ? path.resolve(arg(args, 'baseline', ''))
    : baselineEnv
      ? ROOT
      : undefined;
  const trees: [string, string, Record<string, string>][] = [
    ['this', ROOT, {}],
    ...(baseline ? [['baseline', baseline, baselineEnv ?? {}] as [string, string, Record<string, string>]] : []),
  ];
  const loadStart = os.loadavg();
  console.log(
    `scale-ingest: ${options.events.toLocaleString('en')} events per round, ${options.apis} API processes, ` +
      `${options.clients} clients, batches of ${options.batch}, ${options.prefill.toLocaleString('en')} rows prefilled; load average ${loadStart.map((l) => l.toFixed(1)).join(' ')}`,
  );
  const results = new Map<string, RoundResult[]>(trees.map(([name]) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, root, env] of r % 2 === 0 ? trees : [...trees].reverse()) {
      const result = await round(root, `${name}_${r}`, options, env);
      results.get(name)!.push(result);
      console.log(
        `  round ${r + 1} ${name}: ${result.eventsPerSecond.toFixed(0)} events/s, API ${(result.apiCpuPer1000 * 1000).toFixed(1)} CPU-ms/1,000 events, ` +
          `PostgreSQL ${(result.pgCpuPer1000 * 1000).toFixed(1)} CPU-ms/1,000, wall ${result.wall.toFixed(1)} s, ` +
          `batch p99 ${result.batchP99.toFixed(0)} ms, WAL ${result.walPerEvent.toFixed(0)} B/event, failures ${result.failures}; load ${os.loadavg()[0]!.toFixed(1)}`,
      );
    }
  }
  const rows: BenchRow[] = [];
  const med = (name: string, f: (r: RoundResult) => number) => median(results.get(name)!.map(f));
  for (const [what, f, unit] of [
    ['ingest rate', (r: RoundResult) => r.eventsPerSecond, 'events/s'],
    ['API CPU per 1,000 events', (r: RoundResult) => r.apiCpuPer1000 * 1000, 'CPU ms'],
    ['PostgreSQL backend CPU per 1,000 events', (r: RoundResult) => r.pgCpuPer1000 * 1000, 'CPU ms'],
    ['wall per round', (r: RoundResult) => r.wall, 's'],
    ['batch p99', (r: RoundResult) => r.batchP99, 'ms'],
    ['WAL per event (whole server)', (r: RoundResult) => r.walPerEvent, 'bytes'],
  ] as const) {
    const row: BenchRow = { measure: what, unit, this: med('this', f) };
    if (baseline) Object.assign(row, { baseline: med('baseline', f), ratio: med('this', f) / med('baseline', f) });
    rows.push(row);
  }
  writeReport('scale-ingest', rows, {
    ...options,
    rounds,
    baseline,
    baselineEnv,
    loadAverageAtStart: loadStart,
    loadAverageAtEnd: os.loadavg(),
  });
  console.log(
    `load average at end ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}
