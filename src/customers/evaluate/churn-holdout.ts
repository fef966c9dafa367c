/** Holdout evaluation of churn risk: AUC of the logistic model and of BG/NBD against recency alone. */
import type { PurchaseLike } from '../clv/customer-summary.js';
import { probabilityNoPurchase, type PurchaseModel } from '../clv/purchase-model.js';
import { fitChurnModel, predictChurn } from '../churn/churn-model.js';
import { DAY_MS } from '../types.js';
import { rocAuc } from './auc.js';
import { holdoutSplit } from './holdout-split.js';

/** AUCs for "no purchase in the `horizonDays` after the split". */
export interface ChurnHoldoutResult {
  customers: number;
  churned: number;
  horizonDays: number;
  /** Logistic churn model trained on the window before the split. */
  auc: number;
  /** 1 − P(some purchase) under the given purchase model, if any. */
  purchaseModelAuc: number;
  /** Days since the last purchase alone. */
  recencyAuc: number;
}

/** Trains churn on data up to `splitTime` and scores the next `horizonDays`. */
export function evaluateChurnHoldout(
  purchases: readonly PurchaseLike[],
  splitTime: number,
  horizonDays: number,
  purchaseModel?: PurchaseModel,
  unitDays = 1,
): ChurnHoldoutResult {
  const split = holdoutSplit(purchases, splitTime, splitTime + horizonDays * DAY_MS, unitDays);
  const s = split.calibration;
  const n = s.ids.length;
  const labels = Array.from(split.actual, (a) => a === 0);
  const sinceLast = new Float64Array(n);
  const modelRisk = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    sinceLast[i] = s.T[i]! - s.recency[i]!;
    if (purchaseModel) {
      modelRisk[i] = probabilityNoPurchase(purchaseModel, s.frequency[i]!, s.recency[i]!, s.T[i]!, split.holdoutLength);
    }
  }
  const churn = fitChurnModel(purchases, splitTime, horizonDays);
  return {
    customers: n,
    churned: labels.filter(Boolean).length,
    horizonDays,
    auc: rocAuc(predictChurn(churn, s), labels),
    purchaseModelAuc: purchaseModel ? rocAuc(modelRisk, labels) : Number.NaN,
    recencyAuc: rocAuc(sinceLast, labels),
  };
}
