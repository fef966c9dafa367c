/**
 * Holdout check of the validated spend forecast: chosen on the calibration window alone, then scored on
 * the mean order value of each customer who buys after the split, beside each customer's own mean and
 * plain Gamma-Gamma.
 */
import { chooseSpendModel, choiceExpectedSpend, ownMeanSpend, type SpendChoice } from '../clv/choose-spend-model.js';
import { summariseTransactions, type PurchaseLike } from '../clv/customer-summary.js';
import { fitGammaGamma, gammaGammaExpectedSpend } from '../clv/gamma-gamma.js';
import { DAY_MS } from '../types.js';

/** Mean absolute errors of the expected order value over customers who bought in the holdout. */
export interface SpendHoldoutResult {
  /** Customers who bought in the holdout (those scored). */
  customers: number;
  choice: SpendChoice;
  mae: { chosen: number; ownMean: number; gammaGamma: number };
}

/** Chooses on purchases up to `splitTime` and scores the order values up to `endTime`. */
export function evaluateSpendHoldout(
  purchases: readonly PurchaseLike[],
  splitTime: number,
  endTime: number,
  unitDays = 1,
): SpendHoldoutResult {
  const s = summariseTransactions(purchases, { end: splitTime, unitDays });
  const splitDay = Math.floor(splitTime / DAY_MS);
  const endDay = Math.floor(endTime / DAY_MS);
  const choice = chooseSpendModel(purchases, s, { horizonDays: endDay - splitDay });
  const gg = fitGammaGamma(s.frequency, s.monetary).params;
  const index = new Map<string, number>();
  s.ids.forEach((id, i) => index.set(id, i));
  const days = new Map<number, Set<number>>();
  const totals = new Map<number, number>();
  for (const p of purchases) {
    const day = Math.floor(p.time / DAY_MS);
    const i = index.get(p.customerId);
    if (day <= splitDay || day > endDay || i === undefined) continue;
    if (!days.has(i)) days.set(i, new Set());
    days.get(i)!.add(day);
    totals.set(i, (totals.get(i) ?? 0) + p.amount);
  }
  const mae = { chosen: 0, ownMean: 0, gammaGamma: 0 };
  const n = totals.size;
  for (const [i, total] of totals) {
    const actual = total / days.get(i)!.size;
    const x = s.frequency[i]!;
    const m = s.monetary[i]!;
    const first = s.firstValue[i]!;
    mae.chosen += Math.abs(choiceExpectedSpend(choice, x, m, first) - actual) / n;
    mae.ownMean += Math.abs(ownMeanSpend(x, m, first) - actual) / n;
    mae.gammaGamma += Math.abs(gammaGammaExpectedSpend(gg, x, m) - actual) / n;
  }
  return { customers: n, choice, mae };
}
