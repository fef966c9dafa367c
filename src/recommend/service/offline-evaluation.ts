/** Offline evaluation of recommenders on the public datasets, by a named protocol; one metrics row per model. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DefaultPipeline } from '../default-pipeline.js';
import { evaluateRanking } from '../evaluate/evaluate.js';
import {
  parseItemAttributes,
  loadMovieLensMovies,
  loadMovieLensRatings,
  loadOnlineRetail,
  parseSequences,
  readText,
} from '../evaluate/loaders.js';
import type { RankingMetrics } from '../evaluate/metrics.js';
import { leaveLastOut, stratifiedSplit, timeQuantile, timeSplit } from '../evaluate/splits.js';
import type { Split } from '../evaluate/splits.js';
import { InteractionLog } from '../interaction-log.js';
import type { Recommender } from '../recommender.js';
import { AlsRecommender } from '../recommenders/als-recommender.js';
import { ContentRecommender } from '../recommenders/content-recommender.js';
import type { ItemText } from '../recommenders/content-recommender.js';
import { EaseRecommender } from '../recommenders/ease-recommender.js';
import { ItemKnnRecommender } from '../recommenders/item-knn-recommender.js';
import { PopularityRecommender } from '../recommenders/popularity-recommender.js';
import { TransitionRecommender } from '../recommenders/transition-recommender.js';
import { VisualRecommender } from '../recommenders/visual-recommender.js';

/** Datasets `daogou evaluate` knows. */
export const EVAL_DATASETS = [
  'amazon-beauty',
  'amazon-toys',
  'movielens-latest-small',
  'online-retail-france',
] as const;
/**
 * Protocols: S3-Rec leave-last-out; random 75/25 per user (the Microsoft Recommenders tables' split);
 * 75/25 stratified by item; time-based (the first 80% of time trains).
 */
export const EVAL_PROTOCOLS = ['leave-last-out', 'random', 'stratified', 'time'] as const;
/** Models `daogou evaluate` can compare ("visual" needs item images: a store's own evaluation has them). */
export const EVAL_MODELS = [
  'popularity',
  'item-knn',
  'transitions',
  'ease',
  'als',
  'content',
  'visual',
  'default',
] as const;
/** The models compared when none are named: all but "visual" where the items have no image vectors. */
export function defaultEvalModels(d: { images?: ReadonlyMap<string, Float32Array> }): string[] {
  return EVAL_MODELS.filter((m) => m !== 'visual' || (d.images?.size ?? 0) > 0);
}

/** One evaluated model. */
export interface EvaluationRow {
  model: string;
  metrics: RankingMetrics;
  fitSeconds: number;
}

/** A dataset in memory: its log, item texts and (a store's own) item image vectors. */
export interface LoadedDataset {
  log: InteractionLog;
  texts: Map<string, ItemText>;
  images?: ReadonlyMap<string, Float32Array>;
  /** Protocol of the published figures for this dataset. */
  defaultProtocol: (typeof EVAL_PROTOCOLS)[number];
}

/** A file of a dataset under `dir`, or null when it is absent. */
function fileIn(dir: string, name: string, file: string): string | null {
  const p = path.join(dir, name, file);
  return existsSync(p) ? p : null;
}

/** The message for a dataset file that is not there. */
function missing(dir: string, name: string, file: string): Error {
  return new Error(`dataset ${path.join(name, file)} not found under ${dir} (set DAOGOU_DATASETS_DIR)`);
}

/**
 * Loads a known dataset from `datasetsDir` (the caller says where the datasets are: the CLI from
 * DAOGOU_DATASETS_DIR or beside the checkout); throws a clear message when it is absent.
 */
