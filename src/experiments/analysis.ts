/**
 * One experiment's read-out from per-variant sums: for every metric and non-control variant the fixed-horizon
 * and always-valid effects, the Bayesian chance to beat control, p-values corrected across metrics and
 * variants, the SRM check, and a stopping recommendation in words. The service and the CLI both call this.
 */
import { bayesianEffect } from './stats/bayesian.js';
import { adjustPValues, type Correction } from './stats/corrections.js';
import { cupedEstimates } from './stats/cuped.js';
import { compareMeans, type Effect } from './stats/frequentist.js';
import { sequentialEffect } from './stats/sequential.js';
import { srmCheck, type SrmResult } from './stats/srm.js';
import {
  meanEstimate,
  ratioEstimate,
  sampleVariance,
  type CovariateSummary,
  type MeanSummary,
  type RatioSummary,
  type UnitEstimate,
} from './stats/summary.js';

/** A metric's sums, one per variant in the experiment's variant order (control first). */
export type MetricSums =
  | { kind: 'mean'; variants: MeanSummary[] }
  | { kind: 'ratio'; variants: RatioSummary[] }
  | { kind: 'cuped'; variants: CovariateSummary[] };

/** One metric to analyse. */
export type MetricInput = MetricSums & { name: string; higherIsBetter?: boolean };

/** An experiment's variants (control first) and its metrics' sums; the first metric is the primary one. */
export interface AnalysisInput {
  variants: readonly { name: string; weight: number }[];
  /** Units exposed per variant (for the SRM check). */
  exposures: readonly number[];
  metrics: readonly MetricInput[];
  /** Two-sided level (0.05 → 95% intervals). */
  alpha?: number;
  /** Decide with the always-valid (sequential) test instead of the fixed-horizon one. */
  sequential?: boolean;
  sequentialTuning?: number;
  correction?: Correction;
  /** Units each variant needs before any decision. */
  minSample?: number;
}

/** One non-control variant's result on one metric. */
export interface VariantResult {
  variant: string;
  n: number;
  mean: number;
  absolute: Effect;
  relative: Effect;
  /** Always-valid interval and p-value of the relative uplift. */
  sequential: { ci: [number, number]; pValue: number };
  /** The deciding p-value (sequential or fixed) after the correction across metrics and variants. */
  adjustedPValue: number;
  chanceToBeatControl: number;
  risk: number;
  significant: boolean;
}

/** One metric's results. */
export interface MetricResult {
  metric: string;
  control: { variant: string; n: number; mean: number };
  /** CUPED's θ and how much it cut the control's variance (null when not used). */
  cuped: { theta: number; varianceReduction: number } | null;
  variants: VariantResult[];
}

/** What to do, as a word and a sentence. */
export interface Recommendation {
  decision: 'fix-assignment' | 'keep-running' | 'ship' | 'stop' | 'no-difference';
  text: string;
}

/** The whole read-out. */
export interface AnalysisResult {
  alpha: number;
  sequential: boolean;
  correction: Correction;
  srm: SrmResult;
  metrics: MetricResult[];
  recommendation: Recommendation;
}

/** Default units per variant before the engine recommends anything. */
export const DEFAULT_MIN_SAMPLE = 100;

function estimatesOf(metric: MetricInput): { estimates: UnitEstimate[]; cuped: MetricResult['cuped'] } {
  if (metric.kind === 'mean') return { estimates: metric.variants.map(meanEstimate), cuped: null };
  if (metric.kind === 'ratio') return { estimates: metric.variants.map(ratioEstimate), cuped: null };
  const { theta, estimates } = cupedEstimates(metric.variants);
  const c = metric.variants[0]!;
  const raw = sampleVariance(c.n, c.sum, c.sumSquares);
  return { estimates, cuped: { theta, varianceReduction: raw > 0 ? 1 - estimates[0]!.variance / raw : 0 } };
}

