/** Naive-Bayes log-count ratios (Wang & Manning 2012, NBSVM): how much more often a feature occurs in positive texts. */
import type { SparseRows } from './sparse-rows.js';

/** r_j = log((α + p_j) / (α·d + |p|₁)) − log((α + q_j) / (α·d + |q|₁)) over binary occurrences; unseen buckets get 0. */
export function nbRatios(data: SparseRows, labels: Uint8Array, alpha: number): Float32Array {
  const pos = new Float64Array(data.dims);
  const neg = new Float64Array(data.dims);
  const seen = new Uint8Array(data.dims);
  for (let r = 0; r + 1 < data.indptr.length; r++) {
    const counts = labels[r] === 1 ? pos : neg;
    for (let k = data.indptr[r]!; k < data.indptr[r + 1]!; k++) {
      const j = data.indices[k]!;
      counts[j]! += 1;
      seen[j] = 1;
    }
  }
  let pSum = 0;
  let qSum = 0;
  let used = 0;
  for (let j = 0; j < data.dims; j++) {
    pSum += pos[j]!;
    qSum += neg[j]!;
    used += seen[j]!;
  }
  const pNorm = Math.log(alpha * used + pSum);
  const qNorm = Math.log(alpha * used + qSum);
  const ratios = new Float32Array(data.dims);
  for (let j = 0; j < data.dims; j++) {
    if (seen[j] === 0) continue;
    ratios[j] = Math.log(alpha + pos[j]!) - pNorm - (Math.log(alpha + neg[j]!) - qNorm);
  }
  return ratios;
}
