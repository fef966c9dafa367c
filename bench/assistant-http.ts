/**
 * `npm run bench -- assistant-http [--seconds 10]`: assistant turns over HTTP on the demo store (SQLite,
 * 3,000 items) under autocannon with 10 connections, without an LLM, beside `GET /v1/items/{id}` as a
 * baseline in the same run. Messages rotate over Chinese and English product, refinement and service turns.
 * The browser key's per-address rate limit is off (one loopback address). autocannon runs in the server's process, so latencies include its own work (as in the ingest benchmark).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config/config.js';
import { prepareDemo } from '../src/engine/demo.js';
import { createEngine } from '../src/engine/engine.js';
import { buildApp } from '../src/server/app.js';
import { writeReport, type BenchRow } from './report.js';

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

/** Runs the benchmark. */
export default async function assistantHttpBench(args: string[]): Promise<void> {
  const at = args.indexOf('--seconds');
  const seconds = at >= 0 ? Number(args[at + 1]) : 10;
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
    const { key } = await engine.keys.create('bench browser', 'public');
    const app = await buildApp(engine, { web: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    await engine.assistant.warm();
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const run = async (name: string, options: autocannon.Options): Promise<BenchRow> => {
      const r = await autocannon({ connections: 10, duration: seconds, ...options });
      if (r.non2xx > 0) throw new Error(`${name}: ${r.non2xx} requests failed`);
      return {
        run: name,
        connections: 10,
        seconds,
        requests: r.requests.total,
        'req/s': r.requests.average,
        'p50 ms': r.latency.p50,
        'p99 ms': r.latency.p99,
      };
    };
    let n = 0;
    const rows = [
      await run('GET /v1/items/{id} (baseline)', { url: `${base}/v1/items/SKU-000001`, headers }),
      await run('POST /v1/assistant/messages (no LLM)', {
        url: `${base}/v1/assistant/messages`,
        method: 'POST',
        headers,
        requests: [
          { setupRequest: (req) => ({ ...req, body: JSON.stringify({ text: MESSAGES[n++ % MESSAGES.length] }) }) },
        ],
      }),
    ];
    await app.close();
    writeReport('assistant-http', rows, { goal: 'p50 ≤ 30 ms, p99 ≤ 100 ms' });
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
