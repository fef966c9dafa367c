/** Chooses blend weights for several score components by coordinate search on validation targets. */

/** Per-user candidate scores gathered from each component, with the validation targets marked. */
export interface BlendData {
  numComponents: number;
  /** Candidate rows: user u owns rows `userPtr[u] .. userPtr[u+1]`. */
  userPtr: Int32Array;
  /** Row-major [row][component] normalised scores. */
  features: Float32Array;
  /** 1 where the candidate is a validation target. */
  relevant: Uint8Array;
  /** Number of targets per user (including those that no component surfaced). */
  targets: Int32Array;
}

/** The weight values coordinate search tries for each component. */
export const WEIGHT_GRID = [0, 0.002, 0.01, 0.03, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.4, 2, 3, 5];

/** Mean NDCG@k of the blend `weights` over the validation users. */
export function blendNdcg(d: BlendData, weights: ArrayLike<number>, k = 10): number {
  const nc = d.numComponents;
  const users = d.userPtr.length - 1;
  let total = 0;
  let scores = new Float32Array(256);
  for (let u = 0; u < users; u++) {
    const a = d.userPtr[u]!;
    const b = d.userPtr[u + 1]!;
    const nTargets = d.targets[u]!;
    if (nTargets === 0) continue;
    if (scores.length < b - a) scores = new Float32Array(2 * (b - a));
    for (let r = a; r < b; r++) {
      let s = 0;
      for (let c = 0; c < nc; c++) s += weights[c]! * d.features[r * nc + c]!;
      scores[r - a] = s;
    }
    let dcg = 0;
    for (let r = a; r < b; r++) {
      if (!d.relevant[r]) continue;
      const s = scores[r - a]!;
      let rank = 1;
      // Ties count against the target: the blend must separate it, not rely on input order.
      for (let q = 0; q < b - a && rank <= k; q++) if (q !== r - a && scores[q]! >= s) rank++;
      if (rank <= k) dcg += 1 / Math.log2(rank + 1);
    }
    let idcg = 0;
    for (let r = 0; r < Math.min(k, nTargets); r++) idcg += 1 / Math.log2(r + 2);
    total += dcg / idcg;
  }
  let counted = 0;
  for (let u = 0; u < users; u++) if (d.targets[u]! > 0) counted++;
  return total / Math.max(1, counted);
}

/** Coordinate ascent over {@link WEIGHT_GRID}, starting from `start`; returns the best weights and score. */
export function searchBlendWeights(
  d: BlendData,
  start: number[],
  rounds = 3,
  k = 10,
): { weights: number[]; ndcg: number } {
  const w = [...start];
  let best = blendNdcg(d, w, k);
  for (let round = 0; round < rounds; round++) {
    let improved = false;
    for (let c = 0; c < d.numComponents; c++) {
      let bestValue = w[c]!;
      for (const g of WEIGHT_GRID) {
        if (g === bestValue) continue;
        w[c] = g;
        const s = blendNdcg(d, w, k);
        // Require a real gain so noise does not flip weights back and forth.
        if (s > best + 1e-6) {
          best = s;
          bestValue = g;
          improved = true;
        }
      }
      w[c] = bestValue;
    }
    if (!improved) break;
  }
  return { weights: w, ndcg: best };
}
