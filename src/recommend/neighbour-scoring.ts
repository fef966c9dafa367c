/** Scoring shared by neighbourhood models: Σ over history of weight × neighbour similarity. */
import type { CsrMatrix } from '../math/csr-matrix.js';
import type { History } from './history.js';
import type { ItemSubset } from './item-subset.js';

/** Adds Σ_h w[h] · S[item_h, j] into out (out must be zeroed by the caller). */
export function scoreNeighbours(sims: CsrMatrix, h: History, w: ArrayLike<number>, out: Float32Array): void {
  for (let p = 0; p < h.items.length; p++) {
    const wh = w[p]!;
    const item = h.items[p]!;
    if (wh === 0 || item < 0 || item >= sims.rows) continue;
    sims.addRowTo(item, wh, out);
  }
}

/** The history position whose neighbour row gives `item` the largest weighted contribution, or -1. */
export function strongestContributor(sims: CsrMatrix, h: History, w: ArrayLike<number>, item: number): number {
  let best = -1;
  let bestVal = 0;
  for (let p = 0; p < h.items.length; p++) {
    const src = h.items[p]!;
    if (src < 0 || src >= sims.rows) continue;
    const a = sims.indptr[src]!;
    const b = sims.indptr[src + 1]!;
    for (let k = a; k < b; k++) {
      if (sims.indices[k] !== item) continue;
      const c = w[p]! * sims.values[k]!;
      if (c > bestVal) {
        bestVal = c;
        best = p;
      }
      break;
    }
  }
  return best;
}

/** Like {@link scoreNeighbours}, for the items of a subset only: out[r] for subset.items[r]. */
export function scoreNeighbourSubset(
  sims: CsrMatrix,
  h: History,
  w: ArrayLike<number>,
  subset: ItemSubset,
  out: Float32Array,
): void {
  out.fill(0, 0, subset.size);
  const pos = subset.position;
  for (let p = 0; p < h.items.length; p++) {
    const wh = w[p]!;
    const item = h.items[p]!;
    if (wh === 0 || item < 0 || item >= sims.rows) continue;
    for (let k = sims.indptr[item]!; k < sims.indptr[item + 1]!; k++) {
      const r = pos[sims.indices[k]!]!;
      if (r >= 0) out[r]! += wh * sims.values[k]!;
    }
  }
}

/**
 * Candidates from the strongest neighbours (rows are stored best first) of the newest history items:
 * half of `limit` from the newest item's row, a quarter from the next, and so on (at least 4 each).
 * The newest events carry most of the recency weight, so the best-scoring items are nearly always among
 * them, found without summing any row.
 */
export function neighbourCandidates(
  sims: CsrMatrix,
  h: History,
  w: ArrayLike<number>,
  limit: number,
  seen: Uint8Array,
  into: ItemSubset,
): void {
  let budget = Math.max(4, limit >> 1);
  let added = 0;
  for (let p = h.items.length - 1; p >= 0 && added < limit; p--) {
    const item = h.items[p]!;
    if (w[p] === 0 || item < 0 || item >= sims.rows) continue;
    let taken = 0;
    for (let k = sims.indptr[item]!; k < sims.indptr[item + 1]! && taken < budget; k++) {
      const j = sims.indices[k]!;
      if (seen[j]) continue;
      into.add(j);
      taken++;
    }
    added += taken;
    budget = Math.max(4, budget >> 1);
  }
}
