/**
 * Ingestion speed: bulk import of a 1,000,000-event JSONL file, HTTP batch ingestion (1,000-event
 * batches), and single-event POSTs (autocannon on loopback), on SQLite and on PostgreSQL. The import
 * runs with records prepared on a worker thread (as `daogou import` does) and, as the baseline, on the
 * main thread, alternately for `--rounds` rounds; the table gives medians.
 *
 *   npm run bench -- ingest [--events N] [--backends sqlite,postgres] [--tests import,batches,single]
 *                           [--rounds R] [--seconds S] [--batches B]
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig, type Config } from '../src/config/config.js';
import { readJsonl } from '../src/datasets/read-jsonl.js';
import { createEngine, type Engine } from '../src/engine/engine.js';
import { buildApp } from '../src/server/app.js';
import { median, quantile, writeReport, type BenchRow } from './report.js';

const PG_URL = process.env.DAOGOU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TYPES = ['view', 'view', 'view', 'view', 'click', 'click', 'add_to_cart', 'purchase', 'search', 'wishlist'];

function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

/** A realistic synthetic event (deterministic in `n`). */
function syntheticEvent(n: number, prefix: string, base: number): Record<string, unknown> {
  const type = TYPES[n % TYPES.length]!;
  const customer = (n * 7919) % 50_000;
  const event: Record<string, unknown> = {
    id: `${prefix}-${n}`,
    type,
    customerId: `C${customer}`,
    sessionId: `S${Math.floor(n / 8)}`,
    channel: ['web', 'app', 'store', 'social'][n % 4],
    timestamp: base + n,
  };
  if (type === 'search') event.query = `red dress ${n % 50}`;
  else event.itemId = `SKU-${(n * 104_729) % 10_000}`;
  if (type === 'purchase')
    Object.assign(event, { quantity: 1 + (n % 3), price: 99.5, orderId: `O${Math.floor(n / 3)}` });
  return event;
}

