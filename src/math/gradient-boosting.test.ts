import { describe, expect, it } from 'vitest';
import { fitGradientBoosting, predictGradientBoosting } from './gradient-boosting.js';
import { seededRandom } from './random.js';

/** Rows of three uniform features; the target is a step in the first, a slope in the second, noise, and nothing of the third. */
function data(rows: number, seed: number): { x: Float64Array; y: Float64Array } {
  const r = seededRandom(seed);
  const x = new Float64Array(rows * 3);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    for (let f = 0; f < 3; f++) x[i * 3 + f] = r();
    y[i] = (x[i * 3]! > 0.5 ? 2 : 0) + x[i * 3 + 1]! + (r() - 0.5) * 0.2;
  }
  return { x, y };
}

function mse(model: ReturnType<typeof fitGradientBoosting>, x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i]! - predictGradientBoosting(model, x.subarray(i * 3, i * 3 + 3))) ** 2;
  return s / y.length;
}

describe('gradient-boosted regression trees', () => {
  it('learns a step and a slope on rows it never saw, near the noise floor', () => {
    const train = data(4000, 1);
    const test = data(1000, 2);
    const model = fitGradientBoosting(train.x, train.y, new Float64Array(4000).fill(1), 3, { trees: 200 });
    // Noise variance is 0.2²/12 ≈ 0.0033; the mean alone leaves about 1.08.
    expect(mse(model, test.x, test.y)).toBeLessThan(0.01);
    // The first split takes the step; the third feature, which carries nothing, gets fewer splits than a fair share.
    expect(model.features[0]).toBe(0);
    const splits = Array.from(model.features).filter((f) => f >= 0);
    expect(splits.filter((f) => f === 2).length / splits.length).toBeLessThan(1 / 3);
  });

  it('gives rows of zero weight no say', () => {
    const { x, y } = data(2000, 3);
    const w = new Float64Array(2000).fill(1);
    // Half the rows get an absurd target but no weight: the fit must ignore them.
    const poisoned = y.slice();
    for (let i = 0; i < 2000; i += 2) {
      poisoned[i] = 100;
      w[i] = 0;
    }
    const model = fitGradientBoosting(x, poisoned, w, 3, { trees: 100 });
    const test = data(500, 4);
    expect(mse(model, test.x, test.y)).toBeLessThan(0.05);
  });

  it('under the Huber loss, lets a few wild targets pull the fit less than squared error does', () => {
    const { x, y } = data(4000, 6);
    const w = new Float64Array(4000).fill(1);
    // One row in fifty reads 40 above the truth: squared error lifts every leaf those rows land in.
    const wild = y.slice();
    for (let i = 0; i < 4000; i += 50) wild[i] = wild[i]! + 40;
    const test = data(1000, 7);
    const squared = mse(fitGradientBoosting(x, wild, w, 3, { trees: 150 }), test.x, test.y);
    const huber = mse(fitGradientBoosting(x, wild, w, 3, { trees: 150, huber: 1 }), test.x, test.y);
    // 1.72 against 0.0086 with these seeds (the clean fit's 0.0070 is the floor here).
    expect(squared).toBeGreaterThan(0.5);
    expect(huber).toBeLessThan(0.02);
    // Without wild rows the Huber fit is the squared one's near enough (few residuals reach 1 after the first trees).
    const clean = mse(fitGradientBoosting(x, y, w, 3, { trees: 150, huber: 1 }), test.x, test.y);
    expect(clean).toBeLessThan(0.01);
  });

  it('is reproducible for a seed', () => {
    const { x, y } = data(500, 5);
    const w = new Float64Array(500).fill(1);
    const a = fitGradientBoosting(x, y, w, 3, { trees: 20, seed: 7 });
    const b = fitGradientBoosting(x, y, w, 3, { trees: 20, seed: 7 });
    expect(Array.from(a.leaves)).toEqual(Array.from(b.leaves));
  });
});
