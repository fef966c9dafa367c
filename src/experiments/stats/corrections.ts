/** Multiple-comparison corrections across metrics and variants: adjusted p-values in the input's order. */

/** Which correction to apply. */
export type Correction = 'holm' | 'benjamini-hochberg' | 'none';

/** Holm–Bonferroni step-down adjusted p-values (controls the family-wise error rate). */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

/** Benjamini–Hochberg step-up adjusted p-values (controls the false discovery rate). */
export function benjaminiHochbergAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => b[0] - a[0]);
  const adjusted = new Array<number>(m);
  let running = 1;
  order.forEach(([p, i], k) => {
    const rank = m - k;
    running = Math.min(running, (m * p) / rank);
    adjusted[i] = Math.min(1, running);
  });
  return adjusted;
}

/** Applies a correction. */
export function adjustPValues(pValues: readonly number[], correction: Correction): number[] {
  if (correction === 'holm') return holmAdjust(pValues);
  if (correction === 'benjamini-hochberg') return benjaminiHochbergAdjust(pValues);
  return [...pValues];
}
