/**
 * Builds an experiment's read-out from the SQL sums (per variant and exposure day): the analysis, a cumulative
 * daily series per variant, the holdout lift when the control is a holdout, and bandit shares. Pure.
 */
import { analyzeExperiment, type AnalysisResult, type MetricInput } from '../analysis.js';
import { thompsonBernoulli, thompsonGaussian } from '../bandit.js';
import { holdoutLift, type HoldoutLift } from '../holdout.js';
import type { ExperimentRecord, MetricSumsRow, VariantDayRow } from '../../store/repositories/experiment-repository.js';

/** One point of a variant's cumulative series. */
export interface SeriesPoint {
  day: number;
  units: number;
  /** Cumulative mean of the primary metric. */
  mean: number;
}

/** The stored read-out. */
export interface ExperimentResults {
  analysis: AnalysisResult;
  exposures: Record<string, number>;
  series: Record<string, SeriesPoint[]>;
  /** When the control is named "holdout": each treated variant's incremental conversions and revenue. */
  holdout: Record<string, HoldoutLift> | null;
  /** For bandits: the traffic share each variant gets next. */
  banditShares: Record<string, number> | null;
}

const zero = (): MetricSumsRow => ({
  sum: 0,
  sumSquares: 0,
  denominatorSum: 0,
  denominatorSumSquares: 0,
  denominatorProduct: 0,
  preSum: 0,
  preSumSquares: 0,
  preProduct: 0,
});

/** Totals per variant (in the experiment's variant order). */
function totals(experiment: ExperimentRecord, rows: readonly VariantDayRow[]) {
  const out = experiment.variants.map(() => ({ units: 0, metrics: experiment.metrics.map(zero) }));
  const index = new Map(experiment.variants.map((v, i) => [v.name, i]));
  for (const row of rows) {
    const t = out[index.get(row.variant) ?? -1];
    if (!t) continue; // a variant removed since: its units no longer count
    t.units += row.units;
    row.metrics.forEach((m, i) => {
      const acc = t.metrics[i]!;
      for (const key of Object.keys(acc) as (keyof MetricSumsRow)[]) acc[key] += m[key];
    });
  }
  return out;
}

/** Computes the read-out. */
export function buildResults(
  experiment: ExperimentRecord,
  rows: readonly VariantDayRow[],
  seed = 1,
): ExperimentResults {
  const t = totals(experiment, rows);
  const metrics: MetricInput[] = experiment.metrics.map((m, i) => {
    const base = { name: m.name, ...(m.higherIsBetter !== undefined ? { higherIsBetter: m.higherIsBetter } : {}) };
    const sums = t.map((v) => ({ n: v.units, s: v.metrics[i]! }));
    if (m.type === 'aov') {
      return {
        ...base,
        kind: 'ratio',
        variants: sums.map(({ n, s }) => ({
          n,
          sum: s.sum,
          sumSquares: s.sumSquares,
          denominatorSum: s.denominatorSum,
          denominatorSumSquares: s.denominatorSumSquares,
          sumProduct: s.denominatorProduct,
        })),
      };
    }
    if (m.cuped) {
      return {
        ...base,
        kind: 'cuped',
        variants: sums.map(({ n, s }) => ({
          n,
          sum: s.sum,
          sumSquares: s.sumSquares,
          preSum: s.preSum,
          preSumSquares: s.preSumSquares,
          sumProduct: s.preProduct,
        })),
      };
    }
    return { ...base, kind: 'mean', variants: sums.map(({ n, s }) => ({ n, sum: s.sum, sumSquares: s.sumSquares })) };
  });
  const analysis = analyzeExperiment({
    variants: experiment.variants,
    exposures: t.map((v) => v.units),
    metrics,
    sequential: experiment.sequential,
    correction: experiment.correction,
    minSample: experiment.minSample,
  });
  return {
    analysis,
    exposures: Object.fromEntries(experiment.variants.map((v, i) => [v.name, t[i]!.units])),
    series: series(experiment, rows),
    holdout: holdout(experiment, t),
    banditShares: experiment.kind === 'bandit' ? banditShares(experiment, t, seed) : null,
  };
}

function series(experiment: ExperimentRecord, rows: readonly VariantDayRow[]): Record<string, SeriesPoint[]> {
  const out: Record<string, SeriesPoint[]> = {};
  for (const v of experiment.variants) {
    let units = 0;
    let sum = 0;
    out[v.name] = rows
      .filter((r) => r.variant === v.name)
      .sort((a, b) => a.day - b.day)
      .map((r) => {
        units += r.units;
        sum += r.metrics[0]?.sum ?? 0;
        return { day: r.day, units, mean: units > 0 ? sum / units : 0 };
      });
  }
  return out;
}

function holdout(experiment: ExperimentRecord, t: ReturnType<typeof totals>): Record<string, HoldoutLift> | null {
  if (experiment.variants[0]?.name !== 'holdout') return null;
  const conv = experiment.metrics.findIndex((m) => m.type === 'conversion');
  const rev = experiment.metrics.findIndex((m) => m.type === 'revenue');
  if (conv < 0) return null;
  const outcome = (v: (typeof t)[number]) => ({
    customers: v.units,
    conversions: v.metrics[conv]!.sum,
    revenue: rev >= 0 ? v.metrics[rev]!.sum : 0,
    revenueSquares: rev >= 0 ? v.metrics[rev]!.sumSquares : 0,
  });
  return Object.fromEntries(
    experiment.variants.slice(1).map((v, i) => [v.name, holdoutLift(outcome(t[i + 1]!), outcome(t[0]!))]),
  );
}

function banditShares(
  experiment: ExperimentRecord,
  t: ReturnType<typeof totals>,
  seed: number,
): Record<string, number> {
  const primary = experiment.metrics[0]!;
  const options = { floor: experiment.banditFloor, seed };
  const shares =
    primary.type === 'revenue'
      ? thompsonGaussian(
          t.map((v, i) => ({
            name: experiment.variants[i]!.name,
            n: v.units,
            sum: v.metrics[0]!.sum,
            sumSquares: v.metrics[0]!.sumSquares,
          })),
          options,
        )
      : thompsonBernoulli(
          t.map((v, i) => ({ name: experiment.variants[i]!.name, trials: v.units, successes: v.metrics[0]!.sum })),
          options,
        );
  return Object.fromEntries(experiment.variants.map((v, i) => [v.name, shares[i]!]));
}
