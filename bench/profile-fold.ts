/**
 * The profile fold alone, on PostgreSQL: `npm run bench -- profile-fold [--events N] [--customers C]
 * [--items I] [--rounds R] [--baseline DIR] [--workers N,M,…] [--profile-column jsonb] [--baseline-jsonb]`.
 *
 * Generates the scale benchmark's kind of log (N events, default 60,000, over C customers and I items, skewed
 * toward active customers and popular items, every event type) in a fresh schema, then folds all of it into
 * profiles from scratch R times (default 2) with the profile tailer of this tree, and with `--baseline DIR` (a
 * tree with a built dist/) with that build's too, alternately, on the same log. Reports events folded per
 * second, the CPU of this process per 1,000 events (the fold's JavaScript; PostgreSQL's is not counted), the
 * longest the event loop was held, and whether both builds stored the same profiles (counts, orders, recent
 * activity exactly; affinity scores to a relative 1e-9). With `--workers 1,2` each round also folds the log with
 * 1 and with 2 worker processes of this tree (`bench/_fold-worker.ts`, the quick lane only), one job per customer
 * partition enqueued at once, timed from the enqueue until every job is done (their start is not timed).
 * `--profile-column jsonb` stores profiles as jsonb, as before migration 026, for every build of the run;
 * `--baseline-jsonb` only for the baseline's folds (the column is turned back and forth while the table is empty).
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig } from '../src/config/config.js';
import { createEngine, type Engine } from '../src/engine/engine.js';
import { median, writeReport, type BenchRow } from './report.js';
import { PROFILES_AS_JSONB, PROFILES_AS_TEXT, SCALE_TYPES } from './_scale-common.js';
import { PROFILE_PARTITIONS } from '../src/customers/index.js';
import { PROFILES_JOB } from '../src/jobs/customer-jobs.js';

/** Starts `count` fold-only worker processes of this tree and resolves once each polls for jobs. */
async function startFoldWorkers(count: number, databaseUrl: string, dataDir: string): Promise<ChildProcess[]> {
  const script = path.join(import.meta.dirname, '_fold-worker.ts');
  const tsx = path.join(import.meta.dirname, '../node_modules/.bin/tsx');
  const children = Array.from({ length: count }, () =>
    spawn(tsx, [script, databaseUrl, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  await Promise.all(
    children.map(async (child) => {
      let out = '';
      child.stdout.setEncoding('utf8');
      for await (const chunk of child.stdout) {
        out += chunk as string;
        if (out.includes('ready')) return;
      }
      throw new Error('a fold worker exited before it was ready');
    }),
  );
  return children;
}

/** Folds the whole log with worker processes: one job per partition, timed until every one is done. */
async function foldWithWorkers(
  engine: Engine,
  count: number,
  databaseUrl: string,
  dataDir: string,
  client: pg.Client,
  asText: boolean,
) {
  const tailer = engine.customerAnalytics.profiles;
  const children = await startFoldWorkers(count, databaseUrl, dataDir);
  try {
    // Every engine schedules the fold: push those runs out of the way, so that only the jobs below fold, and
    // wait for any already started before the profiles are forgotten and the clock starts.
    await client.query(`update job_schedules set next_run_at = 1e15 where job_name = $1`, [PROFILES_JOB]);
    await client.query(`delete from jobs where name = $1 and status = 'queued'`, [PROFILES_JOB]);
    while ((await client.query(`select 1 from jobs where name = $1 and status = 'running'`, [PROFILES_JOB])).rowCount)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await tailer.reset();
    if (asText) await client.query(PROFILES_AS_TEXT);
    const t = performance.now();
    const jobs = [];
    for (let p = 0; p < PROFILE_PARTITIONS; p++)
      jobs.push(await engine.jobs.enqueue(PROFILES_JOB, { partition: p }, { singletonKey: `bench-fold-${p}` }));
    let events = 0;
    for (;;) {
      const states = await Promise.all(jobs.map((j) => engine.jobs.get(j.id)));
      if (states.some((j) => j?.status === 'failed')) throw new Error('a fold job failed');
      if (states.every((j) => j?.status === 'done')) {
        // A job folds at most a bounded number of pages; a log larger than that needs more runs.
        if (!(await tailer.caughtUp())) throw new Error('the log is larger than one job per partition folds');
        events = states.reduce((sum, j) => sum + Number((j!.result as { events: number }).events), 0);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { rate: events / ((performance.now() - t) / 1000) };
  } finally {
    for (const child of children) {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
  }
}

const PG_URL = process.env.DAOGOU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

type StoredProfile = { customer_id: string; profile: Record<string, unknown>; recent_orders: unknown };

/** Generates items, customers and events in the server (as the scale benchmark does, one event type per row). */
async function generate(client: pg.Client, customers: number, items: number, events: number): Promise<void> {
  const span = 90 * 86_400_000;
  const start = Date.UTC(2026, 8, 1);
  await client.query('select setseed(0.42)');
  await client.query(
    `insert into items (id, title, category, brand, price, currency, stock, active, created_at, updated_at)
     select 'i' || g, 'item ' || g, 'Cat' || (g % 40) || '/Sub' || (g % 400), 'Brand' || (g % 300),
            5 + (g * 37) % 500, 'EUR', 10, true, $1::bigint, $1::bigint
     from generate_series(1, $2::int) g`,
    [start, items],
  );
  await client.query(
    `insert into customers (id, consent_email, consent_sms, consent_push, created_at, updated_at)
     select 'c' || g, false, false, false, $1::bigint, $1::bigint from generate_series(1, $2::int) g`,
    [start, customers],
  );
  // `g * 0` ties the type to the row: an uncorrelated lateral subquery is evaluated once for all rows.
  await client.query(
    `insert into events (id, type, customer_id, item_id, quantity, price, order_id, channel, session_id, ts, received_at)
     select 'b' || g, t.type, 'c' || (1 + floor(power(random(), 1.5) * $1::int)),
            'i' || (1 + floor(power(random(), 2.5) * $2::int)),
            case when t.type = 'purchase' then 1 end, case when t.type = 'purchase' then 20 end,
            case when t.type = 'purchase' then 'o' || (g / 3) end,
            ($3::text[])[1 + g % 4], 's' || (g / 8), $4::bigint + g * $5::float8, $4::bigint + g * $5::float8
     from generate_series(1, $6::int) g
     cross join lateral (select ($7::text[])[1 + floor(random() * $8::int + g * 0)::int] as type) t`,
    [
      customers,
      items,
      ['web', 'app', 'store', 'social'],
      start,
      span / events,
      events,
      SCALE_TYPES,
      SCALE_TYPES.length,
    ],
  );
  await client.query('analyze');
}

/** How many stored profiles differ between two folds, and the largest relative difference of an affinity score. */
function compare(a: StoredProfile[], b: StoredProfile[]): { differing: number; maxRelative: number } {
  let differing = Math.abs(a.length - b.length);
  let maxRelative = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const { affinity: fa, ...ra } = a[i]!.profile as { affinity: Record<string, Record<string, number>> };
    const { affinity: fb, ...rb } = b[i]!.profile as { affinity: Record<string, Record<string, number>> };
    const same =
      a[i]!.customer_id === b[i]!.customer_id &&
      JSON.stringify(ra) === JSON.stringify(rb) &&
      JSON.stringify(a[i]!.recent_orders) === JSON.stringify(b[i]!.recent_orders);
    let close = same;
    for (const dim of ['category', 'brand', 'priceBand']) {
      const x = fa[dim] ?? {};
      const y = fb[dim] ?? {};
      if (Object.keys(x).sort().join() !== Object.keys(y).sort().join()) close = false;
      for (const k of Object.keys(x)) maxRelative = Math.max(maxRelative, Math.abs(x[k]! / y[k]! - 1));
    }
    if (!close) differing++;
  }
  return { differing, maxRelative };
}

/** Runs the fold benchmark. */
export default async function run(args: string[]): Promise<void> {
  const events = Number(arg(args, 'events', '60000'));
  const customers = Number(arg(args, 'customers', '3000'));
  const items = Number(arg(args, 'items', '300'));
  const rounds = Number(arg(args, 'rounds', '2'));
  const baselineArg = arg(args, 'baseline', '');
  const baseline = baselineArg ? path.resolve(baselineArg) : undefined;
  const workerCounts = arg(args, 'workers', '').split(',').filter(Boolean).map(Number);
  const schema = `daogou_bench_fold_${process.pid}`;
  const databaseUrl = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'daogou-bench-fold-'));
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  const config = { ...loadConfig({}), databaseUrl, dataDir, logLevel: 'warn', retrainHours: 0 };
  const builds: { name: string; engine: Engine }[] = [];
  try {
    // The baseline opens the schema first: a build from before a migration refuses a schema that has it.
    if (baseline) {
      const other = (await import(path.join(baseline, 'dist/engine/engine.js'))) as {
        createEngine: typeof createEngine;
      };
      builds.push({ name: `baseline (${path.basename(baseline)})`, engine: await other.createEngine(config) });
    }
    builds.push({ name: 'this tree', engine: await createEngine(config) });
    const baselineJsonb = args.includes('--baseline-jsonb');
    if (arg(args, 'profile-column', 'text') === 'jsonb') await client.query(PROFILES_AS_JSONB);
    await generate(client, customers, items, events);
    console.log(
      `profile fold: ${events.toLocaleString('en')} events, ${customers.toLocaleString('en')} customers, ` +
        `${items.toLocaleString('en')} items; load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );
    const runs = new Map<string, { rate: number; cpuMs: number; blockMs: number }[]>();
    const stored = new Map<string, StoredProfile[]>();
    for (let r = 0; r < rounds; r++) {
      for (const { name, engine } of builds) {
        const tailer = engine.customerAnalytics.profiles;
        await tailer.reset();
        if (baselineJsonb) await client.query(name === 'this tree' ? PROFILES_AS_TEXT : PROFILES_AS_JSONB);
        const delay = monitorEventLoopDelay({ resolution: 10 });
        delay.enable();
        const cpu = process.cpuUsage();
        const t = performance.now();
        const total = await tailer.catchUp();
        const seconds = (performance.now() - t) / 1000;
        const used = process.cpuUsage(cpu);
        delay.disable();
        const run = {
          rate: total.events / seconds,
          cpuMs: (used.user + used.system) / 1000 / (total.events / 1000),
          blockMs: delay.max / 1e6,
        };
        console.log(
          `  round ${r + 1}, ${name}: ${Math.round(run.rate)} events/s, ${run.cpuMs.toFixed(1)} CPU ms per 1,000, ` +
            `event loop held at most ${Math.round(run.blockMs)} ms; load ${os.loadavg()[0]!.toFixed(1)}`,
        );
        runs.set(name, [...(runs.get(name) ?? []), run]);
        if (r === 0) {
          const { rows } = await client.query<StoredProfile>(
            // ::jsonb: the columns are text since migration 026 (jsonb before).
            'select customer_id, profile::jsonb as profile, recent_orders::jsonb as recent_orders from customer_profiles order by customer_id',
          );
          stored.set(name, rows);
        }
      }
      const mine = builds[builds.length - 1]!.engine;
      for (const count of workerCounts) {
        const name = `this tree, ${count} worker process${count === 1 ? '' : 'es'}`;
        const run = {
          ...(await foldWithWorkers(mine, count, databaseUrl, dataDir, client, baselineJsonb)),
          cpuMs: NaN,
          blockMs: NaN,
        };
        console.log(`  round ${r + 1}, ${name}: ${Math.round(run.rate)} events/s; load ${os.loadavg()[0]!.toFixed(1)}`);
        runs.set(name, [...(runs.get(name) ?? []), run]);
      }
    }
    const rows: BenchRow[] = [...runs].map(([name, rs]) => ({
      build: name,
      'events/s': median(rs.map((x) => x.rate)),
      'CPU ms per 1,000 events': median(rs.map((x) => x.cpuMs)),
      'longest event-loop hold ms': median(rs.map((x) => x.blockMs)),
      rounds: rs.length,
    }));
    const extra: Record<string, unknown> = { events, customers, items, loadAverageAtEnd: os.loadavg() };
    if (baseline) {
      const [base, mine] = builds.map((b) => stored.get(b.name)!);
      const same = compare(base!, mine!);
      console.log(
        `  profiles: ${mine!.length} stored; ${same.differing} differ from the baseline's; ` +
          `largest relative difference of an affinity score ${same.maxRelative.toExponential(1)}`,
      );
      extra.comparison = same;
    }
    writeReport('profile-fold', rows, extra);
  } finally {
    for (const { engine } of builds) await engine.close();
    await client.end();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
