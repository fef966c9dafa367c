/** Binary sparse rows (CSR without values) built from texts through a feature function. */
import { FeatureDedup, MAX_REVIEW_FEATURES, reviewFeatures, type FeatureSpec } from './review-features.js';
import type { WordLexicon } from './word-lexicon.js';

/** Documents as rows of distinct feature ids: row r is `indices[indptr[r] .. indptr[r+1])`. */
export interface SparseRows {
  /** Row starts; length rows + 1. */
  indptr: Int32Array;
  /** Feature ids. */
  indices: Uint32Array;
  /** Number of feature buckets (2^hashBits). */
  dims: number;
}

/** Hashes every text into one CSR block; `onProgress` is told how many texts are done. */
export function buildSparseRows(
  texts: readonly string[],
  spec: FeatureSpec,
  onProgress?: (done: number) => void,
  lexicon: WordLexicon | null = null,
): SparseRows {
  const dims = 1 << spec.hashBits;
  const dedup = new FeatureDedup();
  const scratch = new Uint32Array(MAX_REVIEW_FEATURES);
  const indptr = new Int32Array(texts.length + 1);
  let indices = new Uint32Array(texts.length * 256);
  let nnz = 0;
  for (let r = 0; r < texts.length; r++) {
    const n = reviewFeatures(texts[r]!, spec, dedup, scratch, lexicon);
    if (nnz + n > indices.length) {
      const grown = new Uint32Array(Math.max(indices.length * 2, nnz + n));
      grown.set(indices.subarray(0, nnz));
      indices = grown;
    }
    indices.set(scratch.subarray(0, n), nnz);
    nnz += n;
    indptr[r + 1] = nnz;
    if (onProgress && (r + 1) % 5000 === 0) onProgress(r + 1);
  }
  return { indptr, indices: indices.slice(0, nnz), dims };
}

/** The rows listed in `rows`, in that order, as a new block. */
export function selectRows(data: SparseRows, rows: readonly number[]): SparseRows {
  let nnz = 0;
  for (const r of rows) nnz += data.indptr[r + 1]! - data.indptr[r]!;
  const indptr = new Int32Array(rows.length + 1);
  const indices = new Uint32Array(nnz);
  let at = 0;
  rows.forEach((r, k) => {
    const a = data.indptr[r]!;
    const b = data.indptr[r + 1]!;
    indices.set(data.indices.subarray(a, b), at);
    at += b - a;
    indptr[k + 1] = at;
  });
  return { indptr, indices, dims: data.dims };
}
