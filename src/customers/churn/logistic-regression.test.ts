import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../math/random.js';
import { sampleNormal } from '../../math/sampling.js';
import { fitLogisticRegression, predictLogistic } from './logistic-regression.js';

describe('logistic regression', () => {
  it('recovers the direction and rough size of the true coefficients', () => {
    const rnd = seededRandom(4);
    const n = 4000;
    const x = new Float64Array(n * 2);
    const y: boolean[] = [];
    for (let i = 0; i < n; i++) {
      x[i * 2] = sampleNormal(rnd);
      x[i * 2 + 1] = 5 + 3 * sampleNormal(rnd);
      const z = -0.5 + 2 * x[i * 2]! - 0.3 * (x[i * 2 + 1]! - 5);
      y.push(rnd() < 1 / (1 + Math.exp(-z)));
    }
    const model = fitLogisticRegression(x, y, 2, 1e-6);
    // Weights are per standard deviation: 2 × 1 and −0.3 × 3.
    expect(model.weights[0]).toBeCloseTo(2, 0);
    expect(model.weights[1]).toBeCloseTo(-0.9, 0);
    expect(predictLogistic(model, [2, 5])).toBeGreaterThan(predictLogistic(model, [-2, 5]));
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });
});
