/**
 * Top-k over scores that stay fixed while they are served many times (a model's popularity lists): sort the
 * indices once, then each request walks that order and takes the first k not excluded, instead of scanning
 * every score with a heap per request.
 */
import type { TopK } from './top-k.js';

/**
 * The indices of the scores above `minScore`, best first, ties to the lower index: the order {@link topK} gives
 * (NaN never enters). O(n log n), once per score array.
 */
export function descendingOrder(scores: ArrayLike<number>, minScore = -Infinity): Int32Array {
  const kept: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i]! > minScore) kept.push(i);
  kept.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return Int32Array.from(kept);
}

/**
 * The same result as `topK(scores, k, mask, minScore)` from an order of {@link descendingOrder} over those
 * scores (with a `minScore` no higher than this one): the first k of the order that are not masked and score
 * above `minScore`. Stops at the k-th, so a request pays for its excluded items, not the catalogue.
 */
export function topKFromOrder(
  order: Int32Array,
  scores: ArrayLike<number>,
  k: number,
  mask: Uint8Array,
  minScore = -Infinity,
): TopK {
  const cap = Math.max(0, Math.min(k, order.length));
  const indices = new Int32Array(cap);
  const out = new Float32Array(cap);
  let size = 0;
  for (let r = 0; r < order.length && size < cap; r++) {
    const i = order[r]!;
    const s = scores[i]!;
    // The order is by score: past the first at or below the floor, every other is too.
    if (!(s > minScore)) break;
    if (mask[i]) continue;
    indices[size] = i;
    out[size++] = s;
  }
  return size === cap
    ? { indices, scores: out }
    : { indices: indices.subarray(0, size), scores: out.subarray(0, size) };
}
