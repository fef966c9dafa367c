/** Behavioural features for churn risk, computed from a customer summary at its end date. */
import type { CustomerSummary } from '../clv/customer-summary.js';

/** Names of the columns produced by {@link churnFeatures}, in order. */
export const CHURN_FEATURES = [
  'log days since last purchase',
  'log repeat purchases',
  'log days since first purchase',
  'log overdue ratio (days since last / own mean gap)',
  'one-time buyer',
  'log mean order value',
] as const;

/** Row-major feature matrix (customers × {@link CHURN_FEATURES}). */
export function churnFeatures(s: CustomerSummary): Float64Array {
  const d = CHURN_FEATURES.length;
  const n = s.ids.length;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const x = s.frequency[i]!;
    const sinceLast = (s.T[i]! - s.recency[i]!) * s.unitDays;
    const tenure = s.T[i]! * s.unitDays;
    // A one-time buyer has no cadence of their own; their tenure stands in so the ratio is 1.
    const gap = x > 0 ? (s.recency[i]! * s.unitDays) / x : Math.max(tenure, 1);
    const value = x > 0 ? s.monetary[i]! : s.firstValue[i]!;
    const o = i * d;
    out[o] = Math.log1p(sinceLast);
    out[o + 1] = Math.log1p(x);
    out[o + 2] = Math.log1p(tenure);
    out[o + 3] = Math.log1p(sinceLast / Math.max(gap, 1));
    out[o + 4] = x === 0 ? 1 : 0;
    out[o + 5] = Math.log1p(Math.max(value, 0));
  }
  return out;
}
