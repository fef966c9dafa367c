/**
 * Scale-out on PostgreSQL with real processes: `npm run bench -- scale [--scale F | --smoke] [--api N]
 * [--clients C] [--batch B] [--api-share S] [--kill-rounds R] [--workers M] [--profile-column jsonb] [--root DIR] [--worker-cpu-prof DIR] [--api-node-args "FLAGS"] [--api-env K=V,…] [--worker-env K=V,…] [--load-in-loop] [--keep]`.
 *
 * Generates a store of 1,000,000 customers, 100,000 items and 50,000,000 events times F (default 1; e.g.
 * 0.01 for a quick run; --smoke is 0.0005 with 2 kill rounds, for CI) in a fresh schema on the PostgreSQL at
 * DAOGOU_TEST_PG_URL: items, customers and (1 − S) of the events in bulk (INSERT … SELECT over
 * generate_series, in the server), the other S (default 0.2) through the API. Then starts N (default 2)
 * `serve --role api` processes and M (default 1) `--role worker` as child processes, and measures:
 *   - training time and the worker's peak memory on the bulk-loaded log, profile fold rate;
 *   - API start time and RSS with every item indexed for search;
 *   - recommendation and search latency p50/p99 from every API process, idle and while C clients post
 *     batches of B events round-robin to the API processes and a training runs (the clients run on a thread of
 *     their own, so the probes' answers are not timed behind batches being built; `--load-in-loop` runs them on
 *     the benchmark's event loop as before, to compare); for each phase also what
 *     the processes say of themselves (their /metrics: the serving thread's event-loop delay, requests over
 *     25 ms inside the process), their serving thread's seconds on a CPU and waiting for one (/proc
 *     schedstat), and the benchmark process's own event-loop delay (a probe's answer waits for it too);
 *   - the ingest rate through the API, and profile freshness lag (event acknowledged → in the profile);
 *   - R rounds of kill -9 of an API process under ingest load (restarted each round): every event the API
 *     acknowledged is counted in the database afterwards.
 * Prints a table of figures and one of what grows with what, and writes bench/results/scale.json.
 * `--worker-cpu-prof DIR` writes a V8 CPU profile of the worker process (its threads included) to DIR.
 * `--api-node-args "FLAGS"` starts every API process with these node flags (space-separated), e.g.
 * `"--cpu-prof --cpu-prof-dir /tmp/p"` for a profile of each, or a heap setting to compare. `--api-env` and
 * `--worker-env` add environment variables to those processes, e.g. `--worker-env DAOGOU_WORKER_NICE=idle`.
 */
import os from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { loadConfig } from '../src/config/config.js';
import { PROFILE_CURSOR_KEY, PROFILE_PARTITIONS } from '../src/customers/index.js';
import { createEngine } from '../src/engine/engine.js';
import { monthStart, nextMonthStart, partitionName } from '../src/store/dialects/postgres-partitions.js';
import { startDaogou, type DaogouProcess } from '../test/helpers/daogou-process.js';
import { startIngestLoad } from '../test/helpers/ingest-load.js';
import { startIngestLoadThread } from './_ingest-load-thread.js';
import { printTable, quantile, writeReport, type BenchRow } from './report.js';
import {
  SCALE_TYPES as TYPES,
  cpuSeconds,
  createBenchSchema,
  memory,
  scaleBatchMaker,
  undoProfilesAsText,
} from './_scale-common.js';
import { readServerMetrics, schedRows, serverRows, servingThreadSched } from './_server-metrics.js';

