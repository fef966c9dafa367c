/**
 * Journey benchmarks on SQLite (a temporary file), each bounded by `--timeout` seconds:
 *   placement  — N customers (default 1,000,000) entering a segment-triggered journey: all placed and their
 *                first step (a send: message rendered and queued) executed; goal ≤ 120 s.
 *   throughput — N personalised webhook messages (default 20,000) with a product block, from events in the
 *                log to delivered at a local sink (its own process); goal ≥ 2,000 messages/s, RSS ≤ 500 MB.
 *   latency    — event-to-send for a journey without a wait, through the real server (HTTP ingest, the job
 *                worker's 1-second tick, webhook to the sink); goal p99 ≤ 2 s.
 * Usage: npm run bench -- journeys [placement|throughput|latency|all] [--customers N] [--messages N]
 *        [--events N] [--rate N] [--timeout S] [--runs N]
 * Each row gives CPU seconds beside wall seconds and the 1-minute load average at its start and end; with
 * `--runs N` each scenario runs N times and a median row follows. On a shared machine the wall time holds the
 * time other processes had the cores: `perCpuSecond` (work per CPU-second) is what a free core would do.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { fork } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/config.js';
import { SEGMENT_ENTER_EVENT } from '../src/customers/index.js';
import { systemEvent, type NewEvent } from '../src/domain/index.js';
import { createEngine, type Engine } from '../src/engine/engine.js';
import { startServer } from '../src/server/start-server.js';
import type { CustomerRecord } from '../src/store/repositories/customer-repository.js';
import { median, writeReport, type BenchRow } from './report.js';

const T = Date.UTC(2026, 5, 1, 4);

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
}

/** A local webhook sink counting deliveries and their arrival times. */
async function sink(): Promise<{
  url: string;
  count: () => number;
  arrivals: Map<string, number>;
  close(): Promise<void>;
}> {
  let n = 0;
  const arrivals = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      n += 1;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { customerId: string };
      arrivals.set(body.customerId, performance.timeOrigin + performance.now());
      res.writeHead(200).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    count: () => n,
    arrivals,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The webhook sink in a child process (see _webhook-sink.ts); `count` asks it over IPC. */
async function sinkProcess(): Promise<{
  url: string;
  count: () => Promise<{ count: number; cpuSeconds: number }>;
  close(): Promise<void>;
}> {
  const child = fork(path.join(path.dirname(fileURLToPath(import.meta.url)), '_webhook-sink.ts'), [], {
    execArgv: ['--import', 'tsx'],
  });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      child.once('message', (m) => resolve(m as Record<string, unknown>));
      child.once('exit', (code) => reject(new Error(`the sink exited with ${code}`)));
    });
  const { url } = (await next()) as { url: string };
  return {
    url,
    count: async () => {
      const answer = next();
      child.send('count');
      return (await answer) as { count: number; cpuSeconds: number };
    },
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('close');
      await exited;
    },
  };
}

/**
 * CPU seconds this process used since `since` (user + system). On a shared machine the wall time also holds
 * the time other processes had the cores; this is what the work itself cost.
 */
function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return Math.round((used.user + used.system) / 1e5) / 10;
}

/** Samples RSS every 100 ms; returns a stop function giving the peak in MB. */
function rssPeak(): () => number {
  // memoryUsage.rss() alone: the full memoryUsage() also walks the heap's spaces, a cost the benchmark added.
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
  return () => {
    clearInterval(timer);
    return Math.round(Math.max(peak, process.memoryUsage.rss()) / 2 ** 20);
  };
}

async function tempEngine(now: () => number): Promise<{ engine: Engine; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-bench-journeys-'));
  const engine = await createEngine(
    { ...loadConfig({}), dataDir: dir, databaseUrl: `sqlite:${path.join(dir, 'daogou.db')}`, retrainHours: 0 },
    now,
  );
  return { engine, dir };
}

async function addCustomers(engine: Engine, n: number, traits: (i: number) => Record<string, unknown>): Promise<void> {
  for (let i = 0; i < n; i += 10_000) {
    const page: CustomerRecord[] = [];
    for (let j = i; j < Math.min(n, i + 10_000); j++)
      page.push({
        id: `c${j}`,
        traits: traits(j),
        consent: { email: true, sms: false, push: false },
        createdAt: T,
        updatedAt: T,
      });
    await engine.store.transaction((repos) => repos.customers.upsertMany(page));
  }
}

