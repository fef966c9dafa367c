/** Calibration/holdout split by date: summaries before the split, actual purchase counts after it. */
import { DAY_MS } from '../types.js';
import { summariseTransactions, type CustomerSummary, type PurchaseLike } from '../clv/customer-summary.js';

/** A split ready for evaluation; `actual[i]` belongs to calibration customer i. */
export interface HoldoutSplit {
  calibration: CustomerSummary;
  /** Distinct purchase days of each calibration customer inside the holdout. */
  actual: Float64Array;
  /** Holdout length in the summary's time unit. */
  holdoutLength: number;
}

/**
 * Splits at `splitTime` (calibration = days up to and including its day) and counts holdout purchase days
 * up to `endTime`. Customers first seen in the holdout are not part of the evaluation.
 */
export function holdoutSplit(
  purchases: readonly PurchaseLike[],
  splitTime: number,
  endTime: number,
  unitDays = 1,
): HoldoutSplit {
  const calibration = summariseTransactions(purchases, { end: splitTime, unitDays });
  const index = new Map<string, number>();
  calibration.ids.forEach((id, i) => index.set(id, i));
  const splitDay = Math.floor(splitTime / DAY_MS);
  const endDay = Math.floor(endTime / DAY_MS);
  const seen = new Set<string>();
  const actual = new Float64Array(calibration.ids.length);
  for (const p of purchases) {
    const day = Math.floor(p.time / DAY_MS);
    if (day <= splitDay || day > endDay) continue;
    const i = index.get(p.customerId);
    if (i === undefined) continue;
    const key = `${i}:${day}`;
    if (seen.has(key)) continue;
    seen.add(key);
    actual[i]!++;
  }
  return { calibration, actual, holdoutLength: (endDay - splitDay) / unitDays };
}