const PG_URL = process.env.DAOGOU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const FULL = { customers: 1_000_000, items: 100_000, events: 50_000_000 };
const WORDS = ['red', 'blue', 'green', 'black', 'white', 'silk', 'cotton', 'wool', 'linen', 'leather'];
const NOUNS = ['dress', 'shirt', 'kettle', 'lamp', 'chair', 'mug', 'scarf', 'boots', 'jacket', 'teapot'];

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** Bulk generation in the server: items, customers and events from generate_series (deterministic). */
export async function generate(client: pg.Client, sizes: typeof FULL, baseEvents: number, now: number): Promise<void> {
  const span = 90 * 86_400_000;
  await client.query('select setseed(0.42)');
  await client.query(
    `insert into items (id, title, description, category, brand, price, currency, stock, active, created_at, updated_at)
     select 'i' || g,
            ($1::text[])[1 + g % 10] || ' ' || ($2::text[])[1 + (g / 10) % 10] || ' ' || g,
            'a ' || ($1::text[])[1 + (g / 7) % 10] || ' ' || ($2::text[])[1 + g % 10] || ' from brand ' || (g % 300),
            'Cat' || (g % 40) || '/Sub' || (g % 400), 'Brand' || (g % 300), 5 + (g * 37) % 500, 'EUR',
            (g * 13) % 50, true, $3::bigint, $3::bigint
     from generate_series(1, $4::int) g`,
    [WORDS, NOUNS, now - span, sizes.items],
  );
  await client.query(
    `insert into customers (id, consent_email, consent_sms, consent_push, created_at, updated_at)
     select 'c' || g, g % 2 = 0, false, false, $1::bigint, $1::bigint from generate_series(1, $2::int) g`,
    [now - span, sizes.customers],
  );
  // Events in time order; customers and items drawn with skew (a few are popular), as in real stores. `g * 0`
  // ties the type to the row: PostgreSQL evaluated the uncorrelated lateral subquery once, so every bulk event
  // had one type (add_to_cart, with this seed) until 7 December 2026.
  // Each month goes into its own partition, as the worker's upkeep makes them while the log grows: a month that
  // has none yet is created, filled while it has no index and attached (which builds its indexes by sorting), the
  // way upkeep's ensureMonthPartitions moves rows out of the default partition. Inserting the full store's 40M
  // rows into the default partition with its indexes maintained row by row took ~2 minutes a million at load 10
  // (random leaf pages of the customer and item indexes), and left upkeep 40M rows to move.
  const base = now - span;
  const step = (span - 3_600_000) / baseEvents;
  const attached = new Set(
    (
      await client.query<{ name: string }>(
        `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
         where i.inhparent = to_regclass('events')`,
      )
    ).rows.map((r) => r.name),
  );
  await client.query(`set maintenance_work_mem = '1GB'`);
  const chunk = 1_000_000;
  let done = 0;
  for (let from = monthStart(base + step); from <= base + baseEvents * step; from = nextMonthStart(from)) {
    const to = nextMonthStart(from);
    const name = partitionName(from);
    const fresh = !attached.has(name);
    if (fresh) {
      await client.query(`create table ${name} (like events including defaults)`);
      // The constraint lets ATTACH skip its scan of the new table.
      await client.query(`alter table ${name} add constraint ${name}_range check (ts >= ${from} and ts < ${to})`);
    }
    // Rows g whose time falls in the month (a margin of one row each side, filtered on the stored time).
    const first = Math.max(1, Math.floor((from - base) / step) - 1);
    const last = Math.min(baseEvents, Math.ceil((to - base) / step) + 1);
    for (let lo = first; lo <= last; lo += chunk) {
      const hi = Math.min(last, lo + chunk - 1);
      const { rowCount } = await client.query(
        `insert into ${fresh ? name : 'events'} (id, type, customer_id, item_id, quantity, price, order_id, channel, session_id, ts, received_at)
         select 'b' || g, t.type, 'c' || (1 + floor(power(random(), 1.5) * $1::int)),
                'i' || (1 + floor(power(random(), 2.5) * $2::int)),
                case when t.type = 'purchase' then 1 end, case when t.type = 'purchase' then 20 end,
                case when t.type = 'purchase' then 'o' || g end,
                ($3::text[])[1 + g % 4], 's' || (g / 8), ts, ts
         from (select g, ($4::bigint + g * $5::float8)::bigint as ts from generate_series($6::int, $7::int) g) r
         cross join lateral (select ($8::text[])[1 + floor(random() * 10 + g * 0)::int] as type) t
         where ts >= $9::bigint and ts < $10::bigint`,
        [sizes.customers, sizes.items, ['web', 'app', 'store', 'social'], base, step, lo, hi, TYPES, from, to],
      );
      done += rowCount ?? 0;
      if (baseEvents > chunk)
        console.log(`  … ${done.toLocaleString('en')} of ${baseEvents.toLocaleString('en')} events (${name})`);
    }
    if (fresh) {
      const t = performance.now();
      await client.query(`alter table events attach partition ${name} for values from (${from}) to (${to})`);
      if (baseEvents > chunk)
        console.log(`  … ${name} attached, indexes built in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    }
  }
  if (done !== baseEvents) throw new Error(`bulk generation wrote ${done} events, not ${baseEvents}`);
  await client.query('analyze');
}

/** Requests `url()` one after another with a short pause until stopped; latencies in ms, failures counted. */
async function probe(
  url: () => string,
  key: string,
  stop: { done: boolean },
  out: { samples: number[]; errors: number; firstError?: string },
): Promise<void> {
  while (!stop.done) {
    const t = performance.now();
    try {
      const res = await fetch(url(), { headers: { authorization: `Bearer ${key}` } });
      await res.arrayBuffer();
      if (res.ok) out.samples.push(performance.now() - t);
      else {
        out.errors += 1;
        out.firstError ??= `${res.status} ${res.statusText}`;
      }
    } catch (error) {
      out.errors += 1;
      out.firstError ??= String(error);
    }
    await sleep(20);
  }
}

type Probes = Map<string, { samples: number[]; errors: number; firstError?: string }>;

/** Probes recommendations and search on every API process until `stop.done`. */
export function startProbes(apis: () => DaogouProcess[], key: string, sizes: typeof FULL, stop: { done: boolean }) {
  const probes: Probes = new Map();
  let n = 0;
  const runs: Promise<void>[] = [];
  apis().forEach((api, a) => {
    const rec = { samples: [] as number[], errors: 0 };
    const search = { samples: [] as number[], errors: 0 };
    probes.set(`api ${a + 1} recommendations`, rec);
    probes.set(`api ${a + 1} search`, search);
    const base = () => apis()[a]!.url;
    runs.push(
      probe(
        () => `${base()}/v1/recommendations/customers/c${1 + ((n++ * 7919) % sizes.customers)}?limit=10`,
        key,
        stop,
        rec,
      ),
    );
    runs.push(
      probe(
        () => `${base()}/v1/search?q=${encodeURIComponent(`${WORDS[n % 10]} ${NOUNS[n++ % 10]}`)}&pageSize=10`,
        key,
        stop,
        search,
      ),
    );
  });
  return { probes, done: Promise.all(runs) };
}

/** Table rows of p50/p99 latency per probe for one phase (idle, under load). */
export function latencyRows(phase: string, probes: Probes): BenchRow[] {
  return [...probes].map(([what, p]) => ({
    measure: `${what} (${phase})`,
    value: quantile(p.samples, 0.5),
    'p99 ms': quantile(p.samples, 0.99),
    unit: 'p50 ms',
    n: p.samples.length,
    errors: p.errors,
    ...(p.firstError ? { 'first error': p.firstError } : {}),
    target: what.endsWith('search') ? 'p99 ≤ 30 ms' : 'p99 ≤ 20 ms',
  }));
}

/** Counts how many of `ids` are in the events table. */
async function countStored(client: pg.Client, ids: string[]): Promise<number> {
  let found = 0;
  for (let i = 0; i < ids.length; i += 50_000) {
    const { rows } = await client.query<{ n: string }>('select count(*) as n from events where id = any($1)', [
      ids.slice(i, i + 50_000),
    ]);
    found += Number(rows[0]!.n);
  }
  return found;
}

/** Polls `/ready` until it answers 200 (the recommendation model is in), or fails after `timeoutMs`. */
async function waitReady(url: string, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${url}/ready`);
    await res.arrayBuffer();
    if (res.ok) return;
    if (performance.now() > until) throw new Error(`${url}/ready still answers ${res.status} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** The latest finished run of a job by name: seconds it ran and its status. */
export async function jobTimes(
  client: pg.Client,
  name: string,
): Promise<{ seconds: number; status: string } | undefined> {
  const { rows } = await client.query<{ started_at: string; finished_at: string; status: string }>(
    `select started_at, finished_at, status from jobs where name = $1 and status in ('done','failed')
     order by finished_at desc limit 1`,
    [name],
  );
  const r = rows[0];
  return r && { seconds: (Number(r.finished_at) - Number(r.started_at)) / 1000, status: r.status };
}

/**
 * How many events the profile fold has read past: with one cursor (a build before partitioned folds) its
 * position; with a cursor per customer partition, the events at or below their partition's cursor (a partition
 * never folded starts from the one cursor).
 */
async function foldedEvents(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ key: string; value: string }>(
    `select key, value from meta where key like 'customers.profiles.cursor%'`,
  );
  const single = Number(rows.find((r) => r.key === PROFILE_CURSOR_KEY)?.value ?? 0);
  if (!rows.some((r) => r.key.startsWith(`${PROFILE_CURSOR_KEY}.`))) return single;
  const cursors = Array.from({ length: PROFILE_PARTITIONS }, (_, p) =>
    Number(rows.find((r) => r.key === `${PROFILE_CURSOR_KEY}.${p}`)?.value ?? single),
  );
  const { rows: n } = await client.query<{ n: string }>(
    `select count(*) as n from events where customer_id is not null
       and seq <= ($1::bigint[])[1 + (((('x' || substr(md5(customer_id), 1, 8))::bit(32)::int) & 2147483647) % ${PROFILE_PARTITIONS})]`,
    [cursors],
  );
  return Number(n[0]!.n);
}

async function maxSeq(client: pg.Client): Promise<number> {
  return Number((await client.query<{ m: string | null }>('select max(seq) as m from events')).rows[0]!.m ?? 0);
}

/** Runs the scale benchmark. */
export default async function run(args: string[]): Promise<void> {
  const smoke = args.includes('--smoke');
  // The ingest load on the benchmark's own event loop, as before it had a thread of its own (to compare).
  const loadInLoop = args.includes('--load-in-loop');
  const scale = smoke ? 0.0005 : arg(args, 'scale', 1);
  const apiCount = arg(args, 'api', 2);
  const workerCount = arg(args, 'workers', 1);
  const clients = arg(args, 'clients', 8);
  const batchSize = arg(args, 'batch', 1000);
  const apiShare = arg(args, 'api-share', 0.2);
  const killRounds = arg(args, 'kill-rounds', smoke ? 2 : 20);
  const sizes = {
    customers: Math.max(100, Math.round(FULL.customers * scale)),
    items: Math.max(50, Math.round(FULL.items * scale)),
    events: Math.max(10_000, Math.round(FULL.events * scale)),
  };
  const apiEvents = Math.round(sizes.events * apiShare);
  const baseEvents = sizes.events - apiEvents;
  // The compiled program starts in a fraction of tsx's time on a busy machine; rebuild after changes.
  const compiled = existsSync(path.resolve(import.meta.dirname, '../dist/cli/main.js')) && !args.includes('--tsx');
  // Another build to run the processes from (a directory with dist/, package.json, node_modules): a baseline.
  const rootIndex = args.indexOf('--root');
  const root = rootIndex >= 0 ? path.resolve(args[rootIndex + 1]!) : undefined;
  const profIndex = args.indexOf('--worker-cpu-prof');
  const workerProf = profIndex >= 0 ? path.resolve(args[profIndex + 1]!) : undefined;
  const apiArgsIndex = args.indexOf('--api-node-args');
  const apiNodeArgs = apiArgsIndex >= 0 ? args[apiArgsIndex + 1]!.split(' ').filter(Boolean) : [];
  // Environment for the API or worker processes, `K=V,K=V` (e.g. DAOGOU_WORKER_NICE=idle), to compare settings.
  const envArg = (name: string): Record<string, string> | undefined => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    return Object.fromEntries(
      args[i + 1]!.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    );
  };
  const apiEnv = envArg('--api-env');
  const workerEnv = envArg('--worker-env');
  const bench = await createBenchSchema(PG_URL, `daogou_bench_scale_${process.pid}`);
  const { schema, databaseUrl, dataDir, client } = bench;
  const processes: DaogouProcess[] = [];
  const rows: BenchRow[] = [];
  const figure = (measure: string, value: number, unit: string, target = '', extra: BenchRow = {}) => {
    rows.push({ measure, value, unit, target, ...extra });
    console.log(`  ${measure}: ${value.toLocaleString('en', { maximumFractionDigits: 1 })} ${unit}`);
  };
  const load = os.loadavg();
  console.log(
    `scale ${scale}: ${sizes.customers.toLocaleString('en')} customers, ${sizes.items.toLocaleString('en')} items, ` +
      `${sizes.events.toLocaleString('en')} events (${baseEvents.toLocaleString('en')} bulk, ${apiEvents.toLocaleString('en')} through the API); ` +
      `${compiled ? 'dist/cli/main.js' : 'tsx'}; load average ${load.map((l) => l.toFixed(1)).join(' ')}`,
  );
  try {
    // Schema and keys through the engine, so the tables are exactly what migrations make.
    const engine = await createEngine({ ...loadConfig({}), databaseUrl, dataDir, logLevel: 'warn', retrainHours: 0 });
    const { key: adminKey } = await engine.keys.create('bench-admin', 'admin');
    const { key } = await engine.keys.create('bench-ingest', 'ingest');
    await engine.close();
    // The schema as before migration 026 (jsonb profiles), to run a build from before it (--root) as it ran.
    if (args.includes('--profile-column') && args[args.indexOf('--profile-column') + 1] === 'jsonb')
      await undoProfilesAsText(client);

    let t = performance.now();
    const now = Date.now();
    await generate(client, sizes, baseEvents, now);
    figure('bulk generation (items, customers, events in SQL)', (performance.now() - t) / 1000, 's');

    // The worker: trains the first model (no model yet) and folds the bulk-loaded log into profiles.
    t = performance.now();
    const worker = await startDaogou({
      role: 'worker',
      databaseUrl,
      dataDir,
      label: 'worker',
      compiled,
      ...(root ? { root } : {}),
      ...(workerEnv ? { env: workerEnv } : {}),
      ...(workerProf ? { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', workerProf] } : {}),
    });
    processes.push(worker);
    // More workers share the long jobs and fold other customer partitions at the same time (figures below are
    // the first worker's; the fold rate is all of theirs).
    for (let w = 2; w <= workerCount; w++)
      processes.push(
        await startDaogou({
          role: 'worker',
          databaseUrl,
          dataDir,
          label: `worker ${w}`,
          compiled,
          ...(root ? { root } : {}),
          ...(workerEnv ? { env: workerEnv } : {}),
        }),
      );
    const top = await maxSeq(client);
    // Waits for the first training only: on a busy machine folding the whole bulk log into profiles takes
    // far longer, and the freshness lag below shows what a backlog does to it.
    let trained: Awaited<ReturnType<typeof jobTimes>>;
    for (;;) {
      trained = await jobTimes(client, 'recommend.train');
      if (trained) break;
      if (worker.child.exitCode !== null) throw new Error('the worker exited');
      await sleep(500);
    }
    const foldSeconds = (performance.now() - t) / 1000;
    const cursor = await foldedEvents(client);
    figure(`training on ${baseEvents.toLocaleString('en')} events (idle)`, trained.seconds, 's', '', {
      status: trained.status,
    });
    figure('worker peak RSS after training', memory(worker.child.pid).peak, 'MiB');
    figure('worker CPU seconds until trained', cpuSeconds(worker.child.pid), 's');
    figure(
      `profiles folded meanwhile (${cursor.toLocaleString('en')} of ${top.toLocaleString('en')} events; folds in the quick lane of ${workerCount} worker${workerCount === 1 ? '' : 's'})`,
      cursor / foldSeconds,
      'events/s',
    );

    // API processes: start time and memory with every item indexed for search.
    const apis: DaogouProcess[] = [];
    for (let a = 0; a < apiCount; a++) {
      t = performance.now();
      const api = await startDaogou({
        role: 'api',
        databaseUrl,
        dataDir,
        label: `api ${a + 1}`,
        compiled,
        ...(root ? { root } : {}),
        ...(apiEnv ? { env: apiEnv } : {}),
        ...(apiNodeArgs.length > 0 ? { nodeArgs: apiNodeArgs } : {}),
      });
      const res = await fetch(`${api.url}/v1/search?q=red%20dress&pageSize=10`, {
        headers: { authorization: `Bearer ${key}` },
      });
      if (!res.ok) throw new Error(`search failed on api ${a + 1}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      figure(`api ${a + 1}: start to first search answered`, (performance.now() - t) / 1000, 's');
      // The model decodes on a thread after the first answers: /ready says when it serves the model, and the
      // idle probes below are to measure the process serving it, not the fallback beside a decode.
      await waitReady(api.url, 300_000);
      figure(`api ${a + 1}: start to ready (model loaded)`, (performance.now() - t) / 1000, 's');
      apis.push(api);
      processes.push(api);
    }
    for (const [a, api] of apis.entries())
      figure(
        `api ${a + 1}: RSS with ${sizes.items.toLocaleString('en')} items indexed`,
        memory(api.child.pid).rss,
        'MiB',
      );

    // Idle latency, then latency while ingesting and training.
    // Each phase's event-loop delay and in-process request times, from the processes' own /metrics.
    const serverMetrics = () => Promise.all(apis.map((a) => readServerMetrics(a.url, adminKey)));
    const sched = () => apis.map((a) => servingThreadSched(a.child.pid));
    let stop = { done: false };
    let metricsBefore = await serverMetrics();
    // The probes' own process: a probe's answer waits for this event loop too (batches are built here).
    const benchLoop = monitorEventLoopDelay({ resolution: 10 });
    const benchLoopRow = (phase: string): BenchRow => {
      const row = {
        measure: `benchmark process event-loop delay (${phase})`,
        value: benchLoop.percentile(50) / 1e6,
        unit: 'p50 ms',
        'p99 ms': benchLoop.percentile(99) / 1e6,
        'max ms': benchLoop.max / 1e6,
      };
      benchLoop.reset();
      return row;
    };
    benchLoop.enable();
    let schedBefore = sched();
    let phaseStart = performance.now();
    let probing = startProbes(() => apis, key, sizes, stop);
    await sleep(smoke ? 2000 : 10_000);
    stop.done = true;
    await probing.done;
    rows.push(...schedRows('idle', (performance.now() - phaseStart) / 1000, schedBefore, sched()));
    rows.push(...latencyRows('idle', probing.probes));
    rows.push(benchLoopRow('idle'));
    rows.push(...serverRows('idle', metricsBefore, await serverMetrics()));

    const trainJob = (await (
      await fetch(`${apis[0]!.url}/v1/recommendations/train`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminKey}` },
      })
    ).json()) as { id: string };
    stop = { done: false };
    metricsBefore = await serverMetrics();
    schedBefore = sched();
    phaseStart = performance.now();
    probing = startProbes(() => apis, key, sizes, stop);
    const ingestNow = Date.now();
    const batch = scaleBatchMaker(ingestNow, sizes.customers, sizes.items);
    // Freshness: every second a single event of a new customer; its lag is from the 202 until its profile row
    // exists (one query polls every event still waiting). Measured during ingest and until the training is done.
    const lags: number[] = [];
    const waiting = new Map<string, number>();
    const freshnessStop = { done: false };
    const freshness = (async () => {
      let f = 0;
      let nextSend = performance.now();
      let giveUp = Number.POSITIVE_INFINITY;
      while (waiting.size > 0 || !freshnessStop.done) {
        if (freshnessStop.done) giveUp = Math.min(giveUp, performance.now() + 120_000);
        if (performance.now() > giveUp) break;
        if (performance.now() >= nextSend && !freshnessStop.done) {
          nextSend += 1000;
          const customerId = `fresh-${f}`;
          const res = await fetch(`${apis[f++ % apis.length]!.url}/v1/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify({ type: 'view', customerId, itemId: 'i1', channel: 'web' }),
          });
          await res.arrayBuffer();
          if (res.status === 202) waiting.set(customerId, performance.now());
        }
        if (waiting.size > 0) {
          const { rows: found } = await client.query<{ customer_id: string }>(
            'select customer_id from customer_profiles where customer_id = any($1)',
            [[...waiting.keys()]],
          );
          for (const { customer_id: id } of found) {
            lags.push((performance.now() - waiting.get(id)!) / 1000);
            waiting.delete(id);
          }
        }
        await sleep(250);
      }
    })();
    t = performance.now();
    const cpuBefore = apis.map((a) => cpuSeconds(a.child.pid));
    // The load runs on a thread of its own unless asked to run on this event loop, as it did before (to compare).
    const maxBatches = Math.ceil(apiEvents / batchSize);
    const ingest = loadInLoop
      ? startIngestLoad({ urls: () => apis.map((a) => a.url), key, clients, batchSize, batch, maxBatches })
      : startIngestLoadThread({
          urls: apis.map((a) => a.url),
          key,
          clients,
          batchSize,
          maxBatches,
          now: ingestNow,
          customers: sizes.customers,
          items: sizes.items,
        });
    const seenTrain: { seconds: number; status: string }[] = [];
    while (ingest.tally.batches + [...ingest.tally.failures.values()].reduce((a, b) => a + b, 0) < maxBatches) {
      await sleep(200);
      if (seenTrain.length === 0) {
        const { rows: j } = await client.query<{ status: string; started_at: string; finished_at: string }>(
          'select status, started_at, finished_at from jobs where id = $1',
          [trainJob.id],
        );
        if (j[0] && j[0].status === 'done')
          seenTrain.push({ seconds: (Number(j[0].finished_at) - Number(j[0].started_at)) / 1000, status: 'done' });
      }
    }
    const tally = await ingest.stop();
    const ingestSeconds = (performance.now() - t) / 1000;
    stop.done = true;
    await probing.done;
    const metricsAfter = await serverMetrics();
    rows.push(...schedRows('during ingest + training', (performance.now() - phaseStart) / 1000, schedBefore, sched()));
    const benchLoopIngest = benchLoopRow('during ingest + training');
    benchLoop.disable();
    // Freshness goes on sampling while the training runs (at most two minutes more).
    const trainingEnds = performance.now() + 120_000;
    while (performance.now() < trainingEnds) {
      const { rows: j } = await client.query<{ status: string }>('select status from jobs where id = $1', [
        trainJob.id,
      ]);
      if (j[0]?.status !== 'running' && j[0]?.status !== 'queued') break;
      await sleep(500);
    }
    freshnessStop.done = true;
    await freshness;
    figure(
      `ingest through ${apiCount} API processes (${clients} clients, batches of ${batchSize})`,
      tally.acknowledgedCount / ingestSeconds,
      'events/s',
      '≥ 30,000 events/s',
      {
        'p99 ms': quantile(tally.latencies, 0.99),
        n: tally.batches,
        errors: [...tally.failures.values()].reduce((a, b) => a + b, 0),
      },
    );
    const apiCpu = apis.reduce((sum, a, i) => sum + cpuSeconds(a.child.pid) - cpuBefore[i]!, 0);
    figure(
      'API CPU seconds per 1,000 events ingested (all API processes, with the probes)',
      (apiCpu * 1000) / tally.acknowledgedCount,
      's',
    );
    rows.push(...latencyRows('during ingest + training', probing.probes));
    rows.push(...serverRows('during ingest + training', metricsBefore, metricsAfter), benchLoopIngest);
    // Events still unfolded when sampling stopped are censored: their lag is at least how long they waited,
    // so they count at that value and the figures become lower bounds (a fold backlog longer than the run).
    const stoppedAt = performance.now();
    const censored = [...waiting.values()].map((sent) => (stoppedAt - sent) / 1000);
    const allLags = [...lags, ...censored];
    const bound =
      censored.length > 0 ? `, at least: ${censored.length} of ${allLags.length} not folded by the end` : '';
    figure(`profile freshness lag p50 (during ingest and training${bound})`, quantile(allLags, 0.5), 's', '', {
      'p99 ms': quantile(allLags, 0.99) * 1000,
      n: allLags.length,
    });
    figure(`profile freshness lag p99 (during ingest and training${bound})`, quantile(allLags, 0.99), 's', '', {
      n: allLags.length,
    });
    if (seenTrain[0]) figure('training during ingest', seenTrain[0].seconds, 's');
    for (const [a, api] of apis.entries()) figure(`api ${a + 1}: RSS after ingest`, memory(api.child.pid).rss, 'MiB');

    // kill -9 rounds: each round kills one API process under load and starts it again.
    if (killRounds > 0) {
      const live = () => apis.filter((a) => a.child.exitCode === null && a.child.signalCode === null).map((a) => a.url);
      const killLoad = startIngestLoad({
        urls: live,
        key,
        clients: Math.min(clients, 4),
        batchSize: 100,
        backoffMs: 20,
        batch: (prefix, size) => batch(`k${prefix}`, size),
      });
      const restarts: number[] = [];
      for (let r = 0; r < killRounds; r++) {
        await sleep(smoke ? 500 : 1500);
        const victim = r % apis.length;
        await apis[victim]!.kill9();
        const started = performance.now();
        apis[victim] = await startDaogou({
          role: 'api',
          databaseUrl,
          dataDir,
          compiled,
          ...(root ? { root } : {}),
          ...(apiEnv ? { env: apiEnv } : {}),
        });
        processes.push(apis[victim]);
        restarts.push((performance.now() - started) / 1000);
      }
      await sleep(1000);
      const killed = await killLoad.stop();
      const stored = await countStored(client, killed.acknowledged);
      figure(
        `kill -9 rounds: events acknowledged (${killRounds} rounds)`,
        killed.acknowledged.length,
        'events',
        'none lost',
        {
          lost: killed.acknowledged.length - stored,
          errors: [...killed.failures.values()].reduce((a, b) => a + b, 0),
        },
      );
      figure(
        'kill -9 rounds: acknowledged events missing from the log',
        killed.acknowledged.length - stored,
        'events',
        '0',
      );
      figure('api restart to /health (median of rounds)', quantile(restarts, 0.5), 's');
      console.log(`kill rounds: failures ${JSON.stringify([...killed.failures])}`);
    }
    const stored = await countStored(client, tally.acknowledged);
    figure('ingest: acknowledged events missing from the log', tally.acknowledged.length - stored, 'events', '0');
    const { rows: size } = await client.query<{ events: string; total: string }>(
      // A partitioned table's own size is 0: its partitions hold the rows and indexes.
      `select coalesce(sum(pg_total_relation_size(i.inhrelid)), 0) + pg_total_relation_size('${schema}.events') as events,
              pg_database_size(current_database()) as total
       from pg_inherits i where i.inhparent = '${schema}.events'::regclass`,
    );
    figure('events table size (with indexes)', Number(size[0]!.events) / 2 ** 20, 'MiB');
    figure('events table bytes per event', Number(size[0]!.events) / (await maxSeq(client)), 'bytes');

    const grows: BenchRow[] = [
      {
        what: 'API process RSS',
        'grows with': 'items (search index and catalogue in every API process)',
        measured: 'above',
      },
      {
        what: 'training time, worker memory',
        'grows with': 'events and distinct items × customers (co-occurrence)',
        measured: 'above',
      },
      {
        what: 'ingest rate',
        'grows with': 'API processes until PostgreSQL commits (WAL) or the CPU bind',
        measured: 'above',
      },
      {
        what: 'profile freshness lag',
        'grows with': 'the tailer period (10 s) and the folds ahead of it (a quick lane of their own on each worker)',
        measured: 'above',
      },
      { what: 'events table size', 'grows with': 'events (bytes per event above)', measured: 'above' },
    ];
    printTable('what grows with what', grows);
    writeReport('scale', rows, {
      scale,
      sizes,
      apiEvents,
      baseEvents,
      apiProcesses: apiCount,
      clients,
      batchSize,
      loadAverageAtStart: load,
      loadAverageAtEnd: os.loadavg(),
      grows,
    });
    console.log(
      `load average at end ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    // A profiled process is stopped (SIGTERM) rather than killed: V8 writes its profile at a normal exit.
    const profiled = (p: DaogouProcess) => (p.role === 'worker' ? !!workerProf : apiNodeArgs.length > 0);
    for (const p of processes) await (profiled(p) ? p.stop() : p.kill9());
    await bench.drop(args.includes('--keep'));
  }
}
