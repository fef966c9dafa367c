/** Item–item co-occurrence from user sequences, weighted by distance in the sequence, kept sparse. */
import { CsrMatrix } from '../math/csr-matrix.js';
import { topKSparse } from '../math/top-k.js';
import type { InteractionLog } from './interaction-log.js';

/** How pairs of events in one user's sequence count. */
export interface CooccurrenceOptions {
  /** Pair weight multiplier per extra step apart (1 = order ignored, every pair counts 1). */
  proximityDecay?: number;
  /** Only pairs at most this many steps apart count (0 = unlimited). */
  window?: number;
  /** Weight of pairs where j comes after i. */
  forwardWeight?: number;
  /** Weight of pairs where j comes before i. */
  backwardWeight?: number;
  /** Neighbours kept per item. */
  neighbours?: number;
  /** Down-weights very long histories by 1/log2(2 + length / userLengthPivot) (0 = off). */
  userLengthPivot?: number;
}

/**
 * For each item i, accumulates c(i, j) over all users and pairs of positions, turns each into a
 * similarity with `similarity(i, j, c)` and keeps the top neighbours. Cost is Σ_u |u|², with one
 * dense accumulator reused across rows.
 */
export function cooccurrence(
  log: InteractionLog,
  opts: CooccurrenceOptions,
  similarity: (i: number, j: number, c: number) => number,
): CsrMatrix {
  const nItems = log.numItems;
  const decay = opts.proximityDecay ?? 1;
  const window = opts.window ?? 0;
  const fw = opts.forwardWeight ?? 1;
  const bw = opts.backwardWeight ?? 1;
  const keep = opts.neighbours ?? 100;
  const pivot = opts.userLengthPivot ?? 0;
  // Occurrences of each item: the event positions (into the log arrays) where it appears.
  const occPtr = new Int32Array(nItems + 1);
  for (let k = 0; k < log.size; k++) occPtr[log.items[k]! + 1]!++;
  for (let i = 0; i < nItems; i++) occPtr[i + 1]! += occPtr[i]!;
  const cursor = occPtr.slice(0, nItems);
  const occ = new Int32Array(log.size);
  for (let k = 0; k < log.size; k++) occ[cursor[log.items[k]!]!++] = k;
  let maxLen = 1;
  for (let u = 0; u < log.numUsers; u++) maxLen = Math.max(maxLen, log.userPtr[u + 1]! - log.userPtr[u]!);
  const decayTable = new Float64Array(maxLen + 1);
  for (let d = 1; d <= maxLen; d++) decayTable[d] = Math.pow(decay, d - 1);
  const userScale = new Float64Array(log.numUsers);
  for (let u = 0; u < log.numUsers; u++) {
    const len = log.userPtr[u + 1]! - log.userPtr[u]!;
    userScale[u] = pivot > 0 ? 1 / Math.log2(2 + len / pivot) : 1;
  }
  const acc = new Float64Array(nItems);
  const touched = new Int32Array(nItems);
  const sims = new Float32Array(nItems);
  const rowsIdx: Int32Array[] = [];
  const rowsVal: Float32Array[] = [];
  let total = 0;
  for (let i = 0; i < nItems; i++) {
    let nt = 0;
    for (let o = occPtr[i]!; o < occPtr[i + 1]!; o++) {
      const p = occ[o]!;
      const u = log.users[p]!;
      const a = log.userPtr[u]!;
      const b = log.userPtr[u + 1]!;
      const lo = window > 0 ? Math.max(a, p - window) : a;
      const hi = window > 0 ? Math.min(b, p + window + 1) : b;
      const s = userScale[u]!;
      for (let q = lo; q < hi; q++) {
        const j = log.items[q]!;
        if (j === i) continue;
        const w = (q > p ? fw * decayTable[q - p]! : bw * decayTable[p - q]!) * s;
        if (w === 0) continue;
        if (acc[j] === 0) touched[nt++] = j;
        acc[j]! += w;
      }
    }
    for (let t = 0; t < nt; t++) {
      const j = touched[t]!;
      sims[t] = similarity(i, j, acc[j]!);
      acc[j] = 0;
    }
    const top = topKSparse(touched, sims, nt, keep);
    rowsIdx.push(top.indices);
    rowsVal.push(top.scores);
    total += top.indices.length;
  }
  const indptr = new Int32Array(nItems + 1);
  const indices = new Int32Array(total);
  const values = new Float32Array(total);
  let w = 0;
  for (let i = 0; i < nItems; i++) {
    const ri = rowsIdx[i]!;
    const rv = rowsVal[i]!;
    // Rows stay sorted by similarity (best first) rather than column: explain() and similar() want that order.
    indices.set(ri, w);
    values.set(rv, w);
    w += ri.length;
    indptr[i + 1] = w;
  }
  return new CsrMatrix(nItems, nItems, indptr, indices, values);
}
