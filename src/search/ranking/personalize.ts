/** Personalised re-ranking from a customer's affinities (category, brand, price band). */
import type { SearchDocument } from '../search-document.js';

/** A customer's affinities, each weight in [0, 1] (e.g. from their profile). */
export interface CustomerAffinities {
  /** Category path → weight (the deepest matching prefix counts). */
  categories?: Record<string, number>;
  /** Brand → weight (case-insensitive). */
  brands?: Record<string, number>;
  /** Preferred price bands. */
  priceBands?: readonly { min: number; max: number; weight: number }[];
  /** Overall strength of personalisation (default 0.3: a nudge, not an override of relevance). */
  strength?: number;
}

/** Compiles affinities into a score multiplier per document. */
export function compileAffinities(a: CustomerAffinities): (doc: SearchDocument) => number {
  const strength = a.strength ?? 0.3;
  const cats = Object.entries(a.categories ?? {}).map(([k, v]) => [k.toLowerCase().replace(/\/+$/, ''), v] as const);
  const brands = new Map(Object.entries(a.brands ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const bands = a.priceBands ?? [];
  return (doc) => {
    let s = 0;
    if (doc.category && cats.length > 0) {
      const path = doc.category.toLowerCase();
      let best = -1;
      let w = 0;
      for (const [k, v] of cats) {
        if ((path === k || path.startsWith(k + '/')) && k.length > best) {
          best = k.length;
          w = v;
        }
      }
      s += w;
    }
    if (doc.brand) s += brands.get(doc.brand.toLowerCase()) ?? 0;
    if (doc.price !== undefined) {
      for (const b of bands) if (doc.price >= b.min && doc.price <= b.max) s += b.weight;
    }
    return 1 + strength * s;
  };
}

/**
 * The largest multiplier {@link compileAffinities} can give any document (the same sums in the same order, so
 * rounding keeps it an upper bound); Infinity when a weight is not a finite number. Ranking skips documents
 * whose score could not enter the results even at this multiplier.
 */
export function affinityBound(a: CustomerAffinities): number {
  const strength = a.strength ?? 0.3;
  const extremes = (weights: Iterable<number>): [number, number] => {
    let lo = 0;
    let hi = 0;
    for (const w of weights) {
      lo = Math.min(lo, w);
      hi = Math.max(hi, w);
    }
    return [lo, hi];
  };
  // A document gets at most one category weight and one brand weight (or none: 0), and every band it falls in.
  const [catLo, catHi] = extremes(Object.values(a.categories ?? {}));
  const [brandLo, brandHi] = extremes(Object.values(a.brands ?? {}));
  let lo = catLo + brandLo;
  let hi = catHi + brandHi;
  for (const b of a.priceBands ?? []) {
    lo += Math.min(0, b.weight);
    hi += Math.max(0, b.weight);
  }
  const bound = Math.max(1 + strength * lo, 1 + strength * hi);
  return Number.isFinite(bound) ? bound : Infinity;
}