export async function loadEvalDataset(name: string, datasetsDir: string): Promise<LoadedDataset> {
  if (name === 'movielens-latest-small') {
    const ratings = fileIn(datasetsDir, name, 'ratings.csv');
    const movies = fileIn(datasetsDir, name, 'movies.csv');
    if (!ratings || !movies) throw missing(datasetsDir, name, 'ratings.csv');
    const log = InteractionLog.fromRows(await loadMovieLensRatings(ratings));
    const texts = new Map(
      [...(await loadMovieLensMovies(movies))].map(([id, m]) => [id, { title: m.title, category: m.genres }]),
    );
    return { log, texts, defaultProtocol: 'random' };
  }
  if (name === 'online-retail-france') {
    const file = fileIn(datasetsDir, name, 'online_retail_france.csv');
    if (!file) throw missing(datasetsDir, name, 'online_retail_france.csv');
    // Invoices are baskets: their lines share the invoice time.
    return {
      log: InteractionLog.fromRows(await loadOnlineRetail(file)),
      texts: new Map(),
      defaultProtocol: 'time',
    };
  }
  const base = name === 'amazon-beauty' ? 'Beauty' : name === 'amazon-toys' ? 'Toys_and_Games' : undefined;
  if (!base) throw new Error(`unknown dataset "${name}": choose one of ${EVAL_DATASETS.join(', ')}`);
  const seq = fileIn(datasetsDir, name, `${base}.txt`);
  if (!seq) throw missing(datasetsDir, name, `${base}.txt`);
  const attrs = fileIn(datasetsDir, name, `${base}_item2attributes.json`);
  const log = InteractionLog.fromRows(parseSequences(readText(seq)));
  const texts = attrs
    ? new Map([...parseItemAttributes(readText(attrs))].map(([id, tags]) => [id, { tags }]))
    : new Map<string, ItemText>();
  return { log, texts, defaultProtocol: 'leave-last-out' };
}

/** Splits a log by protocol. */
export function splitFor(log: InteractionLog, protocol: (typeof EVAL_PROTOCOLS)[number]): Split {
  if (protocol === 'leave-last-out') return leaveLastOut(log, 0);
  if (protocol === 'random') return stratifiedSplit(log, 0.75, 42, 'user');
  if (protocol === 'stratified') return stratifiedSplit(log, 0.75, 42, 'item');
  return timeSplit(log, timeQuantile(log, 0.8));
}

/** A fresh model by name, configured for the protocol (order matters only for leave-last-out). */
export function createEvalModel(name: string, d: LoadedDataset, protocol: string): Recommender {
  const seq = protocol === 'leave-last-out';
  switch (name) {
    case 'popularity':
      return new PopularityRecommender({ distinctUsers: true });
    case 'item-knn':
      return new ItemKnnRecommender({ positionDecay: seq ? 0.7 : 1, proximityDecay: seq ? 0.7 : 1, shrink: 10 });
    case 'transitions':
      return new TransitionRecommender();
    case 'ease':
      // Exact (dual form) where users are fewer than items, else over the 1,500 most popular items.
      return new EaseRecommender({ maxItems: 1500, positionDecay: seq ? 0.7 : 1 });
    case 'als':
      return new AlsRecommender({ factors: 32, iterations: 8, positionDecay: seq ? 0.8 : 1 });
    case 'content':
      return new ContentRecommender(d.texts, { positionDecay: seq ? 0.7 : 1 });
    case 'visual':
      if (!d.images || d.images.size === 0)
        throw new Error('model "visual" needs item images with vectors (the vision index job computes them)');
      return new VisualRecommender(d.images, { positionDecay: seq ? 0.7 : 1 });
    case 'default':
      // As a store gets it: the hold-out follows the log's shape, not the evaluation protocol.
      return new DefaultPipeline({
        itemTexts: d.texts,
        ...(d.images && d.images.size > 0 ? { itemImages: d.images } : {}),
        validation: 'auto',
      });
    default:
      throw new Error(`unknown model "${name}": choose from ${EVAL_MODELS.join(', ')}`);
  }
}

/** Fits each model on the split's training part and ranks the full catalogue for every test user. */
export function evaluateModels(
  d: LoadedDataset,
  split: Split,
  protocol: string,
  models: readonly string[],
  opts: { maxUsers?: number; onModel?: (row: EvaluationRow) => void } = {},
): EvaluationRow[] {
  const rows: EvaluationRow[] = [];
  for (const name of models) {
    const m = createEvalModel(name, d, protocol);
    const t0 = performance.now();
    m.fit(split.train);
    const fitSeconds = (performance.now() - t0) / 1000;
    const metrics = evaluateRanking((h, o) => m.score(h, o), split, { k: 10, maxUsers: opts.maxUsers ?? 0 });
    const row = { model: name, metrics, fitSeconds };
    rows.push(row);
    opts.onModel?.(row);
  }
  return rows;
}
