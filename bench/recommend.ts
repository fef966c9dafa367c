/**
 * Recommendation quality and speed: `npm run bench -- recommend [beauty] [toys] [movielens]`.
 * Beauty/Toys: S3-Rec leave-last-out full ranking; MovieLens: 75/25 split stratified by item.
 */
import { loadavg } from 'node:os';
import { datasetPath, missingDatasetMessage } from '../src/datasets/location.js';
import { DefaultPipeline } from '../src/recommend/default-pipeline.js';
import type { PipelineOptions } from '../src/recommend/default-pipeline.js';
import { evaluateRanking, metricsRow, sampleUsers } from '../src/recommend/evaluate/evaluate.js';
import {
  parseItemAttributes,
  loadMovieLensMovies,
  loadMovieLensRatings,
  parseSequences,
  readText,
} from '../src/recommend/evaluate/loaders.js';
import { leaveLastOut, stratifiedSplit } from '../src/recommend/evaluate/splits.js';
import type { Split } from '../src/recommend/evaluate/splits.js';
import { InteractionLog } from '../src/recommend/interaction-log.js';
import type { Recommender } from '../src/recommend/recommender.js';
import { AlsRecommender } from '../src/recommend/recommenders/als-recommender.js';
import { ContentRecommender } from '../src/recommend/recommenders/content-recommender.js';
import type { ItemText } from '../src/recommend/recommenders/content-recommender.js';
import { EaseRecommender } from '../src/recommend/recommenders/ease-recommender.js';
import { ItemKnnRecommender } from '../src/recommend/recommenders/item-knn-recommender.js';
import { PopularityRecommender } from '../src/recommend/recommenders/popularity-recommender.js';
import { TransitionRecommender } from '../src/recommend/recommenders/transition-recommender.js';
import type { BenchRow } from './report.js';
import { median, quantile, writeReport } from './report.js';

/** A dataset split for evaluation, with item texts. */
export interface Dataset {
  key: string;
  split: Split;
  texts: Map<string, ItemText>;
  protocol: 'leave-last-out' | 'stratified';
}

function loadSequences(key: string, folder: string, base: string): Dataset | null {
  const seq = datasetPath(folder, `${base}.txt`);
  const attrs = datasetPath(folder, `${base}_item2attributes.json`);
  if (!seq || !attrs) {
    console.warn(missingDatasetMessage(folder, `${base}.txt`));
    return null;
  }
  const log = InteractionLog.fromRows(parseSequences(readText(seq)));
  const texts = new Map([...parseItemAttributes(readText(attrs))].map(([id, tags]) => [id, { tags }]));
  return { key, split: leaveLastOut(log, 0), texts, protocol: 'leave-last-out' };
}

/** MovieLens (latest small) with its 75/25 split stratified by item, and movie titles and genres as item text. */
export async function loadMovieLens(): Promise<Dataset | null> {
  const ratings = datasetPath('movielens-latest-small', 'ratings.csv');
  const movies = datasetPath('movielens-latest-small', 'movies.csv');
  if (!ratings || !movies) {
    console.warn(missingDatasetMessage('movielens-latest-small', 'ratings.csv'));
    return null;
  }
  const log = InteractionLog.fromRows(await loadMovieLensRatings(ratings));
  const texts = new Map(
    [...(await loadMovieLensMovies(movies))].map(([id, m]) => [id, { title: m.title, category: m.genres }]),
  );
  return { key: 'movielens', split: stratifiedSplit(log, 0.75, 42), texts, protocol: 'stratified' };
}

function models(d: Dataset): [string, () => Recommender][] {
  const seq = d.protocol === 'leave-last-out';
  const pipelineOpts: PipelineOptions = { itemTexts: d.texts, validation: seq ? 'last' : 'random' };
  return [
    ['popularity', () => new PopularityRecommender({ distinctUsers: true })],
    ['item-knn (cosine)', () => new ItemKnnRecommender()],
    [
      'item-knn (recency, proximity)',
      () => new ItemKnnRecommender({ positionDecay: 0.7, proximityDecay: 0.7, shrink: 10 }),
    ],
    ['ease (top 1500 items)', () => new EaseRecommender({ maxItems: 1500, positionDecay: seq ? 0.7 : 1 })],
    ['als (f=32)', () => new AlsRecommender({ factors: 32, iterations: 8, positionDecay: seq ? 0.8 : 1 })],
    ['transitions', () => new TransitionRecommender()],
    ['content', () => new ContentRecommender(d.texts, { positionDecay: seq ? 0.7 : 1 })],
    ['default pipeline (no content)', () => new DefaultPipeline({ ...pipelineOpts, itemTexts: undefined })],
    ['default pipeline', () => new DefaultPipeline(pipelineOpts)],
  ];
}

async function runDataset(d: Dataset, rows: BenchRow[], extra: Record<string, unknown>): Promise<void> {
  for (const [name, create] of models(d)) {
    const m = create();
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    m.fit(d.split.train);
    const fit = (performance.now() - t0) / 1000;
    // CPU time is reported too: wall time on a shared 2-core machine depends on other load.
    const cpu = process.cpuUsage(cpu0);
    const metrics = evaluateRanking((h, o) => m.score(h, o), d.split, { k: 10 });
    rows.push({
      dataset: d.key,
      ...metricsRow(name, metrics, fit),
      'fit cpu s': Math.round((cpu.user + cpu.system) / 1e4) / 100,
    });
    console.log(
      `${d.key} ${name}: HR@10 ${metrics.hr.toFixed(4)} NDCG@10 ${metrics.ndcg.toFixed(4)} fit ${fit.toFixed(1)} s`,
    );
    if (m instanceof DefaultPipeline && name === 'default pipeline') {
      const lat: number[] = [];
      for (const u of sampleUsers(d.split, { maxUsers: 1000, seed: 1 })) {
        const t = performance.now();
        m.recommend(d.split.train.history(u), 10);
        lat.push(performance.now() - t);
      }
      const mem = process.memoryUsage();
      extra[d.key] = {
        weights: m.models.map((c, i) => `${c.name}=${m.weights[i]}`).join(' '),
        validationNdcg: m.validationNdcg,
        fitSeconds: fit,
        latencyMsMedian: median(lat),
        latencyMsP99: quantile(lat, 0.99),
        rssMiB: Math.round(mem.rss / 2 ** 20),
        heapUsedMiB: Math.round(mem.heapUsed / 2 ** 20),
        modelBytes: m.save().byteLength,
        loadAverage: loadavg()[0],
      };
      console.log(extra[d.key]);
    }
    await new Promise((r) => setImmediate(r));
  }
}

/** Runs the selected datasets (all when none are named). */
export default async function recommendBench(args: string[]): Promise<void> {
  const want = args.length > 0 ? args : ['beauty', 'toys', 'movielens'];
  const rows: BenchRow[] = [];
  const extra: Record<string, unknown> = {};
  for (const key of want) {
    const d =
      key === 'beauty'
        ? loadSequences('beauty', 'amazon-beauty', 'Beauty')
        : key === 'toys'
          ? loadSequences('toys', 'amazon-toys', 'Toys_and_Games')
          : key === 'movielens'
            ? await loadMovieLens()
            : null;
    if (d) await runDataset(d, rows, extra);
  }
  writeReport(`recommend${args.length > 0 ? '-' + want.join('-') : ''}`, rows, { details: extra });
}