/** Analyses an experiment. */
export function analyzeExperiment(input: AnalysisInput): AnalysisResult {
  const alpha = input.alpha ?? 0.05;
  const sequential = input.sequential ?? false;
  const correction = input.correction ?? 'holm';
  const minSample = input.minSample ?? DEFAULT_MIN_SAMPLE;
  const names = input.variants.map((v) => v.name);
  const srm = srmCheck(
    input.exposures,
    input.variants.map((v) => v.weight),
  );

  const metrics: MetricResult[] = input.metrics.map((metric) => {
    const { estimates, cuped } = estimatesOf(metric);
    const control = estimates[0]!;
    const higher = metric.higherIsBetter ?? true;
    const variants = estimates.slice(1).map((treatment, i): VariantResult => {
      const { absolute, relative } = compareMeans(control, treatment, alpha);
      const seq = sequentialEffect(
        relative.estimate,
        relative.se,
        control.n + treatment.n,
        alpha,
        input.sequentialTuning,
      );
      const bayes = bayesianEffect(higher ? relative.estimate : -relative.estimate, relative.se, alpha);
      return {
        variant: names[i + 1]!,
        n: treatment.n,
        mean: treatment.mean,
        absolute,
        relative,
        sequential: seq,
        adjustedPValue: sequential ? seq.pValue : relative.pValue,
        chanceToBeatControl: bayes.chanceToBeatControl,
        risk: bayes.risk,
        significant: false,
      };
    });
    return { metric: metric.name, control: { variant: names[0]!, n: control.n, mean: control.mean }, cuped, variants };
  });

  const all = metrics.flatMap((m) => m.variants);
  const adjusted = adjustPValues(
    all.map((v) => v.adjustedPValue),
    correction,
  );
  all.forEach((v, i) => {
    v.adjustedPValue = adjusted[i]!;
    v.significant = adjusted[i]! < alpha;
  });
  return {
    alpha,
    sequential,
    correction,
    srm,
    metrics,
    recommendation: recommend(srm, metrics, input, minSample, sequential),
  };
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/** The stopping recommendation, from the SRM check, the sample sizes and the primary metric. */
function recommend(
  srm: SrmResult,
  metrics: readonly MetricResult[],
  input: AnalysisInput,
  minSample: number,
  sequential: boolean,
): Recommendation {
  if (srm.mismatch) {
    return {
      decision: 'fix-assignment',
      text: `Sample ratio mismatch (chi-square p = ${srm.pValue.toExponential(2)}): the units per variant are not the planned split, so the results cannot be trusted. Find why assignment or exposure logging is uneven before reading them.`,
    };
  }
  const short = input.exposures.map((n, i) => ({ n, name: input.variants[i]!.name })).filter((v) => v.n < minSample);
  if (short.length > 0) {
    return {
      decision: 'keep-running',
      text: `Keep running: ${short.map((v) => `${v.name} has ${v.n} of the ${minSample} units needed`).join('; ')}.`,
    };
  }
  const primary = metrics[0];
  if (!primary) return { decision: 'keep-running', text: 'Keep running: no metric to decide on.' };
  const higher = input.metrics[0]?.higherIsBetter ?? true;
  const better = (v: VariantResult) => (higher ? v.relative.estimate > 0 : v.relative.estimate < 0);
  const winners = primary.variants.filter((v) => v.significant && better(v));
  if (winners.length > 0) {
    const best = winners.reduce((a, b) => (Math.abs(b.relative.estimate) > Math.abs(a.relative.estimate) ? b : a));
    return {
      decision: 'ship',
      text: `Ship ${best.variant}: ${primary.metric} ${pct(best.relative.estimate)} against ${primary.control.variant} (adjusted p = ${best.adjustedPValue.toPrecision(2)}, chance to beat control ${(best.chanceToBeatControl * 100).toFixed(1)}%).`,
    };
  }
  if (primary.variants.length > 0 && primary.variants.every((v) => v.significant && !better(v))) {
    return {
      decision: 'stop',
      text: `Stop: every variant is worse than ${primary.control.variant} on ${primary.metric} (${primary.variants.map((v) => `${v.variant} ${pct(v.relative.estimate)}`).join(', ')}).`,
    };
  }
  return sequential
    ? {
        decision: 'keep-running',
        text: `Keep running: no significant difference on ${primary.metric} yet; the sequential test stays valid however often you look.`,
      }
    : {
        decision: 'no-difference',
        text: `No significant difference on ${primary.metric} at the planned sample; if the sample is reached, keep ${primary.control.variant}.`,
      };
}

/** The CLI's compact read-out of one mean metric: every non-control variant's fixed-horizon effects. */
export function summarizeMeans(variants: readonly (MeanSummary & { name: string })[], alpha = 0.05) {
  const control = meanEstimate(variants[0]!);
  return {
    variants: variants.slice(1).map((v) => {
      const treatment = meanEstimate(v);
      const { absolute, relative } = compareMeans(control, treatment, alpha);
      const view = (e: Effect) => ({ estimate: e.estimate, ci: e.ci, pValue: e.pValue });
      return { name: v.name, mean: treatment.mean, absolute: view(absolute), relative: view(relative) };
    }),
  };
}

/** Problems with per-variant sums, each naming its field (`variants/1/sumSquares`); empty when they are usable. */
export function summaryIssues(variants: readonly unknown[]): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  if (!Array.isArray(variants) || variants.length < 2) {
    return [{ field: 'variants', message: 'needs at least two variants (the first is the control)' }];
  }
  variants.forEach((raw, i) => {
    const v = (raw ?? {}) as Record<string, unknown>;
    const at = `variants/${i}`;
    if (typeof v.name !== 'string' || v.name === '')
      issues.push({ field: `${at}/name`, message: 'must be a non-empty string' });
    const { n, sum, sumSquares } = v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 2)
      issues.push({ field: `${at}/n`, message: 'must be an integer of at least 2' });
    if (typeof sum !== 'number' || !Number.isFinite(sum))
      issues.push({ field: `${at}/sum`, message: 'must be a finite number' });
    if (typeof sumSquares !== 'number' || !Number.isFinite(sumSquares) || sumSquares < 0) {
      issues.push({ field: `${at}/sumSquares`, message: 'must be a finite number ≥ 0' });
    } else if (
      typeof n === 'number' &&
      n > 0 &&
      typeof sum === 'number' &&
      sumSquares < (sum * sum) / n - 1e-9 * Math.abs(sumSquares + 1)
    ) {
      issues.push({
        field: `${at}/sumSquares`,
        message: `cannot be below sum²/n (${((sum * sum) / n).toPrecision(6)}): check the sums`,
      });
    }
  });
  return issues;
}