async function writeJsonl(file: string, count: number): Promise<void> {
  const out = createWriteStream(file);
  const base = Date.UTC(2026, 0, 1);
  let chunk: string[] = [];
  for (let n = 0; n < count; n++) {
    chunk.push(JSON.stringify(syntheticEvent(n, 'bulk', base)));
    if (chunk.length === 10_000) {
      if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length > 0) out.write(chunk.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
}

interface Backend {
  name: 'sqlite' | 'postgres';
  url: string;
  cleanup(): Promise<void>;
}

async function makeBackend(name: 'sqlite' | 'postgres', dir: string, label: string): Promise<Backend> {
  if (name === 'sqlite') {
    const file = path.join(dir, `${label}.db`);
    // Each import round leaves a database of several hundred MB: remove it (and its WAL) at once.
    const cleanup = () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
      return Promise.resolve();
    };
    return { name, url: `sqlite:${file}`, cleanup };
  }
  const schema = `daogou_bench_${label.replace(/\W/g, '_')}_${process.pid}`;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade; create schema ${schema}`);
  await client.end();
  return {
    name,
    url: `${PG_URL}?schema=${schema}`,
    async cleanup() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

async function withEngine<T>(backend: Backend, work: (engine: Engine) => Promise<T>): Promise<T> {
  const config: Config = {
    ...loadConfig({}),
    databaseUrl: backend.url,
    rateLimitMax: 0,
    rateLimitPublicMax: 0,
    logLevel: 'warn',
  };
  const engine = await createEngine(config);
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}

/** One import of the file into a fresh database; returns events/s. */
async function importOnce(backend: Backend, file: string, count: number, thread: boolean): Promise<number> {
  return withEngine(backend, async (engine) => {
    const result = await engine.imports.import(readJsonl(file, 'events'), { thread });
    if (result.imported.events !== count) throw new Error(`imported ${result.imported.events} of ${count}`);
    return count / (result.elapsedMs / 1000);
  });
}

async function benchImport(
  name: Backend['name'],
  dir: string,
  file: string,
  count: number,
  rounds: number,
): Promise<BenchRow[]> {
  const rates = { worker: [] as number[], main: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    // Alternating, so load from elsewhere on the machine weighs on both alike.
    for (const mode of round % 2 === 0 ? (['worker', 'main'] as const) : (['main', 'worker'] as const)) {
      const backend = await makeBackend(name, dir, `import_${mode}_${round}`);
      try {
        console.log(`${name}: import (${mode} thread), round ${round + 1} of ${rounds} …`);
        rates[mode].push(await importOnce(backend, file, count, mode === 'worker'));
      } finally {
        await backend.cleanup();
      }
    }
  }
  const baseline = median(rates.main);
  return (['worker', 'main'] as const).map((mode) => ({
    backend: name,
    test: `bulk import, ${count.toLocaleString('en')}-event JSONL, prepared on the ${mode} thread`,
    'events/s': Math.round(median(rates[mode])),
    seconds: count / median(rates[mode]),
    'p50 ms': null,
    'p99 ms': null,
    'vs main thread': `${(median(rates[mode]) / baseline).toFixed(2)}×`,
    goal: name === 'sqlite' && mode === 'worker' ? '≥ 100,000 events/s' : '',
  }));
}

async function benchHttpBatches(backend: Backend, batches: number): Promise<BenchRow> {
  return withEngine(backend, async (engine) => {
    const app = await buildApp(engine);
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const { key } = await engine.keys.create('bench', 'ingest');
    const base = Date.now() - 7 * 86_400_000;
    const bodies = Array.from({ length: batches }, (_, b) =>
      JSON.stringify({ events: Array.from({ length: 1000 }, (_, i) => syntheticEvent(b * 1000 + i, 'batch', base)) }),
    );
    const latencies: number[] = [];
    const concurrency = 4;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const t = performance.now();
          const res = await fetch(`${address}/v1/events/batch`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body,
          });
          if (res.status !== 202) throw new Error(`batch failed: ${res.status} ${await res.text()}`);
          await res.arrayBuffer();
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await app.close();
    return {
      backend: backend.name,
      test: `HTTP batches of 1,000 (${batches} batches, ${concurrency} concurrent)`,
      'events/s': Math.round((batches * 1000) / seconds),
      seconds,
      'p50 ms': median(latencies),
      'p99 ms': quantile(latencies, 0.99),
      goal: backend.name === 'sqlite' ? '≥ 30,000 events/s' : '',
    };
  });
}

async function benchSinglePosts(backend: Backend, seconds: number): Promise<BenchRow> {
  return withEngine(backend, async (engine) => {
    const app = await buildApp(engine);
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const { key } = await engine.keys.create('bench', 'public');
    let n = 0;
    const base = Date.now() - 7 * 86_400_000;
    const result = await autocannon({
      url: `${address}/v1/events`,
      connections: 16,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          setupRequest: (request) => ({ ...request, body: JSON.stringify(syntheticEvent(n++, 'single', base)) }),
        },
      ],
    });
    await app.close();
    if (result.non2xx > 0) throw new Error(`${result.non2xx} requests failed`);
    return {
      backend: backend.name,
      test: `single-event POSTs (autocannon, 16 connections, ${seconds} s)`,
      'events/s': Math.round(result.requests.average),
      seconds,
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
      goal: backend.name === 'sqlite' ? '≥ 3,000 req/s, p99 < 20 ms' : '',
    };
  });
}

/** Runs the ingestion benchmark. */
export default async function run(args: string[]): Promise<void> {
  const count = Number(arg(args, 'events', '1000000'));
  const backends = arg(args, 'backends', 'sqlite,postgres').split(',') as Backend['name'][];
  const tests = arg(args, 'tests', 'import,batches,single').split(',');
  const rounds = Number(arg(args, 'rounds', '3'));
  const seconds = Number(arg(args, 'seconds', '10'));
  const batches = Number(arg(args, 'batches', '200'));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-bench-ingest-'));
  const file = path.join(dir, 'events.jsonl');
  const rows: BenchRow[] = [];
  try {
    if (tests.includes('import')) {
      console.log(`writing ${count.toLocaleString('en')} events to ${file} …`);
      await writeJsonl(file, count);
    }
    for (const name of backends) {
      if (tests.includes('import')) rows.push(...(await benchImport(name, dir, file, count, rounds)));
      for (const [label, job] of [
        ['batches', (b: Backend) => benchHttpBatches(b, batches)],
        ['single', (b: Backend) => benchSinglePosts(b, seconds)],
      ] as const) {
        if (!tests.includes(label)) continue;
        const backend = await makeBackend(name, dir, label);
        try {
          console.log(`${name}: ${label} …`);
          rows.push(await job(backend));
        } finally {
          await backend.cleanup();
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  writeReport('ingest', rows, { cpus: os.cpus().length, eventsInFile: count, importRounds: rounds });
}
