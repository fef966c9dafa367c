/**
 * Inventory from a demand forecast: safety stock and reorder point for a target service level over the
 * lead time, days of cover, the chance of running out before a reorder arrives, and a risk flag per SKU
 * (the console's inventory table and the journeys' stock triggers read these).
 */
import { normalQuantile } from './normal-quantile.js';

/** Risk flags, most urgent first. */
export type StockRisk = 'stockout' | 'reorder' | 'ok' | 'overstock';

/** Inputs for one SKU. */
export interface InventoryInput {
  /** Units on hand (and on order). */
  stock: number;
  /** Forecast mean units per period, from the next period on. */
  mean: ArrayLike<number>;
  /** Forecast standard deviation per period (same length as `mean`). */
  sd: ArrayLike<number>;
  /** Days in one period (1, 7, ~30.4). */
  periodDays: number;
  /** Lead time of a reorder in days. */
  leadTimeDays: number;
  /** Target probability of not running out during the lead time (0.95 default). */
  serviceLevel?: number;
  /** Cover beyond which stock counts as overstock, in days (default 120). */
  overstockDays?: number;
}

/** The policy and state of one SKU. */
export interface InventoryStatus {
  safetyStock: number;
  reorderPoint: number;
  /** Expected demand over the lead time. */
  leadTimeDemand: number;
  /** Days the stock lasts at forecast demand (Infinity when no demand is expected). */
  daysOfCover: number;
  /** Probability that lead-time demand exceeds the stock. */
  stockoutRisk: number;
  /** Units to order now to get back above the reorder point for one more lead time. */
  suggestedOrder: number;
  risk: StockRisk;
}

/** The standard normal distribution function (Abramowitz–Stegun 7.1.26 through erf). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Sum of the first `periods` (fractional) periods of `v`, squared when `square`; the last value repeats. */
function span(v: ArrayLike<number>, periods: number, square: boolean): number {
  let s = 0;
  for (let k = 0; k < Math.ceil(periods); k++) {
    const x = v.length > 0 ? v[Math.min(k, v.length - 1)]! : 0;
    const part = Math.min(1, periods - k);
    s += square ? part * x * x : part * x;
  }
  return s;
}

/** Safety stock, reorder point, cover and risk of one SKU. */
export function inventoryStatus(input: InventoryInput): InventoryStatus {
  const serviceLevel = input.serviceLevel ?? 0.95;
  const lead = input.leadTimeDays / input.periodDays;
  const leadTimeDemand = span(input.mean, lead, false);
  // Errors of successive periods are taken as independent: variances add.
  const leadSd = Math.sqrt(span(input.sd, lead, true));
  const safetyStock = Math.max(0, normalQuantile(serviceLevel) * leadSd);
  const reorderPoint = leadTimeDemand + safetyStock;
  let daysOfCover = Infinity;
  let left = input.stock;
  for (let k = 0; k < 10_000 && left > 0; k++) {
    const d = input.mean.length > 0 ? input.mean[Math.min(k, input.mean.length - 1)]! : 0;
    if (d <= 0 && k >= input.mean.length - 1) break;
    if (d >= left) {
      daysOfCover = (k + left / d) * input.periodDays;
      left = 0;
    } else left -= d;
  }
  if (input.stock <= 0) daysOfCover = 0;
  const stockoutRisk =
    leadSd > 0 ? 1 - normalCdf((input.stock - leadTimeDemand) / leadSd) : input.stock < leadTimeDemand ? 1 : 0;
  const suggestedOrder = input.stock < reorderPoint ? Math.ceil(reorderPoint + leadTimeDemand - input.stock) : 0;
  const risk: StockRisk =
    stockoutRisk > 1 - serviceLevel && input.stock < leadTimeDemand
      ? 'stockout'
      : input.stock < reorderPoint
        ? 'reorder'
        : daysOfCover > (input.overstockDays ?? 120)
          ? 'overstock'
          : 'ok';
  return { safetyStock, reorderPoint, leadTimeDemand, daysOfCover, stockoutRisk, suggestedOrder, risk };
}
