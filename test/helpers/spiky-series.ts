/** Series for the pooled forecasting models' tests. */
import { seededRandom } from '../../src/math/random.js';

/**
 * Series of very different sizes around a level that mean-reverts after a spike: the last value alone is a poor
 * guide, and only pooling shows how far to trust it.
 */
export function spiky(count: number, n: number, seed: number): Float64Array[] {
  const r = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const level = 2 + r() * 200;
    return Float64Array.from({ length: n }, () => Math.round(level * (r() < 0.1 ? 3 : 1) * (0.8 + 0.4 * r())));
  });
}
