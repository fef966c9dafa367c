/** Small conversions adapters share: numbers that stay text when they do not parse, money rounding. */
import { NUMERIC } from '../csv-columns.js';

/** The number a trimmed cell holds, or the text itself so validation reports it by field. */
export function numberOrText(cell: string): number | string {
  const t = cell.trim();
  return NUMERIC.test(t) ? Number(t) : t;
}

/** Rounds money to cents, hiding binary noise such as 3 × 1.1 = 3.3000000000000003. */
export function roundMoney(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Index of each wanted column in a header row; the names of columns that are missing. */
export function columnIndex<K extends string>(
  header: string[],
  wanted: readonly K[],
): { index: Record<K, number>; missing: K[] } {
  const trimmed = header.map((h) => h.trim());
  const index = {} as Record<K, number>;
  const missing: K[] = [];
  for (const w of wanted) {
    const i = trimmed.indexOf(w);
    if (i === -1) missing.push(w);
    index[w] = i;
  }
  return { index, missing };
}
