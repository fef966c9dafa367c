/**
 * Named RFM groups from the widely used recency × frequency grid. Scores are first rescaled to 1..5;
 * the frequency axis uses the rounded mean of F and M so big spenders with few orders count as engaged.
 */

/** The eleven named groups. */
export const RFM_GROUPS = [
  'Champions',
  'Loyal',
  'Potential loyalists',
  'New',
  'Promising',
  'Need attention',
  'About to sleep',
  'At risk',
  "Can't lose",
  'Hibernating',
  'Lost',
] as const;

/** One of {@link RFM_GROUPS}. */
export type RfmGroup = (typeof RFM_GROUPS)[number];

/** Rescales a score in 1..bins to 1..5. */
export function toFivePoint(score: number, bins: number): number {
  return bins === 5 ? score : Math.min(5, Math.max(1, Math.ceil((score / bins) * 5)));
}

/**
 * The group for scores r, f, m (1..bins). Grid on R (rows) and FM = round((F + M) / 2) (columns):
 * R5 FM4-5 Champions; R3-4 FM4-5 Loyal; R4-5 FM2-3 Potential loyalists; R5 FM1 New; R4 FM1 Promising;
 * R3 FM3 Need attention; R3 FM1-2 About to sleep; R1-2 FM3-4 At risk; R1-2 FM5 Can't lose;
 * R1 FM1 Lost; other R1-2 FM1-2 Hibernating.
 */
export function rfmGroup(r: number, f: number, m: number, bins = 5): RfmGroup {
  const R = toFivePoint(r, bins);
  const FM = Math.round((toFivePoint(f, bins) + toFivePoint(m, bins)) / 2);
  if (R === 5) return FM >= 4 ? 'Champions' : FM >= 2 ? 'Potential loyalists' : 'New';
  if (R === 4) return FM >= 4 ? 'Loyal' : FM >= 2 ? 'Potential loyalists' : 'Promising';
  if (R === 3) return FM >= 4 ? 'Loyal' : FM === 3 ? 'Need attention' : 'About to sleep';
  if (FM === 5) return "Can't lose";
  if (FM >= 3) return 'At risk';
  return R === 1 && FM === 1 ? 'Lost' : 'Hibernating';
}
