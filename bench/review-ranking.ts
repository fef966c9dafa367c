/**
 * Review signals as a ranking feature, measured before it is turned on: `npm run bench -- review-ranking`.
 * MovieLens latest-small is the shared dataset with both interactions and per-item reviews: every rating is
 * an interaction (implicit feedback, as the recommender sees it) and also a review whose label is what a
 * sentiment model would say at best (positive: 4 stars or more; MovieLens has no review text). 75/25 split
 * stratified by item (seed 42); the review counts come from the training part only. Each recommender's
 * scores are multiplied by reviewRankingFactor (src/domain/review-ranking.ts) at several weights; the
 * weight is chosen on a validation split carved out of the training part, then reported on the test part,
 * with two notions of relevance: every held-out rating (implicit feedback), and held-out ratings of 4+.
 */
import { loadavg } from 'node:os';
import { datasetPath, missingDatasetMessage } from '../src/datasets/location.js';
import {
  DEFAULT_REVIEW_RANKING,
  overallPositiveShare,
  reviewRankingFactor,
  type ReviewCounts,
} from '../src/domain/review-ranking.js';
import { DefaultPipeline } from '../src/recommend/default-pipeline.js';
import { evaluateRanking } from '../src/recommend/evaluate/evaluate.js';
import { loadMovieLensRatings } from '../src/recommend/evaluate/loaders.js';
import type { RankingMetrics } from '../src/recommend/evaluate/metrics.js';
import { stratifiedSplit, type Split } from '../src/recommend/evaluate/splits.js';
import { InteractionLog } from '../src/recommend/interaction-log.js';
import type { Recommender } from '../src/recommend/recommender.js';
import { ItemKnnRecommender } from '../src/recommend/recommenders/item-knn-recommender.js';
import { PopularityRecommender } from '../src/recommend/recommenders/popularity-recommender.js';
import type { BenchRow } from './report.js';
import { writeReport } from './report.js';

const WEIGHTS = [0, 0.25, 0.5, 1, 2];
const LIKED = 4;

/** Review counts per item index from a log's rating values. */
function reviewCounts(log: InteractionLog): (ReviewCounts | undefined)[] {
  const counts: (ReviewCounts | undefined)[] = Array.from({ length: log.numItems }, () => undefined);
  for (let k = 0; k < log.size; k++) {
    const c = (counts[log.items[k]!] ??= { reviews: 0, positive: 0 });
    c.reviews++;
    if (log.values[k]! >= LIKED) c.positive++;
  }
  return counts;
}

/** The split's test items restricted to those the user rated 4 or more. */
function likedOnly(split: Split, full: InteractionLog): Split {
  const rating = new Map<number, number>();
  const test = new Map<number, number[]>();
  for (const [u, items] of split.test) {
    rating.clear();
    for (let k = full.userPtr[u]!; k < full.userPtr[u + 1]!; k++) rating.set(full.items[k]!, full.values[k]!);
    const liked = items.filter((i) => (rating.get(i) ?? 0) >= LIKED);
    if (liked.length > 0) test.set(u, liked);
  }
  return { train: split.train, test };
}

function evaluateAt(m: Recommender, split: Split, factors: Float32Array | null): RankingMetrics {
  return evaluateRanking(
    (h, out) => {
      m.score(h, out);
      if (factors) for (let i = 0; i < out.length; i++) if (out[i]! > 0) out[i]! *= factors[i]!;
    },
    split,
    { k: 10 },
  );
}

function factorsFor(counts: (ReviewCounts | undefined)[], weight: number): Float32Array | null {
  if (weight === 0) return null;
  const prior = overallPositiveShare(counts.filter((c): c is ReviewCounts => c !== undefined));
  return Float32Array.from(counts, (c) => reviewRankingFactor(c, prior, { ...DEFAULT_REVIEW_RANKING, weight }));
}

/** Runs the benchmark; `pipeline` adds the default pipeline (slower to fit). */
export default async function reviewRankingBench(args: string[]): Promise<void> {
  const file = datasetPath('movielens-latest-small', 'ratings.csv');
  if (!file) {
    console.warn(missingDatasetMessage('movielens-latest-small', 'ratings.csv'));
    return;
  }
  const log = InteractionLog.fromRows(await loadMovieLensRatings(file));
  const test = stratifiedSplit(log, 0.75, 42);
  const validation = stratifiedSplit(test.train, 0.8, 7);
  const splits = {
    test: { all: test, liked: likedOnly(test, log) },
    validation: { all: validation, liked: likedOnly(validation, test.train) },
  };
  const models: [string, () => Recommender][] = [
    ['popularity', () => new PopularityRecommender({ distinctUsers: true })],
    ['item-knn (cosine)', () => new ItemKnnRecommender()],
  ];
  if (args.includes('pipeline')) models.push(['default pipeline', () => new DefaultPipeline({ validation: 'random' })]);
  const rows: BenchRow[] = [];
  const chosen: Record<string, number> = {};
  for (const [name, create] of models) {
    // The weight is picked on validation (NDCG@10, ratings of 4+), never on the test part.
    const v = create();
    v.fit(validation.train);
    const vCounts = reviewCounts(validation.train);
    let best = 0;
    let bestNdcg = -1;
    for (const w of WEIGHTS) {
      const ndcg = evaluateAt(v, splits.validation.liked, factorsFor(vCounts, w)).ndcg;
      console.log(`${name} validation weight ${w}: NDCG@10 (4+) ${ndcg.toFixed(4)}`);
      if (ndcg > bestNdcg + 1e-9) [best, bestNdcg] = [w, ndcg];
    }
    chosen[name] = best;
    const m = create();
    m.fit(test.train);
    const counts = reviewCounts(test.train);
    for (const w of WEIGHTS) {
      const factors = factorsFor(counts, w);
      const all = evaluateAt(m, splits.test.all, factors);
      const liked = evaluateAt(m, splits.test.liked, factors);
      rows.push({
        model: name,
        weight: w === 0 ? '0 (off)' : w,
        'chosen on validation': w === best ? 'yes' : '',
        'NDCG@10 all': round(all.ndcg),
        'P@10 all': round(all.precision),
        'NDCG@10 4+': round(liked.ndcg),
        'P@10 4+': round(liked.precision),
        'R@10 4+': round(liked.recall),
        coverage: round(all.coverage),
      });
      console.log(`${name} test weight ${w}: NDCG@10 all ${all.ndcg.toFixed(4)}, 4+ ${liked.ndcg.toFixed(4)}`);
    }
  }
  writeReport('review-ranking', rows, {
    details: { chosenWeights: chosen, priorReviews: DEFAULT_REVIEW_RANKING.priorReviews, loadAverage: loadavg() },
  });
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
