/**
 * The published Gamma-Gamma figures use the 1/10 CDNOW sample, whose summary file has no spend column.
 * The sample is ordered by first purchase day, then by master id, so each summary row is matched, in that
 * order, to the next master customer with the same (frequency, recency, T); that recovers the sample's
 * repeat spend the way lifetimes computed it (mean of repeat purchase days in the calibration period).
 */
import type { CustomerSummary } from '../clv/customer-summary.js';
import type { CdnowSummaryRow } from './cdnow.js';

/** For each summary row, the index into the master summary (weeks) of its customer, or -1 if unmatched. */
export function alignCdnowSample(rows: readonly CdnowSummaryRow[], master: CustomerSummary): Int32Array {
  const key = (x: number, tx: number, T: number): string => `${x}|${tx.toFixed(2)}|${T.toFixed(2)}`;
  const out = new Int32Array(rows.length).fill(-1);
  const order = master.ids.map((_, k) => k).sort((x, y) => master.firstDay[x]! - master.firstDay[y]! || x - y);
  const keys = order.map((k) => key(master.frequency[k]!, master.recency[k]!, master.T[k]!));
  let j = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const want = key(row.frequency, row.recency, row.T);
    for (let k = j; k < order.length; k++) {
      if (keys[k] === want) {
        out[i] = order[k]!;
        j = k + 1;
        break;
      }
    }
  }
  return out;
}
