/**
 * Recommendations on logs that are not next-item streams: `npm run bench -- recommend-shapes [movielens] [france]`.
 * MovieLens latest-small: random 75/25 split per user (seed 42), the training part written as a CSV and run
 * through `daogou recommend`'s code (batchRecommend, default options), its lists scored against the held-out
 * quarter; beside it EASE (exact, dual form, several λ; and over the top 1,500 items only), item-kNN and
 * popularity on the same split. online-retail-france: invoices as baskets, trained on invoices before the
 * 80% time quantile, tested on the new items each customer bought later.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { datasetPath, missingDatasetMessage } from '../src/datasets/location.js';
import { batchRecommend } from '../src/recommend/batch-recommend.js';
import { DefaultPipeline } from '../src/recommend/default-pipeline.js';
import { evaluateRanking, metricsRow } from '../src/recommend/evaluate/evaluate.js';
import { loadMovieLensRatings, loadOnlineRetail } from '../src/recommend/evaluate/loaders.js';
import { MetricsAccumulator } from '../src/recommend/evaluate/metrics.js';
import { stratifiedSplit, timeQuantile, timeSplit } from '../src/recommend/evaluate/splits.js';
import type { Split } from '../src/recommend/evaluate/splits.js';
import { InteractionLog } from '../src/recommend/interaction-log.js';
import { storePipelineOptions } from '../src/recommend/pipeline-options.js';
import type { Recommender } from '../src/recommend/recommender.js';
import { EaseRecommender } from '../src/recommend/recommenders/ease-recommender.js';
import { ItemKnnRecommender } from '../src/recommend/recommenders/item-knn-recommender.js';
import { PopularityRecommender } from '../src/recommend/recommenders/popularity-recommender.js';
import type { BenchRow } from './report.js';
import { writeReport } from './report.js';

/** Fits a model on the split's training part and scores the full catalogue for every test user. */
function evaluateModel(dataset: string, name: string, m: Recommender, split: Split): BenchRow {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  m.fit(split.train);
  const fit = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const metrics = evaluateRanking((h, o) => m.score(h, o), split, { k: 10 });
  console.log(
    `${dataset} ${name}: NDCG@10 ${metrics.ndcg.toFixed(4)} HR@10 ${metrics.hr.toFixed(4)} fit ${fit.toFixed(1)} s`,
  );
  return { dataset, ...metricsRow(name, metrics, fit), 'fit cpu s': Math.round((cpu.user + cpu.system) / 1e4) / 100 };
}

async function movieLens(rows: BenchRow[], extra: Record<string, unknown>): Promise<void> {
  const ratings = datasetPath('movielens-latest-small', 'ratings.csv');
  if (!ratings) return console.warn(missingDatasetMessage('movielens-latest-small', 'ratings.csv'));
  const log = InteractionLog.fromRows(await loadMovieLensRatings(ratings));
  const split = stratifiedSplit(log, 0.75, 42, 'user');
  const dataset = 'movielens (random 75/25 per user, seed 42)';
  // The training quarter as a user would hand it to `daogou recommend`.
  const dir = mkdtempSync(path.join(tmpdir(), 'daogou-bench-ml-'));
  try {
    const csv = path.join(dir, 'train.csv');
    const out = path.join(dir, 'recs.jsonl');
    const t = split.train;
    const lines = ['user_id,item_id,timestamp,rating'];
    for (let k = 0; k < t.size; k++)
      lines.push(`${t.userIds[t.users[k]!]},${t.itemIds[t.items[k]!]},${t.timestamps[k]},${t.values[k]}`);
    writeFileSync(csv, lines.join('\n') + '\n');
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const r = await batchRecommend({ interactionsCsvPath: csv, k: 10, outPath: out });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const acc = new MetricsAccumulator(10, log.numItems);
    const lists = new Map<string, string[]>();
    for (const line of readFileSync(out, 'utf8').trim().split('\n')) {
      const o = JSON.parse(line) as { user_id: string; items: string[] };
      lists.set(o.user_id, o.items);
    }
    for (const [u, rel] of split.test) {
      const items = (lists.get(log.userIds[u]!) ?? []).map((id) => log.itemIndex.get(id) ?? -1);
      acc.add(items, new Set(rel));
    }
    const metrics = acc.result();
    console.log(`${dataset} daogou recommend: NDCG@10 ${metrics.ndcg.toFixed(4)} P@10 ${metrics.precision.toFixed(4)}`);
    rows.push({
      dataset,
      ...metricsRow('daogou recommend (default options)', metrics, seconds),
      'fit cpu s': Math.round((cpu.user + cpu.system) / 1e4) / 100,
    });
    extra.movielens = { choice: r.choice, loadAverage: loadavg()[0] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const lambda of [50, 100, 200, 400])
    rows.push(evaluateModel(dataset, `EASE exact (dual), λ ${lambda}`, new EaseRecommender({ lambda }), split));
  rows.push(
    evaluateModel(
      dataset,
      'EASE top 1,500 items, λ 200',
      new EaseRecommender({ lambda: 200, maxItems: 1500, maxDualUsers: 0 }),
      split,
    ),
  );
  rows.push(evaluateModel(dataset, 'item-kNN', new ItemKnnRecommender({ shrink: 10 }), split));
  rows.push(evaluateModel(dataset, 'popularity', new PopularityRecommender({ distinctUsers: true }), split));
}

async function france(rows: BenchRow[], extra: Record<string, unknown>): Promise<void> {
  const file = datasetPath('online-retail-france', 'online_retail_france.csv');
  if (!file) return console.warn(missingDatasetMessage('online-retail-france', 'online_retail_france.csv'));
  const log = InteractionLog.fromRows(await loadOnlineRetail(file));
  const cutoff = timeQuantile(log, 0.8);
  const split = timeSplit(log, cutoff);
  const dataset = `online-retail-france (baskets; train < ${new Date(cutoff * 1000).toISOString().slice(0, 10)})`;
  rows.push(evaluateModel(dataset, 'popularity', new PopularityRecommender({ distinctUsers: true }), split));
  rows.push(evaluateModel(dataset, 'item-kNN', new ItemKnnRecommender({ shrink: 10 }), split));
  const pipeline = new DefaultPipeline(storePipelineOptions(split.train));
  rows.push(evaluateModel(dataset, 'default pipeline', pipeline, split));
  extra.france = { choice: pipeline.choice, testUsers: split.test.size, trainEvents: split.train.size };
}

/** Runs the selected datasets (both when none are named). */
export default async function recommendShapesBench(args: string[]): Promise<void> {
  const want = args.length > 0 ? args : ['movielens', 'france'];
  const rows: BenchRow[] = [];
  const extra: Record<string, unknown> = {};
  if (want.includes('france')) await france(rows, extra);
  if (want.includes('movielens')) await movieLens(rows, extra);
  writeReport(`recommend-shapes${args.length > 0 ? '-' + want.join('-') : ''}`, rows, { details: extra });
}
