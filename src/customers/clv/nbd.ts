/** NBD (Gamma-Poisson, no dropout): the simpler fallback when the data cannot identify BG/NBD's dropout. */
import { lgamma } from '../math/special.js';
import { nelderMead } from '../math/nelder-mead.js';
import { ModelFitError } from './model-fit-error.js';
import type { FrequencyRecencyData } from './bg-nbd.js';

/** NBD parameters: purchase rate ~ Gamma(r, alpha). */
export interface NbdParams {
  r: number;
  alpha: number;
}

/** Fits NBD on repeat frequency over each customer's T, with optional shrinkage of log r towards 0. */
export function fitNbd(data: FrequencyRecencyData, penalty = 0): NbdParams {
  const n = data.frequency.length;
  if (n < 2) throw new ModelFitError('nbd', `needs at least 2 customers, got ${n}`);
  let meanT = 0;
  for (let i = 0; i < n; i++) meanT += data.T[i]! / n;
  const objective = (z: number[]): number => {
    if (Math.abs(z[0]!) > 30 || Math.abs(z[1]!) > 30) return Infinity;
    const r = Math.exp(z[0]!);
    const alpha = Math.exp(z[1]!);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const x = data.frequency[i]!;
      sum += lgamma(r + x) - lgamma(r) + r * Math.log(alpha) - (r + x) * Math.log(alpha + data.T[i]!);
    }
    return -sum / n + penalty * z[0]! ** 2;
  };
  const best = nelderMead(objective, [0, Math.log(Math.max(meanT, 1e-6))], { restarts: 3 });
  if (!Number.isFinite(best.value)) throw new ModelFitError('nbd', 'the likelihood could not be evaluated');
  return { r: Math.exp(best.x[0]!), alpha: Math.exp(best.x[1]!) };
}

/** Expected purchases in (T, T + t] under NBD: the posterior mean rate times t. */
export function nbdExpectedPurchases(p: NbdParams, x: number, T: number, t: number): number {
  return ((p.r + x) / (p.alpha + T)) * t;
}

/** P(no purchase in (T, T + t]) under NBD. */
export function nbdProbabilityNoPurchase(p: NbdParams, x: number, T: number, t: number): number {
  return Math.exp((p.r + x) * Math.log((p.alpha + T) / (p.alpha + T + t)));
}
