/** Offline evaluation: full ranking of the catalogue per test user, seen items removed. */
import { topK } from '../../math/top-k.js';
import { seededRandom, shuffleInPlace } from '../../math/random.js';
import type { History } from '../history.js';
import { seenSet } from '../history.js';
import { MetricsAccumulator } from './metrics.js';
import type { RankingMetrics } from './metrics.js';
import type { Split } from './splits.js';

/** Anything that scores all items for a history. */
export type Scorer = (history: History, out: Float32Array) => void;

/** Evaluation options. */
export interface EvaluateOptions {
  k?: number;
  /** Evaluate a seeded random sample of at most this many users (0 = all). */
  maxUsers?: number;
  seed?: number;
}

/** Ranks every item for each test user, removes the user's training items and computes metrics at k. */
export function evaluateRanking(scorer: Scorer, split: Split, opts: EvaluateOptions = {}): RankingMetrics {
  const k = opts.k ?? 10;
  const nItems = split.train.numItems;
  const acc = new MetricsAccumulator(k, nItems);
  const out = new Float32Array(nItems);
  for (const u of sampleUsers(split, opts)) {
    const h = split.train.history(u);
    scorer(h, out);
    const top = topK(out, k, seenSet(h), -Infinity);
    acc.add(top.indices, new Set(split.test.get(u)));
  }
  return acc.result();
}

/** The test users to evaluate, sampled with a seed when `maxUsers` is set. */
export function sampleUsers(split: Split, opts: EvaluateOptions = {}): number[] {
  const users = [...split.test.keys()];
  const max = opts.maxUsers ?? 0;
  if (max > 0 && users.length > max) {
    shuffleInPlace(users, seededRandom(opts.seed ?? 7));
    users.length = max;
    users.sort((a, b) => a - b);
  }
  return users;
}

/** One table row per model: metrics plus fit time, for benchmarks and docs. */
export function metricsRow(model: string, m: RankingMetrics, fitSeconds: number): Record<string, string | number> {
  return {
    model,
    'HR@10': round(m.hr),
    'NDCG@10': round(m.ndcg),
    'P@10': round(m.precision),
    'R@10': round(m.recall),
    MAP: round(m.map),
    MRR: round(m.mrr),
    coverage: round(m.coverage),
    'fit s': Math.round(fitSeconds * 100) / 100,
  };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
