/** Scoring shared by neighbourhood models: Σ over history of weight × neighbour similarity. */
import type { CsrMatrix } from '../math/csr-matrix.js';
import type { History } from './history.js';

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
