/** Where a calibration window is split for validation inside it: the same inner holdouts for every chooser. */
import { DAY_MS } from '../types.js';
import type { CustomerSummary, PurchaseLike } from './customer-summary.js';

/** Options for {@link validationOrigins}. */
export interface OriginOptions {
  /** Days that will be predicted; a validation holdout is never longer (default 365). */
  horizonDays?: number;
  /** Share of the calibration window in each validation holdout (default 1/3). */
  holdoutShare?: number;
  /** Validation origins: the last holdout ends at the window's end, each earlier one half a holdout before (default 2). */
  origins?: number;
  /** Validate on about this many customers at most, picked by a hash of their id (default 25,000). */
  maxValidationCustomers?: number;
}

/** Default of {@link OriginOptions.maxValidationCustomers}. */
export const MAX_VALIDATION_CUSTOMERS = 25_000;

/** One inner split, as UTC day numbers (epoch days): fit on days up to `fitEnd`, score (fitEnd, holdoutEnd]. */
export interface InnerSplit {
  fitEnd: number;
  holdoutEnd: number;
}

/** The inner splits of the summary's window (none when the window is too short to hold out one time unit). */
export function validationOrigins(summary: CustomerSummary, options: OriginOptions = {}): InnerSplit[] {
  const unit = summary.unitDays;
  const endDay = Math.floor(summary.end / DAY_MS);
  let firstDay = endDay;
  for (const d of summary.firstDay) firstDay = Math.min(firstDay, Math.floor(d / DAY_MS));
  // Whole time units, so inner summaries count T and recency the way the full one does.
  const holdoutUnits = Math.floor(
    Math.min(options.horizonDays ?? 365, (endDay - firstDay) * (options.holdoutShare ?? 1 / 3)) / unit,
  );
  if (holdoutUnits < 1) return [];
  const out: InnerSplit[] = [];
  for (let k = 0; k < (options.origins ?? 2); k++) {
    const holdoutEnd = endDay - Math.round((k * holdoutUnits) / 2) * unit;
    out.push({ fitEnd: holdoutEnd - holdoutUnits * unit, holdoutEnd });
  }
  return out;
}

/** Mean and standard error of per-customer values (the customer is the independent unit). */
export function meanAndStandardError(values: readonly number[]): { mean: number; standardError: number } {
  const m = values.length;
  let mean = 0;
  for (const v of values) mean += v / m;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2 / Math.max(m - 1, 1);
  return { mean, standardError: Math.sqrt(variance / m) };
}

/** FNV-1a hash of a string to [0, 1): a stable, seed-free way to pick the same customers every run. */
function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 4294967296;
}

/**
 * The purchases of at most about `maxCustomers` customers, picked by a hash of their id. Validation
 * only has to rank a few candidates, and beyond some tens of thousands of customers the fits cost far
 * more than the extra customers tell.
 */
export function validationSample(
  purchases: readonly PurchaseLike[],
  customers: number,
  maxCustomers: number,
): readonly PurchaseLike[] {
  if (customers <= maxCustomers) return purchases;
  const share = maxCustomers / customers;
  const keep = new Map<string, boolean>();
  return purchases.filter((p) => {
    let k = keep.get(p.customerId);
    if (k === undefined) keep.set(p.customerId, (k = unitHash(p.customerId) < share));
    return k;
  });
}
