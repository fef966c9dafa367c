/**
 * The purchase-count model used for predictions: BG/NBD when the data supports it, else a penalised
 * BG/NBD, else NBD. "Supports" means every parameter stays inside sane bounds after the fit.
 */
import {
  bgNbdExpectedPurchases,
  bgNbdMedianTimeToNextPurchase,
  bgNbdProbabilityAlive,
  bgNbdProbabilityNoPurchase,
  fitBgNbd,
  type BgNbdParams,
  type FrequencyRecencyData,
} from './bg-nbd.js';
import { fitNbd, nbdExpectedPurchases, nbdProbabilityNoPurchase, type NbdParams } from './nbd.js';

/** A fitted purchase model: which family, its parameters and why it was chosen. */
export type PurchaseModel =
  | { kind: 'bg-nbd'; params: BgNbdParams; penalty: number; note: string }
  | { kind: 'nbd'; params: NbdParams; penalty: number; note: string };

/** Options for {@link fitPurchaseModel}. */
export interface PurchaseModelOptions {
  /** Penalties tried in order until the fit is sane (default [0, 0.01, 0.1]). */
  penalties?: number[];
  /** A parameter outside [1/limit, limit] × the time scale counts as running off to a bound (default 1e4). */
  limit?: number;
}

/** True when no parameter has drifted towards zero or infinity. */
export function isSaneBgNbd(p: BgNbdParams, meanT: number, limit = 1e4): boolean {
  const inRange = (v: number): boolean => v > 1 / limit && v < limit;
  return inRange(p.r) && inRange(p.a) && inRange(p.b) && p.alpha > meanT / limit && p.alpha < meanT * limit;
}

/** Fits the most detailed model the data supports; throws ModelFitError when the data has no usable repeat behaviour. */
export function fitPurchaseModel(data: FrequencyRecencyData, options: PurchaseModelOptions = {}): PurchaseModel {
  const n = data.frequency.length;
  let meanT = 0;
  for (let i = 0; i < n; i++) meanT += data.T[i]! / Math.max(n, 1);
  const reasons: string[] = [];
  for (const penalty of options.penalties ?? [0, 0.01, 0.1]) {
    // Structural problems (too few customers, no repeaters, invalid rows) throw: no model can fix them.
    const fit = fitBgNbd(data, { penalty });
    if (isSaneBgNbd(fit.params, meanT, options.limit)) {
      const note = penalty === 0 ? 'maximum likelihood' : `penalised (λ=${penalty}) after: ${reasons.join('; ')}`;
      return { kind: 'bg-nbd', params: fit.params, penalty, note };
    }
    reasons.push(`λ=${penalty}: parameters at a bound ${JSON.stringify(fit.params)}`);
  }
  const params = fitNbd(data, 0.01);
  return { kind: 'nbd', params, penalty: 0.01, note: `NBD fallback: ${reasons.join('; ')}` };
}

/** Expected purchases in the next t time units for a customer. */
export function expectedPurchases(m: PurchaseModel, x: number, tx: number, T: number, t: number): number {
  return m.kind === 'bg-nbd' ? bgNbdExpectedPurchases(m.params, x, tx, T, t) : nbdExpectedPurchases(m.params, x, T, t);
}

/** Probability the customer is still active (always 1 under NBD, which has no dropout). */
export function probabilityAlive(m: PurchaseModel, x: number, tx: number, T: number): number {
  return m.kind === 'bg-nbd' ? bgNbdProbabilityAlive(m.params, x, tx, T) : 1;
}

/** Probability of no purchase in the next t time units (the churn risk over that horizon). */
export function probabilityNoPurchase(m: PurchaseModel, x: number, tx: number, T: number, t: number): number {
  return m.kind === 'bg-nbd'
    ? bgNbdProbabilityNoPurchase(m.params, x, tx, T, t)
    : nbdProbabilityNoPurchase(m.params, x, T, t);
}

/** Median time to the next purchase assuming the customer is active, in the model's time unit. */
export function medianTimeToNextPurchase(m: PurchaseModel, x: number, T: number): number {
  return m.kind === 'bg-nbd'
    ? bgNbdMedianTimeToNextPurchase(m.params, x, T)
    : (m.params.alpha + T) * (Math.pow(2, 1 / (m.params.r + x)) - 1);
}
