/**
 * CUPED (Deng et al. 2013): subtract θ·(pre − mean pre) from each unit's metric, with θ = Cov(x, pre) / Var(pre)
 * pooled over all variants. Randomisation makes the covariate independent of the variant, so the means stay
 * unbiased while the variance shrinks by the squared correlation.
 */
import { sampleCovariance, sampleVariance, type CovariateSummary, type UnitEstimate } from './summary.js';

/** θ pooled over the variants' sums (0 when the covariate does not vary). */
export function cupedTheta(variants: readonly CovariateSummary[]): number {
  let n = 0;
  let sx = 0;
  let sp = 0;
  let spp = 0;
  let sxp = 0;
  for (const v of variants) {
    n += v.n;
    sx += v.sum;
    sp += v.preSum;
    spp += v.preSumSquares;
    sxp += v.sumProduct;
  }
  const varPre = sampleVariance(n, sp, spp);
  return varPre > 0 ? sampleCovariance(n, sx, sp, sxp) / varPre : 0;
}

/** Each variant's CUPED-adjusted mean and per-unit variance. */
export function cupedEstimates(variants: readonly CovariateSummary[]): { theta: number; estimates: UnitEstimate[] } {
  const theta = cupedTheta(variants);
  let n = 0;
  let sp = 0;
  for (const v of variants) {
    n += v.n;
    sp += v.preSum;
  }
  const poolPre = n > 0 ? sp / n : 0;
  const estimates = variants.map((v): UnitEstimate => {
    if (v.n === 0) return { n: 0, mean: 0, variance: 0 };
    const vx = sampleVariance(v.n, v.sum, v.sumSquares);
    const vp = sampleVariance(v.n, v.preSum, v.preSumSquares);
    const cxp = sampleCovariance(v.n, v.sum, v.preSum, v.sumProduct);
    return {
      n: v.n,
      mean: v.sum / v.n - theta * (v.preSum / v.n - poolPre),
      variance: Math.max(0, vx + theta * theta * vp - 2 * theta * cxp),
    };
  });
  return { theta, estimates };
}
