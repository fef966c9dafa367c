/** Special functions for likelihoods in log-space: lgamma, log-sum-exp and the Gauss hypergeometric 2F1. */

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Natural log of the gamma function for x > 0 (Lanczos, about 15 significant digits). */
export function lgamma(x: number): number {
  if (x < 0.5) {
    // Reflection keeps accuracy near zero, where the Lanczos series is poor.
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS_G + 2; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** log(exp(a) + exp(b)) without overflow or underflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

const RESCALE = 1e250;
const LOG_RESCALE = Math.log(RESCALE);

/** Power series of 2F1 as log|sum| (terms may change sign); rescaled so large terms cannot overflow. */
function logSeries(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  let logScale = 0;
  // Past n > |a| + |b| every factor is positive and the term ratio falls monotonically, so stopping is safe.
  const settle = Math.abs(a) + Math.abs(b) + (a * b) / c;
  for (let n = 0; n < 2_000_000; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (Math.abs(sum) > RESCALE) {
      sum /= RESCALE;
      term /= RESCALE;
      logScale += LOG_RESCALE;
    }
    if (term === 0 || (Math.abs(term) < Math.abs(sum) * 1e-17 && n > settle)) break;
  }
  return Math.log(sum) + logScale;
}

/**
 * log 2F1(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1. When a + b > c the direct series grows like
 * n^(a+b−c−1) before z^n wins (slow for large a, b near z = 1), so Euler's transformation
 * 2F1(a, b; c; z) = (1 − z)^(c−a−b) 2F1(c − a, c − b; c; z) is summed instead: its terms decay polynomially.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  if (z === 0) return 0;
  if (!(z > 0 && z < 1)) throw new RangeError(`logHyp2f1 needs 0 <= z < 1, got ${z}`);
  if (a + b > c + 1 && z > 0.5) return (c - a - b) * Math.log1p(-z) + logSeries(c - a, c - b, c, z);
  return logSeries(a, b, c, z);
}

/** 2F1(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  return Math.exp(logHyp2f1(a, b, c, z));
}
