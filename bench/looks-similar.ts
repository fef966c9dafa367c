/**
 * "Looks similar" per request: `npm run bench -- looks-similar [--items N] [--dim D] [--queries Q] [--noise X,Y]`.
 *
 * The "looks similar" recommender fitted on N synthetic unit vectors (default 100,000 × 138, the shipped image
 * model's length) around 64 centres with noise X (several levels: the more noise, the less clustered, the
 * harder for an index): the time to fit (lay the vectors out and build the IVF lists), and per "similar"
 * request, alternately, the full scan it made before (every item scored) and the nearest lists' items now:
 * p50/p99 and recall@10 of the lists against the full scan. Writes bench/results/looks-similar.json.
 */
import os from 'node:os';
import { topK } from '../src/math/top-k.js';
import { InteractionLog } from '../src/recommend/interaction-log.js';
import { VisualRecommender } from '../src/recommend/recommenders/visual-recommender.js';
import { median, printTable, quantile, writeReport, type BenchRow } from './report.js';

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
}

/** `n` unit vectors around 64 seeded centres, by item id. */
function images(n: number, dim: number, noise: number): Map<string, Float32Array> {
  let s = 42;
  const random = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  const centres = Array.from({ length: 64 }, () => Float32Array.from({ length: dim }, random));
  const out = new Map<string, Float32Array>();
  for (let i = 0; i < n; i++) {
    const v = Float32Array.from(centres[i % 64]!, (c) => c + noise * random());
    let norm = 0;
    for (const x of v) norm += x * x;
    out.set(
      `i${i}`,
      v.map((x) => x / Math.sqrt(norm)),
    );
  }
  return out;
}

/** Runs the benchmark. */
export default async function run(args: string[]): Promise<void> {
  const n = Number(option(args, 'items', '100000'));
  const dim = Number(option(args, 'dim', '138'));
  const queries = Number(option(args, 'queries', '200'));
  const noises = option(args, 'noise', '0.5,1.5').split(',').map(Number);
  const loadBefore = os.loadavg();
  const rows: BenchRow[] = [];
  for (const noise of noises) {
    const embeddings = images(n, dim, noise);
    const log = InteractionLog.fromRows(
      [...embeddings.keys()].map((itemId, i) => ({ userId: `u${i % 1000}`, itemId, timestamp: i })),
    );
    let t = performance.now();
    const visual = new VisualRecommender(embeddings);
    visual.fit(log);
    const fitSeconds = (performance.now() - t) / 1000;
    const exact = new Float32Array(n);
    const indexed = new Float32Array(n);
    const scanTimes: number[] = [];
    const listTimes: number[] = [];
    let hits = 0;
    let touched = 0;
    for (let q = 0; q < queries; q++) {
      const item = (q * 7919) % n;
      // Alternated, so both see the same load.
      t = performance.now();
      visual.score({ items: [item] }, exact);
      exact[item] = 0;
      const truth = topK(exact, 10);
      scanTimes.push(performance.now() - t);
      t = performance.now();
      visual.similar(item, indexed);
      const found = topK(indexed, 10);
      listTimes.push(performance.now() - t);
      const want = new Set(truth.indices);
      for (const i of found.indices) if (want.has(i)) hits++;
      for (let i = 0; i < n; i++) if (indexed[i]! > 0) touched++;
    }
    await new Promise((resolve) => setImmediate(resolve));
    const what = `${n.toLocaleString('en')} × ${dim}, noise ${noise}`;
    rows.push({ what, measure: 'fit (vectors and IVF lists)', value: Number(fitSeconds.toFixed(1)), unit: 's' });
    for (const [name, times] of [
      ['full scan (before)', scanTimes],
      ['nearest lists (now)', listTimes],
    ] as const) {
      rows.push({ what, measure: `similar: ${name} p50`, value: Number(median(times).toFixed(2)), unit: 'ms' });
      rows.push({ what, measure: `similar: ${name} p99`, value: Number(quantile(times, 0.99).toFixed(2)), unit: 'ms' });
    }
    rows.push({
      what,
      measure: 'items with a score above 0 per request (now)',
      value: Math.round(touched / queries),
      unit: 'items',
    });
    rows.push({
      what,
      measure: 'recall@10 against the full scan',
      value: Number((hits / (queries * 10)).toFixed(3)),
      unit: '',
    });
  }
  const loadAfter = os.loadavg();
  printTable('"looks similar": one request, full scan against IVF lists (alternated)', rows);
  console.log(
    `load average before ${loadBefore.map((l) => l.toFixed(1)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(1)).join(' ')}`,
  );
  writeReport('looks-similar', rows, {
    items: n,
    dim,
    queries,
    noises,
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadAfter,
  });
}
