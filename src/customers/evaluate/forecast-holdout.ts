/**
 * Holdout check of the validated purchase forecast: it is chosen on the calibration window alone, then
 * its expected purchases are scored after the split beside the naive rate, plain BG/NBD and the
 * bound-guarded BG/NBD that was the default before validation.
 */
import { bgNbdExpectedPurchases, fitBgNbd } from '../clv/bg-nbd.js';
import { choosePurchaseModel, type PurchaseChoiceOptions } from '../clv/choose-purchase-model.js';
import type { PurchaseLike } from '../clv/customer-summary.js';
import { naiveRepeatRate } from '../clv/naive-rate.js';
import { choiceExpectedPurchases, type PurchaseChoice } from '../clv/purchase-choice.js';
import { expectedPurchases, fitPurchaseModel } from '../clv/purchase-model.js';
import { holdoutSplit } from './holdout-split.js';

/** Mean absolute errors of expected purchases per customer over the holdout. */
export interface ForecastMaes {
  /** The forecast chosen by validation. */
  chosen: number;
  naive: number;
  /** BG/NBD by maximum likelihood, unvalidated. */
  maximumLikelihood: number;
  /** `fitPurchaseModel`: maximum likelihood unless a parameter runs to a bound. */
  guarded: number;
}

/** The outcome of one split. */
export interface ForecastHoldoutResult {
  customers: number;
  repeaters: number;
  holdoutDays: number;
  choice: PurchaseChoice;
  mae: ForecastMaes;
  totalActual: number;
  totalChosen: number;
}

/** Chooses on purchases up to `splitTime` (the chooser never sees later days) and scores up to `endTime`. */
export function evaluateForecastHoldout(
  purchases: readonly PurchaseLike[],
  splitTime: number,
  endTime: number,
  unitDays = 1,
  options: PurchaseChoiceOptions = {},
): ForecastHoldoutResult {
  const split = holdoutSplit(purchases, splitTime, endTime, unitDays);
  const s = split.calibration;
  const t = split.holdoutLength;
  const choice = choosePurchaseModel(purchases, s, { horizonDays: t * unitDays, ...options });
  const ml = fitBgNbd(s).params;
  const guarded = fitPurchaseModel(s);
  const n = s.ids.length;
  const mae: ForecastMaes = { chosen: 0, naive: 0, maximumLikelihood: 0, guarded: 0 };
  let repeaters = 0;
  let totalActual = 0;
  let totalChosen = 0;
  for (let i = 0; i < n; i++) {
    const x = s.frequency[i]!;
    const tx = s.recency[i]!;
    const T = s.T[i]!;
    const actual = split.actual[i]!;
    const chosen = choiceExpectedPurchases(choice, x, tx, T, t);
    mae.chosen += Math.abs(chosen - actual) / n;
    mae.naive += Math.abs(naiveRepeatRate(x, T, t) - actual) / n;
    mae.maximumLikelihood += Math.abs(bgNbdExpectedPurchases(ml, x, tx, T, t) - actual) / n;
    mae.guarded += Math.abs(expectedPurchases(guarded, x, tx, T, t) - actual) / n;
    if (x > 0) repeaters++;
    totalActual += actual;
    totalChosen += chosen;
  }
  return { customers: n, repeaters, holdoutDays: t * unitDays, choice, mae, totalActual, totalChosen };
}
