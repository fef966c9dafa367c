/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"): the mean order value of repeat
 * purchases, fitted by maximum likelihood over log-parameters.
 */
import { lgamma } from '../math/special.js';
import { nelderMead } from '../math/nelder-mead.js';
import { ModelFitError } from './model-fit-error.js';

/** Gamma-Gamma parameters: spend ~ Gamma(p, nu), nu ~ Gamma(q, v). */
export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

/** Options for {@link fitGammaGamma}. */
export interface GammaGammaFitOptions {
  /** L2 shrinkage of log p and log q towards 1 (0 = plain maximum likelihood). */
  penalty?: number;
  /** Fewer repeat customers than this is a {@link ModelFitError} (default 10). */
  minCustomers?: number;
}

/** A fitted spend model. */
export interface GammaGammaFit {
  params: GammaGammaParams;
  meanLogLikelihood: number;
  customers: number;
}

/** Fits Gamma-Gamma on customers with frequency > 0 and monetary > 0 (others are skipped). */
export function fitGammaGamma(
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>,
  options: GammaGammaFitOptions = {},
): GammaGammaFit {
  const xs: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < frequency.length; i++) {
    if (frequency[i]! > 0 && monetary[i]! > 0) {
      xs.push(frequency[i]!);
      ms.push(monetary[i]!);
    }
  }
  const n = xs.length;
  const minCustomers = options.minCustomers ?? 10;
  if (n < minCustomers) {
    throw new ModelFitError('gamma-gamma', `needs at least ${minCustomers} repeat customers with spend, got ${n}`);
  }
  const logM = ms.map(Math.log);
  const logX = xs.map(Math.log);
  let meanM = 0;
  for (const m of ms) meanM += m / n;
  const ll = (p: number, q: number, v: number): number => {
    let sum = q * Math.log(v) - lgamma(q);
    sum *= n;
    const cache = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      let g = cache.get(x);
      if (g === undefined) {
        g = lgamma(p * x + q) - lgamma(p * x);
        cache.set(x, g);
      }
      const px = p * x;
      sum += g + (px - 1) * logM[i]! + px * logX[i]! - (px + q) * Math.log(x * ms[i]! + v);
    }
    return sum / n;
  };
  const penalty = options.penalty ?? 0;
  const objective = (z: number[]): number => {
    for (const v of z) if (Math.abs(v) > 30) return Infinity;
    const pen = penalty > 0 ? z[0]! ** 2 + z[1]! ** 2 : 0;
    return -ll(Math.exp(z[0]!), Math.exp(z[1]!), Math.exp(z[2]!)) + penalty * pen;
  };
  const best = nelderMead(objective, [0, 0, Math.log(meanM)], { restarts: 4 });
  if (!Number.isFinite(best.value)) throw new ModelFitError('gamma-gamma', 'the likelihood could not be evaluated');
  const [p, q, v] = best.x.map(Math.exp) as [number, number, number];
  if (q <= 1) throw new ModelFitError('gamma-gamma', `q = ${q.toFixed(3)} <= 1: the expected spend is unbounded`);
  return { params: { p, q, v }, meanLogLikelihood: ll(p, q, v), customers: n };
}

/** Expected mean order value for a customer with x repeat purchases of mean value m (x = 0: population mean). */
export function gammaGammaExpectedSpend(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = params;
  return (p * (v + x * m)) / (p * x + q - 1);
}
