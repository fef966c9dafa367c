/**
 * `npm run bench -- assistant-http [--seconds 10] [--repeat 3] [--connections 10]`: assistant turns over
 * HTTP on the demo store (SQLite, 3,000 items), without an LLM, beside `GET /v1/items/{id}` as a baseline
 * in the same run. autocannon runs in a separate process on loopback (so it does not share the server's
 * event loop). Messages rotate over Chinese and English product, refinement and service turns, in 50
 * sessions (so refinements have something to refine). Each round runs the baseline and then the
 * assistant; the recommendation model is trained first, as `serve` does on a store without one. The table gives every run, the medians over rounds, the server's event-loop delay and the
 * load average (1 min) before each run. The browser key's per-address rate limit is off (one loopback address).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../src/config/config.js';
import { prepareDemo } from '../src/engine/demo.js';
import { createEngine } from '../src/engine/engine.js';
import { buildApp } from '../src/server/app.js';
import { runLoad } from './_http-load.js';
import { median, writeReport, type BenchRow } from './report.js';

const MESSAGES = [
  '两百块以内的红色连衣裙',
  'show me running shoes under $500',
  '有没有便宜点的',
  '100到300的耳机',
  'in blue',
  '可以退货吗',
  'where is my order',
  '最便宜的口红',
  'tell me a joke',
  'best selling headphones',
];

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}

/** Runs the benchmark. */
export default async function assistantHttpBench(args: string[]): Promise<void> {
  const seconds = arg(args, 'seconds', 10);
  const repeat = arg(args, 'repeat', 3);
  const connections = arg(args, 'connections', 10);
  // --cpu-prof FILE: a V8 CPU profile of the server's thread over the assistant runs (open in Chrome DevTools).
  const profileFile = option(args, 'cpu-prof');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-assistant-bench-'));
  const engine = await createEngine(
    loadConfig({
      ...process.env,
      DAOGOU_DATABASE_URL: `sqlite:${path.join(dir, 'daogou.db')}`,
      DAOGOU_DATA_DIR: dir,
      DAOGOU_RATE_LIMIT_PUBLIC: '0',
    }),
  );
  try {
    await prepareDemo(engine);
    // As `serve` does when no model is stored: otherwise trending is recomputed from the whole log every minute.
    await engine.recommendations.train();
    const { key } = await engine.keys.create('bench browser', 'public');
    const app = await buildApp(engine, { web: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    await engine.assistant.warm();
    const bodies = Array.from({ length: MESSAGES.length * 50 }, (_, i) =>
      JSON.stringify({ text: MESSAGES[i % MESSAGES.length], sessionId: `bench-${Math.floor(i / MESSAGES.length)}` }),
    );
    // Warm the JIT on both routes before measuring.
    for (let i = 0; i < 200; i++) {
      const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
      await fetch(`${base}/v1/items/SKU-000001`, { headers });
      await fetch(`${base}/v1/assistant/messages`, { method: 'POST', headers, body: bodies[i % bodies.length]! });
    }
    const delay = monitorEventLoopDelay({ resolution: 5 });
    const run = async (name: string, method: 'GET' | 'POST', url: string, body: string[]): Promise<BenchRow> => {
      const loadAverage = os.loadavg()[0]!;
      delay.reset();
      delay.enable();
      const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
      // The server runs in this process and autocannon in its own: this process's CPU is the server's.
      const cpuBefore = process.cpuUsage();
      const r = await runLoad({ url, method, headers, bodies: body, seconds, connections });
      const cpu = process.cpuUsage(cpuBefore);
      delay.disable();
      if (r.non2xx > 0) throw new Error(`${name}: ${r.non2xx} answers were not 2xx`);
      return {
        run: name,
        requests: r.total,
        'req/s': r.rps,
        'p50 ms': r.p50,
        'p99 ms': r.p99,
        'max ms': r.max,
        // User + system CPU of the server per answered request: what the machine's load does not change much.
        'server CPU ms/req': Number(((cpu.user + cpu.system) / 1000 / Math.max(1, r.total)).toFixed(3)),
        // Requests without an answer within autocannon's 10 s (counted, not in the latencies).
        'errors (timeouts)': `${r.errors} (${r.timeouts})`,
        'loop delay p99 ms': delay.percentile(99) / 1e6,
        'load avg': Number(loadAverage.toFixed(2)),
      };
    };
    const baseline: BenchRow[] = [];
    const assistant: BenchRow[] = [];
    for (let i = 0; i < repeat; i++) {
      baseline.push(await run(`GET /v1/items/{id} #${i + 1}`, 'GET', `${base}/v1/items/SKU-000001`, []));
      const profiler = profileFile ? new Session() : undefined;
      if (profiler) {
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
        await profiler.post('Profiler.start');
      }
      assistant.push(
        await run(`POST /v1/assistant/messages #${i + 1}`, 'POST', `${base}/v1/assistant/messages`, bodies),
      );
      if (profiler && profileFile) {
        const { profile } = await profiler.post('Profiler.stop');
        writeFileSync(repeat > 1 ? `${profileFile}.${i + 1}` : profileFile, JSON.stringify(profile));
        profiler.disconnect();
      }
    }
    const med = (rows: BenchRow[], name: string): BenchRow => {
      const out: BenchRow = { run: name };
      for (const column of Object.keys(rows[0]!).filter((c) => c !== 'run' && c !== 'errors (timeouts)')) {
        out[column] = median(rows.map((r) => Number(r[column])));
      }
      return out;
    };
    const rows = [
      ...baseline,
      ...assistant,
      med(baseline, 'GET /v1/items/{id} (baseline), median'),
      med(assistant, 'POST /v1/assistant/messages (no LLM), median'),
    ];
    await app.close();
    // The verdict on the medians, and whether the machine was quiet enough for it to mean anything.
    const summary = rows.at(-1)!;
    const [p50, p99] = [Number(summary['p50 ms']), Number(summary['p99 ms'])];
    const busiest = Math.max(...assistant.map((r) => Number(r['load avg'])));
    const verdict = `goal p50 ≤ 30 ms, p99 ≤ 100 ms: p50 ${p50} ms, p99 ${p99} ms, ${Number(summary['server CPU ms/req'])} CPU-ms a turn — ${p50 <= 30 && p99 <= 100 ? 'met' : 'not met'}${busiest > os.cpus().length ? ` (load ${busiest} on ${os.cpus().length} cores: rerun on a quieter machine to judge)` : ''}`;
    writeReport('assistant-http', rows, {
      verdict,
      goal: 'p50 ≤ 30 ms, p99 ≤ 100 ms',
      connections,
      seconds,
      repeat,
      loadAverageAfter: os.loadavg(),
    });
    console.log(verdict);
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
