/**
 * Search through the real server: the Home Depot products (54,667 titles) imported into a SQLite store
 * through the item service, the index built by the search service, then autocannon on
 * `GET /v1/search?q=…` with the browser key, cycling through the judged queries. As in production, every
 * request is logged (pino at info, to a file here instead of stdout) and every search is logged as a search
 * event. Each route is loaded for --warmup seconds (default 3, not reported) before it is measured: the first
 * seconds after an index build run slower while the JIT compiles and per-term scoring caches fill.
 * Then the route and a bare-engine baseline take turns for --rounds rounds; the table gives medians.
 * Flags: --duration S (default 10), --connections N (10), --warmup S (3), --rounds R (3).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { loadConfig } from '../src/config/config.js';
import { datasetPath, missingDatasetMessage } from '../src/datasets/location.js';
import { createEngine } from '../src/engine/engine.js';
import { loadHomeDepot } from '../src/search/evaluate/homedepot-eval.js';
import { buildApp } from '../src/server/app.js';
import { writeReport, type BenchRow } from './report.js';

const value = (args: string[], name: string): number | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : undefined;
};
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
const countLines = (file: string) => readFileSync(file, 'utf8').split('\n').length - 1;

/** Load with autocannon in a worker thread (so it does not share the server's event loop). */
async function load(port: number, paths: string[], seconds: number, connections: number, key?: string) {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    workers: 1,
    ...(key !== undefined ? { headers: { authorization: `Bearer ${key}` } } : {}),
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
}

/** One measured stretch of one route. */
interface RoundResult {
  reqPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  events: number;
  logLines: number;
}

const summary = (r: autocannon.Result) => ({
  reqPerSecond: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors + r.non2xx,
});
const describe = (r: RoundResult) => `${Math.round(r.reqPerSecond)} req/s, p99 ${r.p99} ms`;
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** A full garbage collection, whether or not node was started with --expose-gc. */
function fullGc(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

const portOf = (server: { address(): unknown }): number => {
  const a = server.address();
  return typeof a === 'object' && a !== null ? (a as { port: number }).port : 0;
};

/** Runs the benchmark. */
export default async function run(args: string[]): Promise<void> {
  const dir = datasetPath('homedepot-search');
  if (!dir) {
    console.warn(missingDatasetMessage('homedepot-search'));
    return;
  }
  const seconds = value(args, 'duration') ?? 10;
  const connections = value(args, 'connections') ?? 10;
  const warmup = value(args, 'warmup') ?? 3;
  const rounds = Math.max(1, value(args, 'rounds') ?? 3);
  const data = await loadHomeDepot(dir);
  const queries = data.queries.map((q) => q.query);
  console.log(`homedepot: ${data.products.length} products, ${queries.length} judged queries`);

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'daogou-bench-search-'));
  const config = {
    ...loadConfig({}),
    databaseUrl: `sqlite:${path.join(tmp, 'daogou.db')}`,
    dataDir: tmp,
    rateLimitMax: 0,
    rateLimitPublicMax: 0,
  };
  const engine = await createEngine(config);
  // As `daogou serve` does: checkpoints of the search-event log run on their own thread.
  await engine.store.upkeepInBackground();
  try {
    let t = performance.now();
    for (let i = 0; i < data.products.length; i += 5000) {
      await engine.items.upsert(data.products.slice(i, i + 5000).map((p) => ({ id: p.id, title: p.title })));
    }
    const importS = (performance.now() - t) / 1000;
    t = performance.now();
    await engine.search.ready();
    const buildS = (performance.now() - t) / 1000;
    // A full collection once the index is built, as memory is read: otherwise the build's garbage (~150 MB)
    // stays in the old generation until a major GC lands in the middle of a measured round (~0.4 s of
    // marking, which alone decided a round's p99). A long-running server pays it once, soon after start.
    fullGc();
    const memory = process.memoryUsage();
    const logFile = path.join(tmp, 'requests.log');
    const app = await buildApp(engine, { logger: { level: 'info', file: logFile } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const key = (await engine.keys.create('bench browser', 'public')).key;
    // Baseline in the same process: the same in-memory engine behind a bare Fastify route (no auth, schemas or logging).
    const live = await engine.search.ready();
    const bare = Fastify({ logger: false });
    bare.get<{ Querystring: { q?: string } }>('/search', (req) => {
      const res = live.engine.search({ q: req.query.q ?? '', limit: 10, highlight: true });
      return { total: res.total, hits: res.hits.map((h) => ({ id: h.id, title: h.document.title, score: h.score })) };
    });
    await bare.listen({ host: '127.0.0.1', port: 0 });
    const routes = {
      real: {
        port: portOf(app.server),
        paths: queries.map((q) => `/v1/search?q=${encodeURIComponent(q)}&pageSize=10`),
      },
      bare: { port: portOf(bare.server), paths: queries.map((q) => `/search?q=${encodeURIComponent(q)}`) },
    };
    const real: RoundResult[] = [];
    const baseline: RoundResult[] = [];
    try {
      if (warmup > 0) {
        await load(routes.real.port, routes.real.paths, warmup, connections, key);
        await load(routes.bare.port, routes.bare.paths, warmup, connections);
      }
      // The two routes take turns, so a slow spell of this shared machine lands on both rather than on one.
      for (let round = 0; round < rounds; round++) {
        await engine.search.flushLogs();
        const eventsBefore = await engine.store.events.count();
        const linesBefore = countLines(logFile);
        const r = await load(routes.real.port, routes.real.paths, seconds, connections, key);
        await engine.search.flushLogs();
        real.push({
          ...summary(r),
          events: (await engine.store.events.count()) - eventsBefore,
          logLines: countLines(logFile) - linesBefore,
        });
        baseline.push({
          ...summary(await load(routes.bare.port, routes.bare.paths, seconds, connections)),
          events: 0,
          logLines: 0,
        });
        if (rounds > 1)
          console.log(
            `round ${round + 1} of ${rounds}: ${describe(real.at(-1)!)} (bare route ${describe(baseline.at(-1)!)})`,
          );
      }
    } finally {
      await app.close();
      await bare.close();
    }
    const row = (part: string, results: RoundResult[]): BenchRow => ({
      part,
      'req/s': Math.round(median(results.map((r) => r.reqPerSecond))),
      'p50 ms': median(results.map((r) => r.p50)),
      'p99 ms': median(results.map((r) => r.p99)),
      'p99 range': `${Math.min(...results.map((r) => r.p99))}–${Math.max(...results.map((r) => r.p99))}`,
      errors: results.reduce((sum, r) => sum + r.errors, 0),
      'events logged': results.reduce((sum, r) => sum + r.events, 0),
      'log lines': results.reduce((sum, r) => sum + r.logLines, 0),
    });
    const span = `${connections} connections, ${rounds} × ${seconds} s, medians`;
    const rows: BenchRow[] = [
      row(`baseline: library engine behind a bare Fastify route (${span})`, baseline),
      row(`GET /v1/search, browser key, search events logged (${span})`, real),
    ];
    writeReport('search-http', rows, {
      products: data.products.length,
      queries: queries.length,
      importSeconds: importS,
      indexBuildSeconds: buildS,
      rssMiB: mib(memory.rss),
      heapUsedMiB: mib(memory.heapUsed),
      rounds: { real, baseline },
      goal: { reqPerSecond: 1000, p99Ms: 20 },
    });
    console.log(
      `import ${importS.toFixed(1)} s, index build ${buildS.toFixed(1)} s, memory after build: rss ${mib(memory.rss)} MiB, heap ${mib(memory.heapUsed)} MiB`,
    );
  } finally {
    await engine.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
