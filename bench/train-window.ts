/**
 * Recommender training against the events it reads: `npm run bench -- train-window [--customers N] [--items N]
 * [--events N] [--windows 500000,1000000,…] [--repeat R] [--schema NAME] [--keep]`.
 *
 * Generates the scale benchmark's store (default: the 1,000,000 customers and 100,000 items, and
 * 4,000,000 bulk events over 90 days, in time order) in a fresh schema on the PostgreSQL at DAOGOU_TEST_PG_URL,
 * or reuses `--schema NAME` (kept from an earlier run with `--keep`). Then, for each window W (default 0.5M, 1M,
 * 2M, 4M; 0 is the whole log), R times (default 1) in turn, runs `daogou train` from the compiled dist/ (run
 * `npm run build` first) as a child process with DAOGOU_TRAIN_MAX_EVENTS=W under /usr/bin/time, and prints its
 * wall time, peak RSS (the process, its fit threads included), the interactions, customers and items trained on,
 * and the stored model's size. Writes bench/results/train-window.json.
 */
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { loadConfig } from '../src/config/config.js';
import { createEngine } from '../src/engine/engine.js';
import { median, printTable, writeReport, type BenchRow } from './report.js';
import { createBenchSchema } from './_scale-common.js';
import { generate } from './scale.js';

const PG_URL = process.env.DAOGOU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MAIN = path.resolve(import.meta.dirname, '../dist/cli/main.js');

function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
}

/** One `daogou train` in a child process: wall seconds, peak RSS (MiB) and what it trained on. */
function trainOnce(databaseUrl: string, dataDir: string, maxEvents: number) {
  const run = spawnSync('/usr/bin/time', ['-f', 'TIME %M %e %U %S', process.execPath, MAIN, 'train', '--json'], {
    env: {
      ...process.env,
      DAOGOU_DATABASE_URL: databaseUrl,
      DAOGOU_DATA_DIR: dataDir,
      DAOGOU_TRAIN_MAX_EVENTS: String(maxEvents),
    },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const time = /TIME (\d+) ([\d.]+) ([\d.]+) ([\d.]+)/.exec(run.stderr);
  if (run.status !== 0 || !time) throw new Error(`daogou train failed (${run.status}): ${run.stderr.slice(-2000)}`);
  const json = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as {
    modelId: string;
    metrics: { users: number; items: number; interactions: number; seconds: number };
  };
  return {
    peakMiB: Number(time[1]) / 1024,
    wall: Number(time[2]),
    cpu: Number(time[3]) + Number(time[4]),
    ...json,
  };
}

/** Runs the benchmark. */
export default async function run(args: string[]): Promise<void> {
  if (!existsSync(MAIN)) throw new Error('dist/cli/main.js is missing: run `npm run build` first');
  const sizes = {
    customers: Number(arg(args, 'customers', '1000000')),
    items: Number(arg(args, 'items', '100000')),
    events: Number(arg(args, 'events', '4000000')),
  };
  const windows = arg(args, 'windows', '500000,1000000,2000000,4000000').split(',').map(Number);
  const repeat = Number(arg(args, 'repeat', '1'));
  const reuse = args.includes('--schema') ? arg(args, 'schema', '') : undefined;
  const keep = args.includes('--keep') || reuse !== undefined;
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  const extra: Record<string, unknown> = { sizes, windows, loadAtStart: load() };
  console.log(`train-window: load average ${load()}`);
  let schema = reuse;
  let databaseUrl = `${PG_URL}?schema=${reuse}`;
  let dataDir = os.tmpdir();
  let drop = async () => {};
  if (!reuse) {
    const bench = await createBenchSchema(PG_URL, `daogou_bench_train_${process.pid}`);
    ({ schema, databaseUrl, dataDir } = bench);
    drop = () => bench.drop(keep);
    const engine = await createEngine({ ...loadConfig({}), databaseUrl, dataDir, logLevel: 'warn', retrainHours: 0 });
    await engine.close();
    const t = performance.now();
    await generate(bench.client, sizes, sizes.events, Date.now());
    const seconds = (performance.now() - t) / 1000;
    extra.generationSeconds = seconds;
    console.log(`generated ${JSON.stringify(sizes)} in ${seconds.toFixed(1)} s (schema ${schema})`);
  }
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  const rows: BenchRow[] = [];
  try {
    const runs = new Map<number, ReturnType<typeof trainOnce>[]>();
    for (let r = 0; r < repeat; r++) {
      for (const w of windows) {
        const one = trainOnce(databaseUrl, dataDir, w);
        const { rows: bytes } = await client.query<{ n: string }>(
          'select length(bytes) as n from model_artifacts where id = $1',
          [one.modelId],
        );
        console.log(
          `  window ${w}: ${one.wall.toFixed(1)} s, peak ${one.peakMiB.toFixed(0)} MiB, ${one.metrics.interactions} interactions, ` +
            `${one.metrics.users} users, model ${(Number(bytes[0]?.n ?? 0) / 1e6).toFixed(1)} MB (load ${load()})`,
        );
        runs.set(w, [...(runs.get(w) ?? []), { ...one, modelBytes: Number(bytes[0]?.n ?? 0) } as never]);
        // Models pile up in the schema otherwise (each run stores one).
        await client.query('delete from model_artifacts where id = $1', [one.modelId]);
      }
    }
    for (const [w, list] of runs) {
      const m = list[0]!.metrics;
      rows.push({
        window: w === 0 ? 'whole log' : w,
        interactions: m.interactions,
        customers: m.users,
        items: m.items,
        'wall s (median)': median(list.map((x) => x.wall)),
        'CPU s (median)': median(list.map((x) => x.cpu)),
        'fit s (median)': median(list.map((x) => x.metrics.seconds)),
        'peak RSS MiB (median)': median(list.map((x) => x.peakMiB)),
        'bytes per interaction': (median(list.map((x) => x.peakMiB)) * 1024 * 1024) / m.interactions,
        'model MB': (list[0] as unknown as { modelBytes: number }).modelBytes / 1e6,
      });
    }
  } finally {
    await client.end();
    await drop();
  }
  extra.loadAtEnd = load();
  printTable('recommender training against events read', rows);
  console.log(`load average at start ${String(extra.loadAtStart)}, at end ${String(extra.loadAtEnd)}`);
  writeReport('train-window', rows, extra);
}
