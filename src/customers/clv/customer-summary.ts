/** Frequency / recency / T / monetary summaries from transactions, as defined by BG/NBD and lifetimes. */
import { DAY_MS } from '../types.js';

/** Per-customer RFM-style summary in columnar typed arrays (index i is customer `ids[i]`). */
export interface CustomerSummary {
  ids: string[];
  /** Repeat purchase periods: distinct purchase days minus one. */
  frequency: Float64Array;
  /** Time from the first to the last purchase day, in `unitDays` units. */
  recency: Float64Array;
  /** Time from the first purchase day to the end of observation, in `unitDays` units. */
  T: Float64Array;
  /** Mean value of the repeat purchase days (same-day purchases summed); 0 for frequency 0. */
  monetary: Float64Array;
  /** Value of the first purchase day (excluded from `monetary`, as in lifetimes). */
  firstValue: Float64Array;
  /** Epoch-ms start of each customer's first purchase day. */
  firstDay: Float64Array;
  /** Length of one time unit in days (1 = days, 7 = weeks). */
  unitDays: number;
  /** Epoch ms of the end of observation (summaries count days up to and including its day). */
  end: number;
}

/** Options for {@link summariseTransactions}. */
export interface SummaryOptions {
  /** End of the observation (calibration) period, epoch ms; purchases after its UTC day are ignored. Default: the last purchase. */
  end?: number;
  /** Time unit in days for recency and T (default 1; 7 gives weeks). */
  unitDays?: number;
}

/** Minimal purchase shape the summary needs. */
export interface PurchaseLike {
  customerId: string;
  time: number;
  amount: number;
}

/** Builds the summary: purchases on the same UTC day are one period; T runs to the end day. */
export function summariseTransactions(
  purchases: readonly PurchaseLike[],
  options: SummaryOptions = {},
): CustomerSummary {
  const unitDays = options.unitDays ?? 1;
  let end = options.end ?? -Infinity;
  if (options.end === undefined) for (const p of purchases) if (p.time > end) end = p.time;
  const endDay = Math.floor(end / DAY_MS);
  const index = new Map<string, number>();
  const ids: string[] = [];
  const n = purchases.length;
  const cust = new Int32Array(n);
  const day = new Float64Array(n);
  let kept = 0;
  // Inclusion is by UTC day, so a purchase later on the end day still belongs to the period.
  const inPeriod = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = purchases[i]!;
    if (Math.floor(p.time / DAY_MS) > endDay) continue;
    inPeriod[i] = 1;
    let c = index.get(p.customerId);
    if (c === undefined) {
      c = ids.length;
      index.set(p.customerId, c);
      ids.push(p.customerId);
    }
    cust[i] = c;
    day[i] = Math.floor(p.time / DAY_MS);
    kept++;
  }
  // Counting sort by customer, so each customer's purchases are contiguous without per-customer arrays.
  const m = ids.length;
  const start = new Int32Array(m + 1);
  for (let i = 0; i < n; i++) if (inPeriod[i]) start[cust[i]! + 1]!++;
  for (let c = 0; c < m; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, m);
  const order = new Int32Array(kept);
  for (let i = 0; i < n; i++) if (inPeriod[i]) order[fill[cust[i]!]!++] = i;

  const out: CustomerSummary = {
    ids,
    frequency: new Float64Array(m),
    recency: new Float64Array(m),
    T: new Float64Array(m),
    monetary: new Float64Array(m),
    firstValue: new Float64Array(m),
    firstDay: new Float64Array(m),
    unitDays,
    end,
  };
  const slice: number[] = [];
  for (let c = 0; c < m; c++) {
    slice.length = 0;
    for (let k = start[c]!; k < start[c + 1]!; k++) slice.push(order[k]!);
    slice.sort((i, j) => day[i]! - day[j]!);
    const first = day[slice[0]!]!;
    let periods = 0;
    let repeatSum = 0;
    let firstValue = 0;
    let current = first;
    for (const i of slice) {
      const d = day[i]!;
      if (d !== current) {
        periods++;
        current = d;
      }
      if (d === first) firstValue += purchases[i]!.amount;
      else repeatSum += purchases[i]!.amount;
    }
    out.frequency[c] = periods;
    out.recency[c] = (current - first) / unitDays;
    out.T[c] = (endDay - first) / unitDays;
    out.monetary[c] = periods > 0 ? repeatSum / periods : 0;
    out.firstValue[c] = firstValue;
    out.firstDay[c] = first * DAY_MS;
  }
  return out;
}
