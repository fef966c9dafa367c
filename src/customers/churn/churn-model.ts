/**
 * Churn risk = P(no purchase in the next N days), by logistic regression on behavioural features trained
 * on the window just before the prediction date: features at end − N days, labels from the last N days.
 */
import { DAY_MS } from '../types.js';
import { summariseTransactions, type CustomerSummary, type PurchaseLike } from '../clv/customer-summary.js';
import { ModelFitError } from '../clv/model-fit-error.js';
import { CHURN_FEATURES, churnFeatures } from './churn-features.js';
import { fitLogisticRegression, predictLogistic, type LogisticModel } from './logistic-regression.js';

/** A fitted churn model for a fixed horizon. */
export interface ChurnModel {
  horizonDays: number;
  logistic: LogisticModel;
  /** Customers and churners in the training window. */
  trainedOn: { customers: number; churned: number };
}

/** Trains on purchases up to `end`: the training cut is `end − horizonDays`. */
export function fitChurnModel(purchases: readonly PurchaseLike[], end: number, horizonDays: number): ChurnModel {
  const cut = end - horizonDays * DAY_MS;
  const past = summariseTransactions(purchases, { end: cut });
  const index = new Map<string, number>();
  past.ids.forEach((id, i) => index.set(id, i));
  const bought = new Uint8Array(past.ids.length);
  const cutDay = Math.floor(cut / DAY_MS);
  const endDay = Math.floor(end / DAY_MS);
  for (const p of purchases) {
    const day = Math.floor(p.time / DAY_MS);
    const i = index.get(p.customerId);
    if (i !== undefined && day > cutDay && day <= endDay) bought[i] = 1;
  }
  const labels = Array.from(bought, (b) => b === 0);
  const churned = labels.filter(Boolean).length;
  if (churned === 0 || churned === labels.length || labels.length < 10) {
    throw new ModelFitError(
      'churn',
      `the training window needs at least 10 customers of both outcomes (got ${labels.length}, ${churned} churned)`,
    );
  }
  const logistic = fitLogisticRegression(churnFeatures(past), labels, CHURN_FEATURES.length);
  return { horizonDays, logistic, trainedOn: { customers: labels.length, churned } };
}

/** Churn risk for every customer of a summary taken at the prediction date. */
export function predictChurn(model: ChurnModel, summary: CustomerSummary): Float64Array {
  const d = CHURN_FEATURES.length;
  const features = churnFeatures(summary);
  const out = new Float64Array(summary.ids.length);
  for (let i = 0; i < out.length; i++) out[i] = predictLogistic(model.logistic, features.subarray(i * d, i * d + d));
  return out;
}
