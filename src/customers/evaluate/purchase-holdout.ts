/** Holdout evaluation of purchase predictions: model MAE against the naive "same rate as before" baseline. */
import { expectedPurchases, type PurchaseModel } from '../clv/purchase-model.js';
import { naiveRepeatRate } from '../clv/naive-rate.js';
import type { HoldoutSplit } from './holdout-split.js';

/** Per-customer predictions and the mean absolute errors of model and baseline. */
export interface PurchaseHoldoutResult {
  customers: number;
  mae: number;
  baselineMae: number;
  predicted: Float64Array;
  baseline: Float64Array;
  /** Totals over all customers, a check on aggregate calibration. */
  totalActual: number;
  totalPredicted: number;
}

/** The naive baseline, kept importable from here where holdout code has always found it. */
export { naiveRepeatRate };

/** Compares model predictions with actual holdout purchase days. */
export function evaluatePurchaseHoldout(split: HoldoutSplit, model: PurchaseModel): PurchaseHoldoutResult {
  const s = split.calibration;
  const n = s.ids.length;
  const predicted = new Float64Array(n);
  const baseline = new Float64Array(n);
  let mae = 0;
  let baselineMae = 0;
  let totalActual = 0;
  let totalPredicted = 0;
  for (let i = 0; i < n; i++) {
    predicted[i] = expectedPurchases(model, s.frequency[i]!, s.recency[i]!, s.T[i]!, split.holdoutLength);
    baseline[i] = naiveRepeatRate(s.frequency[i]!, s.T[i]!, split.holdoutLength);
    const actual = split.actual[i]!;
    mae += Math.abs(predicted[i]! - actual) / n;
    baselineMae += Math.abs(baseline[i]! - actual) / n;
    totalActual += actual;
    totalPredicted += predicted[i]!;
  }
  return { customers: n, mae, baselineMae, predicted, baseline, totalActual, totalPredicted };
}
