/** Sample ratio mismatch: a chi-square goodness-of-fit test of the units per variant against the planned split. */
import { chiSquareSurvival } from './special-functions.js';

/** GrowthBook's (and the common) threshold: a mismatch this unlikely means the assignment is broken. */
export const SRM_THRESHOLD = 0.001;

/** The SRM test's statistic, p-value and verdict. */
export interface SrmResult {
  chiSquare: number;
  pValue: number;
  /** True when p < the threshold: the results cannot be trusted. */
  mismatch: boolean;
}

/** Tests observed counts against planned weights (any positive scale). */
export function srmCheck(counts: readonly number[], weights: readonly number[], threshold = SRM_THRESHOLD): SrmResult {
  const total = counts.reduce((a, b) => a + b, 0);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || counts.length < 2 || weightSum <= 0) return { chiSquare: 0, pValue: 1, mismatch: false };
  let chiSquare = 0;
  let cells = 0;
  counts.forEach((observed, i) => {
    const expected = (total * (weights[i] ?? 0)) / weightSum;
    if (expected <= 0) return;
    cells++;
    chiSquare += ((observed - expected) * (observed - expected)) / expected;
  });
  const pValue = cells > 1 ? chiSquareSurvival(chiSquare, cells - 1) : 1;
  return { chiSquare, pValue, mismatch: pValue < threshold };
}