async function placement(customers: number, timeoutS: number): Promise<BenchRow> {
  const { engine, dir } = await tempEngine(() => T);
  try {
    const setup = performance.now();
    await engine.store.segments.insert({
      id: 'seg-bench',
      name: 'bench',
      rule: 'orders >= 0',
      description: null,
      size: customers,
      createdAt: T,
      updatedAt: T,
      evaluatedAt: T,
    });
    const journey = await engine.journeys.service.create({
      name: 'Segment welcome',
      trigger: { segment: 'bench' },
      steps: [
        {
          type: 'send',
          channel: 'webhook',
          url: 'http://127.0.0.1:9/unused',
          content: { body: 'Hi {{ customer.traits.name }}' },
        },
        { type: 'wait', duration: 'P1D' },
        { type: 'exit' },
      ],
      status: 'active',
    });
    await engine.journeys.runner.readEvents();
    await addCustomers(engine, customers, (i) => ({ name: `Customer ${i}` }));
    // The segment service records entries as events in the log; written here directly, in bulk.
    for (let i = 0; i < customers; i += 10_000) {
      const events: NewEvent[] = [];
      for (let j = i; j < Math.min(customers, i + 10_000); j++)
        events.push(
          systemEvent({
            id: `enter-${j}`,
            type: SEGMENT_ENTER_EVENT,
            customerId: `c${j}`,
            timestamp: T,
            receivedAt: T,
            properties: { segmentId: 'seg-bench' },
          }),
        );
      await engine.store.transaction((repos) => repos.events.insertMany(events));
    }
    // As `daogou serve` does (every role): SQLite's checkpoints on their own thread, not inside commits.
    await engine.store.upkeepInBackground();
    const setupS = (performance.now() - setup) / 1000;
    console.log(
      `placement: ${customers.toLocaleString('en-US')} customers and entry events written in ${setupS.toFixed(1)} s`,
    );
    const peak = rssPeak();
    const load1Start = load1();
    const cpu = process.cpuUsage();
    const start = performance.now();
    let timedOut = false;
    for (let page = 0; await engine.journeys.runner.readEvents(); page++) {
      if ((performance.now() - start) / 1000 > timeoutS) {
        timedOut = true;
        break;
      }
      if (page % 50 === 0) process.stdout.write(`\r  placed pages: ${page}`);
    }
    const seconds = (performance.now() - start) / 1000;
    const runs = await engine.store.journeyRuns.counts(journey.id);
    const queued = (await engine.store.journeyMessages.counts(journey.id)).reduce((s, m) => s + m.n, 0);
    process.stdout.write('\n');
    const cpuS = cpuSeconds(cpu);
    return {
      scenario: 'placement (segment trigger)',
      size: customers,
      seconds: Math.round(seconds * 10) / 10,
      perSecond: Math.round(runs.entered / seconds),
      cpuSeconds: cpuS,
      perCpuSecond: Math.round(runs.entered / cpuS),
      load1Start,
      load1End: load1(),
      placed: runs.entered,
      firstStepDone: queued,
      rssMB: peak(),
      goal: '≤ 120 s for 1,000,000',
      status: timedOut
        ? 'timeout'
        : runs.entered !== customers || queued !== customers
          ? 'incomplete'
          : customers < 1_000_000
            ? 'smoke (goal is for 1,000,000)'
            : seconds <= 120
              ? 'met'
              : 'missed',
    };
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function throughput(messages: number, timeoutS: number): Promise<BenchRow> {
  const receiver = await sinkProcess();
  const { engine, dir } = await tempEngine(() => T);
  try {
    await engine.journeys.service.saveSettings({ concurrency: 128 });
    const items = Array.from({ length: 1000 }, (_, i) => ({
      id: `i${i}`,
      title: `Item ${i} 商品`,
      price: 10 + (i % 90),
      currency: 'CNY',
      images: [`https://img.example/${i}.jpg`],
    }));
    await engine.items.upsert(items);
    await addCustomers(engine, messages, (i) => ({ name: `Customer ${i}`, locale: i % 2 ? 'zh' : 'en' }));
    await engine.journeys.service.create({
      name: 'Personal',
      trigger: { event: 'custom:bench' },
      steps: [
        {
          type: 'send',
          channel: 'webhook',
          url: receiver.url,
          content: {
            en: { subject: 'For you, {{ customer.traits.name }}', html: '{{ item | product_block }}' },
            zh: { subject: '{{ customer.traits.name }}，为你挑选', html: '{{ item | product_block }}' },
          },
        },
      ],
      status: 'active',
    });
    await engine.journeys.runner.readEvents();
    await engine.store.upkeepInBackground();
    for (let i = 0; i < messages; i += 10_000) {
      const events: NewEvent[] = [];
      for (let j = i; j < Math.min(messages, i + 10_000); j++)
        events.push(
          systemEvent({
            id: `b-${j}`,
            type: 'custom:bench',
            customerId: `c${j}`,
            itemId: `i${j % 1000}`,
            timestamp: T,
            receivedAt: T,
          }),
        );
      await engine.store.transaction((repos) => repos.events.insertMany(events));
    }
    const rssBefore = Math.round(process.memoryUsage().rss / 2 ** 20);
    const peak = rssPeak();
    const load1Start = load1();
    const cpu = process.cpuUsage();
    const start = performance.now();
    let timedOut = false;
    const sinkBefore = await receiver.count();
    let received = sinkBefore;
    while (received.count < messages) {
      const r = await engine.journeys.runner.tick();
      received = await receiver.count();
      if ((performance.now() - start) / 1000 > timeoutS) {
        timedOut = true;
        break;
      }
      if (r.events + r.advanced + r.sent + r.failed + r.queued === 0) break;
    }
    const seconds = (performance.now() - start) / 1000;
    const rss = peak();
    const delivered = received.count;
    const cpuS = cpuSeconds(cpu);
    return {
      scenario: 'throughput (webhook, product block)',
      size: messages,
      seconds: Math.round(seconds * 10) / 10,
      perSecond: Math.round(delivered / seconds),
      cpuSeconds: cpuS,
      perCpuSecond: Math.round(delivered / cpuS),
      load1Start,
      load1End: load1(),
      sinkCpuSeconds: Math.round((received.cpuSeconds - sinkBefore.cpuSeconds) * 10) / 10,
      placed: messages,
      firstStepDone: delivered,
      rssMB: rss,
      rssBeforeMB: rssBefore,
      goal: '≥ 2,000 msg/s, RSS ≤ 500 MB',
      status: timedOut
        ? 'timeout'
        : delivered !== messages
          ? 'incomplete'
          : delivered / seconds >= 2000 && rss <= 500
            ? 'met'
            : 'missed',
    };
  } finally {
    await engine.close();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function latency(events: number, rate: number, timeoutS: number): Promise<BenchRow> {
  const receiver = await sink();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-bench-latency-'));
  const server = await startServer(
    {
      ...loadConfig({}),
      dataDir: dir,
      databaseUrl: `sqlite:${path.join(dir, 'daogou.db')}`,
      port: 0,
      logLevel: 'warn',
      retrainHours: 0,
    },
    { worker: { pollMs: 50 } },
  );
  try {
    const admin = (await server.engine.keys.create('bench', 'admin')).key;
    const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
    const created = await fetch(`${server.url!}/v1/journeys`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: 'No wait',
        trigger: { event: 'add_to_cart' },
        steps: [{ type: 'send', channel: 'webhook', url: receiver.url }],
        status: 'active',
      }),
    });
    if (!created.ok) throw new Error(`creating the journey failed: ${created.status} ${await created.text()}`);
    await sleep(2000);
    const sentAt = new Map<string, number>();
    const load1Start = load1();
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < events; i++) {
      const customerId = `lat-${i}`;
      sentAt.set(customerId, performance.timeOrigin + performance.now());
      const res = await fetch(`${server.url!}/v1/events`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ type: 'add_to_cart', customerId, itemId: 'i1' }),
      });
      if (!res.ok) throw new Error(`event ${i}: ${res.status} ${await res.text()}`);
      const due = start + ((i + 1) * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
    }
    let timedOut = false;
    while (receiver.arrivals.size < events) {
      if ((performance.now() - start) / 1000 > timeoutS) {
        timedOut = true;
        break;
      }
      await sleep(50);
    }
    const lat = [...sentAt].flatMap(([c, t]) => {
      const a = receiver.arrivals.get(c);
      return a === undefined ? [] : [a - t];
    });
    lat.sort((a, b) => a - b);
    const q = (p: number) => Math.round(lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? Number.NaN);
    return {
      scenario: 'event-to-send (no wait)',
      size: events,
      seconds: Math.round((performance.now() - start) / 100) / 10,
      perSecond: rate,
      // The whole process: the server (API and worker roles), the client sending events and the sink.
      cpuSeconds: cpuSeconds(cpu),
      load1Start,
      load1End: load1(),
      placed: sentAt.size,
      firstStepDone: lat.length,
      rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
      p50ms: q(0.5),
      p99ms: q(0.99),
      maxMs: Math.round(lat[lat.length - 1] ?? Number.NaN),
      goal: 'p99 ≤ 2,000 ms',
      status: timedOut ? 'timeout' : q(0.99) <= 2000 ? 'met' : 'missed',
    };
  } finally {
    await server.close();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The 1-minute load average. */
function load1(): number {
  return Math.round(os.loadavg()[0]! * 10) / 10;
}

/** A row of medians of the runs' numeric columns (the status of the median run by wall time). */
function medianRow(runs: BenchRow[]): BenchRow {
  const out: BenchRow = { ...runs[0]!, scenario: `${String(runs[0]!.scenario)}: median of ${runs.length}` };
  for (const [key, value] of Object.entries(runs[0]!))
    if (typeof value === 'number') out[key] = median(runs.map((r) => Number(r[key])));
  const byWall = [...runs].sort((a, b) => Number(a.seconds) - Number(b.seconds));
  out.status = byWall[(byWall.length - 1) >> 1]!.status ?? null;
  return out;
}

/** Runs the chosen scenarios and writes bench/results/journeys.json. */
export default async function run(args: string[]): Promise<void> {
  const which = args[0] && !args[0].startsWith('--') ? args[0] : 'all';
  const timeoutS = arg(args, 'timeout', 600);
  const repeats = Math.max(1, arg(args, 'runs', 1));
  const rows: BenchRow[] = [];
  const load = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const scenario = async (name: string, once: () => Promise<BenchRow>) => {
    if (which !== name && which !== 'all') return;
    const runs: BenchRow[] = [];
    for (let i = 0; i < repeats; i++) {
      runs.push(await once());
      console.log(`  ${name} run ${i + 1}/${repeats}: ${JSON.stringify(runs[runs.length - 1])}`);
    }
    rows.push(...runs);
    if (repeats > 1) rows.push(medianRow(runs));
  };
  await scenario('placement', () => placement(arg(args, 'customers', 1_000_000), timeoutS));
  await scenario('throughput', () => throughput(arg(args, 'messages', 20_000), timeoutS));
  await scenario('latency', () => latency(arg(args, 'events', 300), arg(args, 'rate', 20), timeoutS));
  writeReport(`journeys${which === 'all' ? '' : `-${which}`}`, rows, {
    loadAverageAtStart: load,
    loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
  });
  const cores = os.cpus().length;
  if (Math.max(...load.slice(0, 1), os.loadavg()[0]!) > cores)
    console.log(
      `\nThe load average (${load[0]} at the start, ${load1()} at the end) exceeded the ${cores} cores: wall times ` +
        "hold other processes' time. For the goals in wall time, rerun on a quiet machine (load < 1) with\n" +
        `  flock /work/bench.lock npm run bench -- journeys ${which} --runs 3\n` +
        'and compare perCpuSecond, which a free core would do: placement needs ≥ 8,400 per CPU-second for ' +
        '1,000,000 in 120 s, throughput ≥ 2,000 messages per CPU-second in the sender for one core.',
    );
  // The server's and engines' timers are closed; a straggler must not keep the benchmark alive.
  process.exit(0);
}
