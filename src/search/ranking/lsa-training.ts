/**
 * Latent semantic analysis of the catalogue: a truncated SVD of the idf-weighted item–term matrix.
 * Terms used in the same kinds of items get nearby vectors, so a query folded into the latent space
 * (the weighted sum of its terms' vectors) lands near items that share its topic, not only its words.
 */
import { Bm25fScorer } from './bm25f-scorer.js';
import type { InvertedIndex } from '../indexing/inverted-index.js';
import { randomizedSvd } from '../../math/randomized-svd.js';

/** LSA options. */
export interface LsaOptions {
  /** Latent dimensions (default 128). */
  dimension?: number;
  /** Terms in fewer items are left out (default 2: a single item says nothing about meaning). */
  minDocs?: number;
  /** Exponent of the singular values scaling term vectors: 0 projects, 1 weighs dimensions by σ (default 0). */
  scale?: number;
  /** Subspace iterations of the randomized SVD (default 3). */
  iterations?: number;
  /** Seed of the randomized SVD (default 1). */
  seed?: number;
  /** Drop this many leading dimensions (the first mostly encodes term frequency) (default 0). */
  skip?: number;
}

/** Term vectors: `vectors` holds `terms.length` rows of `dimension` floats. */
export interface TermVectors {
  /** Vector dimension. */
  dimension: number;
  /** Terms in row order. */
  terms: string[];
  /** Row-major vectors. */
  vectors: Float32Array;
}

/** Word terms (not adjacent pairs or head markers, which are index internals) in at least `minDocs` items. */
export function semanticTermIds(index: InvertedIndex, minDocs: number): Int32Array {
  const kept: number[] = [];
  index.terms.forEach((t, tid) => {
    if (index.docFreq(tid) >= minDocs && !t.includes(' ') && !t.startsWith('\u0001')) kept.push(tid);
  });
  return Int32Array.from(kept);
}

/** Learns LSA term vectors from the items currently in the index. */
export function trainLsa(index: InvertedIndex, options: LsaOptions = {}): TermVectors {
  const kept = semanticTermIds(index, options.minDocs ?? 2);
  const col = new Int32Array(index.terms.length).fill(-1);
  kept.forEach((tid, c) => (col[tid] = c));
  const n = index.size;
  const idf = Float32Array.from(kept, (tid) => Bm25fScorer.idf(n, index.docFreq(tid)));
  // Rows are items with their idf-weighted terms, L2-normalised so long titles do not dominate the spectrum.
  const indptr = new Int32Array(index.slotCount + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let slot = 0; slot < index.slotCount; slot++) {
    const start = indices.length;
    let norm = 0;
    for (const tid of index.termsOfSlot(slot) ?? []) {
      const c = col[tid]!;
      if (c < 0) continue;
      indices.push(c);
      values.push(idf[c]!);
      norm += idf[c]! * idf[c]!;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let p = start; p < values.length; p++) values[p] = values[p]! * inv;
    indptr[slot + 1] = indices.length;
  }
  const skip = options.skip ?? 0;
  const dim = options.dimension ?? 128;
  const svd = randomizedSvd(
    {
      rows: index.slotCount,
      cols: kept.length,
      indptr,
      indices: Int32Array.from(indices),
      values: Float32Array.from(values),
    },
    dim + skip,
    { iterations: options.iterations ?? 3, seed: options.seed ?? 1 },
  );
  const k = Math.max(0, svd.rank - skip);
  const scale = options.scale ?? 0;
  const vectors = new Float32Array(kept.length * k);
  for (let t = 0; t < kept.length; t++) {
    for (let d = 0; d < k; d++) {
      vectors[t * k + d] = svd.vectors[t * svd.rank + d + skip]! * svd.values[d + skip]! ** scale;
    }
  }
  return { dimension: k, terms: Array.from(kept, (tid) => index.terms[tid]!), vectors };
}
