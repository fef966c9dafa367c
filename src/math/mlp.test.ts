import { describe, expect, it } from 'vitest';
import { fitMlp, predictMlp } from './mlp.js';
import { seededRandom } from './random.js';

/** Rows of 4 inputs in [−1, 1] with two targets: a sum and a kink (which a linear model cannot fit). */
function rows(count: number, seed: number) {
  const r = seededRandom(seed);
  const x = new Float64Array(count * 4);
  const y = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < 4; j++) x[i * 4 + j] = 2 * r() - 1;
    y[i * 2] = x[i * 4]! + x[i * 4 + 1]! - x[i * 4 + 2]!;
    y[i * 2 + 1] = Math.abs(x[i * 4 + 3]!);
  }
  return { x, y };
}

describe('the multilayer perceptron', () => {
  it('learns a linear and a non-linear target at once, and the same seed gives the same network', () => {
    const { x, y } = rows(2000, 1);
    const mask = new Uint8Array(y.length).fill(1);
    const w = new Float64Array(2000).fill(1);
    const model = fitMlp(x, y, mask, w, 4, 2, { steps: 800, seed: 3 });
    const test = rows(200, 2);
    let sse = 0;
    let spread = 0;
    for (let i = 0; i < 200; i++) {
      const p = predictMlp(model, test.x.subarray(i * 4, i * 4 + 4));
      sse += (p[0]! - test.y[i * 2]!) ** 2 + (p[1]! - test.y[i * 2 + 1]!) ** 2;
      spread += test.y[i * 2]! ** 2 + (test.y[i * 2 + 1]! - 0.5) ** 2;
    }
    // Under 2% of the targets' variance left unexplained.
    expect(sse / spread).toBeLessThan(0.02);
    expect(fitMlp(x, y, mask, w, 4, 2, { steps: 800, seed: 3 }).params).toEqual(model.params);
  });

  it('ignores masked targets and rows of zero weight', () => {
    const { x, y } = rows(500, 4);
    const mask = new Uint8Array(y.length).fill(1);
    // The second target is wild but masked out; the first half of the rows has a wrong first target and no weight.
    for (let i = 0; i < 500; i++) {
      y[i * 2 + 1] = 1e6;
      mask[i * 2 + 1] = 0;
    }
    const w = new Float64Array(500).map((_, i) => (i < 250 ? 0 : 1));
    for (let i = 0; i < 250; i++) y[i * 2] = 100;
    const model = fitMlp(x, y, mask, w, 4, 2, { steps: 800, seed: 1 });
    const p = predictMlp(model, [0.5, 0.5, 0, 0]);
    expect(p[0]).toBeCloseTo(1, 0);
  });
});
