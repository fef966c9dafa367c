/**
 * Vision benchmark: embedding throughput of the shipped image model (decode + model, photos from the
 * clothing dataset, or drawn images when it is absent), and nearest-neighbour latency over N unit vectors
 * with the IVF index against an exact scan (recall@10 of the IVF against the exact answer), and the cost of one
 * request's scoring by the recommendation blend's "looks similar" model over as many items. Throughput is the
 * median of `--passes` passes; the load average before and after is printed and kept in the JSON.
 * `npm run bench -- vision [--vectors 100000] [--queries 200] [--images 256] [--passes 3]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { datasetPath } from '../src/datasets/location.js';
import { topK } from '../src/math/top-k.js';
import { InteractionLog } from '../src/recommend/interaction-log.js';
import { VisualRecommender } from '../src/recommend/recommenders/visual-recommender.js';
import { IvfIndex } from '../src/math/ivf-index.js';
import { embedFiles } from '../src/vision/service/embed-files.js';
import { ImageModel } from '../src/vision/service/image-model.js';
import { listImages } from '../src/vision/service/list-images.js';
import { machineInfo, median, printTable, quantile, writeReport, type BenchRow } from './report.js';

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** Clustered unit vectors, like embeddings of a catalogue (seeded). */
function vectors(n: number, dim: number): Float32Array {
  let s = 12345;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 4294967296 - 0.5);
  const centres = Array.from({ length: 64 }, () => Float32Array.from({ length: dim }, next));
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const c = centres[i % 64]!;
    let norm = 0;
    for (let d = 0; d < dim; d++) {
      const v = c[d]! + next() * 0.5;
      out[i * dim + d] = v;
      norm += v * v;
    }
    for (let d = 0; d < dim; d++) out[i * dim + d]! /= Math.sqrt(norm);
  }
  return out;
}

async function imageFolder(
  count: number,
): Promise<{ root: string; files: string[]; drawn: boolean; cleanup: () => void }> {
  const dir = datasetPath('clothing-images', 'train');
  if (dir) return { root: dir, files: (await listImages(dir)).slice(0, count), drawn: false, cleanup: () => undefined };
  const root = mkdtempSync(path.join(os.tmpdir(), 'daogou-bench-vision-'));
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = `img${i}.jpg`;
    await sharp({ create: { width: 400, height: 533, channels: 3, background: { r: (i * 37) % 255, g: 120, b: 200 } } })
      .jpeg()
      .toFile(path.join(root, file));
    files.push(file);
  }
  return { root, files, drawn: true, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Runs the benchmark. */
export default async function run(args: string[]): Promise<void> {
  const n = arg(args, 'vectors', 100_000);
  const queryCount = arg(args, 'queries', 200);
  const imageCount = arg(args, 'images', 256);
  const passes = arg(args, 'passes', 3);
  const rows: BenchRow[] = [];
  const loadBefore = os.loadavg().map((l) => Number(l.toFixed(2)));

  const model = await ImageModel.load();
  const folder = await imageFolder(imageCount);
  try {
    await embedFiles(model, folder.root, folder.files.slice(0, 32)); // warm-up
    const rates: number[] = [];
    let embedded = await embedFiles(model, folder.root, folder.files.slice(0, 1));
    for (let p = 0; p < passes; p++) {
      const started = performance.now();
      embedded = await embedFiles(model, folder.root, folder.files);
      rates.push(folder.files.length / ((performance.now() - started) / 1000));
    }
    rows.push({
      what: `embed ${folder.files.length} ${folder.drawn ? 'drawn' : 'clothing'} photos (decode + model, 1 thread; median of ${passes}: ${rates.map((r) => Math.round(r)).join(', ')})`,
      'images/s': Math.round(median(rates)),
      'p50 ms': null,
      'p99 ms': null,
      'recall@10': null,
    });
    const dim = embedded.dim;

    const data = vectors(n, dim);
    let t = performance.now();
    const index = IvfIndex.build(data, dim);
    const buildSeconds = (performance.now() - t) / 1000;
    const queries = vectors(queryCount, dim).map((v, i) => v * 0.9 + data[(i * 7919) % data.length]! * 0.1);
    const exactTimes: number[] = [];
    const ivfTimes: number[] = [];
    let hits = 0;
    const scores = new Float32Array(n);
    for (let q = 0; q < queryCount; q++) {
      const query = queries.subarray(q * dim, (q + 1) * dim);
      t = performance.now();
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let d = 0; d < dim; d++) s += data[i * dim + d]! * query[d]!;
        scores[i] = s;
      }
      const truth = new Set(topK(scores, 10).indices);
      exactTimes.push(performance.now() - t);
      t = performance.now();
      const found = index.search(query, 10);
      ivfTimes.push(performance.now() - t);
      for (const i of found.indices) if (truth.has(i)) hits++;
    }
    rows.push({
      what: `exact scan, ${n.toLocaleString('en')} × ${dim}`,
      'images/s': null,
      'p50 ms': Number(median(exactTimes).toFixed(2)),
      'p99 ms': Number(quantile(exactTimes, 0.99).toFixed(2)),
      'recall@10': 1,
    });
    rows.push({
      what: `IVF, ${index.lists} lists (built in ${buildSeconds.toFixed(1)} s)`,
      'images/s': null,
      'p50 ms': Number(median(ivfTimes).toFixed(2)),
      'p99 ms': Number(quantile(ivfTimes, 0.99).toFixed(2)),
      'recall@10': Number((hits / (queryCount * 10)).toFixed(3)),
    });

    // One request of the "looks similar" recommender: a profile from 5 history items, every item scored.
    const ids = Array.from({ length: n }, (_, i) => `i${i}`);
    const embeddings = new Map(ids.map((id, i) => [id, data.subarray(i * dim, (i + 1) * dim)]));
    const log = InteractionLog.fromRows(ids.map((itemId, i) => ({ userId: `u${i % 1000}`, itemId, timestamp: i })));
    const visual = new VisualRecommender(embeddings, { positionDecay: 0.7 });
    visual.fit(log);
    const out = new Float32Array(visual.numItems);
    const visualTimes: number[] = [];
    for (let q = 0; q < queryCount; q++) {
      const history = { items: Array.from({ length: 5 }, (_, h) => (q * 7919 + h * 104729) % n) };
      t = performance.now();
      visual.score(history, out);
      topK(out, 10);
      visualTimes.push(performance.now() - t);
    }
    rows.push({
      what: `"looks similar" recommender, one request over ${n.toLocaleString('en')} items`,
      'images/s': null,
      'p50 ms': Number(median(visualTimes).toFixed(2)),
      'p99 ms': Number(quantile(visualTimes, 0.99).toFixed(2)),
      'recall@10': null,
    });
  } finally {
    folder.cleanup();
    await model.close();
  }
  const loadAfter = os.loadavg().map((l) => Number(l.toFixed(2)));
  printTable('vision: embedding throughput and nearest neighbours', rows);
  console.log(`load average (1, 5, 15 min): before ${loadBefore.join(' ')}, after ${loadAfter.join(' ')}`);
  const file = writeReport('vision', rows, {
    machine: machineInfo(),
    vectors: n,
    queries: queryCount,
    passes,
    loadAverage: { before: loadBefore, after: loadAfter },
  });
  console.log(`wrote ${file}`);
}
