/**
 * Intermittent demand (many periods with no sales): Croston's method, its bias-corrected SBA variant
 * (Syntetos & Boylan 2005) and TSB (Teunter, Syntetos & Babai 2011), which smooths the probability of a
 * sale every period and so lets an item that stopped selling fade out.
 */
import { rms, type FittedModel, type ForecastModel } from './model.js';

/** Which intermittent-demand method. */
export type IntermittentMethod = 'croston' | 'sba' | 'tsb';

const ALPHAS = [0.05, 0.1, 0.2, 0.3];

/** One-step forecasts of the method with smoothing `a` (and `b` for TSB's probability), into `out`. */
function run(y: Float64Array, method: IntermittentMethod, a: number, b: number, out: Float64Array): number {
  const n = y.length;
  let first = 0;
  while (first < n && y[first]! <= 0) first++;
  let nonZero = 0;
  for (let i = 0; i < n; i++) if (y[i]! > 0) nonZero++;
  // Start from the averages over the history: size of a sale, gap between sales, share of periods with one.
  let size = 0;
  for (let i = 0; i < n; i++) if (y[i]! > 0) size += y[i]!;
  size = nonZero > 0 ? size / nonZero : 0;
  let gap = nonZero > 0 ? n / nonZero : n;
  let prob = nonZero / n;
  let since = 1;
  let f = 0;
  for (let i = 0; i < n; i++) {
    f = method === 'tsb' ? prob * size : (size / gap) * (method === 'sba' ? 1 - a / 2 : 1);
    out[i] = f;
    const v = y[i]!;
    if (method === 'tsb') {
      prob += b * ((v > 0 ? 1 : 0) - prob);
      if (v > 0) size += a * (v - size);
    } else if (v > 0) {
      size += a * (v - size);
      gap += a * (since - gap);
      since = 1;
    } else since++;
  }
  return method === 'tsb' ? prob * size : (size / gap) * (method === 'sba' ? 1 - a / 2 : 1);
}

/** Croston, SBA or TSB with smoothing chosen on the in-sample one-step error. */
export class IntermittentModel implements ForecastModel {
  readonly name: string;
  constructor(readonly method: IntermittentMethod) {
    this.name = method;
  }
  /** Needs a few sales to size them. */
  minLength(): number {
    return 4;
  }
  /** Flat forecast of the smoothed demand rate. */
  fit(y: Float64Array): FittedModel {
    const n = y.length;
    const fitted = new Float64Array(n);
    let best = { a: 0.1, b: 0.1, sse: Infinity, level: 0 };
    const probs = this.method === 'tsb' ? ALPHAS : [0];
    for (const a of ALPHAS)
      for (const b of probs) {
        const level = run(y, this.method, a, b, fitted);
        let sse = 0;
        for (let i = 0; i < n; i++) sse += (y[i]! - fitted[i]!) ** 2;
        if (sse < best.sse) best = { a, b, sse, level };
      }
    run(y, this.method, best.a, best.b, fitted);
    const e = new Float64Array(n);
    for (let i = 0; i < n; i++) e[i] = y[i]! - fitted[i]!;
    const level = best.level;
    return { sigma: rms(e), forecast: (h) => new Float64Array(h).fill(level), varianceFactor: () => 1 };
  }
}
