/**
 * An inverted-file (IVF) index for nearest-neighbour search over unit-length embeddings (cosine = dot):
 * spherical k-means splits the vectors into `lists`; a query scans only the `probe` lists whose centres
 * are nearest, then ranks those vectors exactly. About √n lists keeps both steps small.
 */
import { topK, type TopK } from './top-k.js';

/** Options for {@link IvfIndex.build}. */
export interface IvfBuildOptions {
  /** Number of lists; default ≈ √n (1 below 2,000 vectors: an exact scan is as fast there). */
  lists?: number;
  /** Vectors used to fit the list centres (the rest are only assigned). */
  sample?: number;
  iterations?: number;
  seed?: number;
}

/** The index's state, as stored. */
export interface SerializedIvfIndex {
  dim: number;
  lists: number;
  centres: Float32Array;
  /** Start of each list in `vectors`/`rows`; `lists + 1` entries. */
  offsets: Int32Array;
  /** Row number (position in the input) of each stored vector. */
  rows: Int32Array;
  vectors: Float32Array;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function dot(a: Float32Array, ai: number, b: Float32Array, bi: number, dim: number): number {
  let s = 0;
  for (let d = 0; d < dim; d++) s += a[ai + d]! * b[bi + d]!;
  return s;
}

/** Nearest-neighbour search over unit vectors. */
export class IvfIndex {
  private constructor(private readonly state: SerializedIvfIndex) {}

  /** Number of vectors indexed. */
  get size(): number {
    return this.state.rows.length;
  }

  /** Number of lists. */
  get lists(): number {
    return this.state.lists;
  }

  /** Indexes `n` row vectors of length `dim` stored one after another in `vectors` (already unit length). */
  static build(vectors: Float32Array, dim: number, options: IvfBuildOptions = {}): IvfIndex {
    const n = Math.floor(vectors.length / dim);
    const lists = Math.max(1, Math.min(n, options.lists ?? (n < 2000 ? 1 : Math.round(Math.sqrt(n)))));
    const random = seeded(options.seed ?? 20);
    const centres = new Float32Array(lists * dim);
    if (lists > 1) fitCentres(vectors, n, dim, lists, centres, random, options);
    const assignment = new Int32Array(n);
    const counts = new Int32Array(lists + 1);
    for (let i = 0; i < n; i++) {
      const list = lists === 1 ? 0 : nearestCentre(vectors, i * dim, centres, lists, dim);
      assignment[i] = list;
      counts[list + 1]!++;
    }
    const offsets = new Int32Array(lists + 1);
    for (let l = 0; l < lists; l++) offsets[l + 1] = offsets[l]! + counts[l + 1]!;
    const fill = offsets.slice(0, lists);
    const rows = new Int32Array(n);
    const stored = new Float32Array(n * dim);
    for (let i = 0; i < n; i++) {
      const at = fill[assignment[i]!]!++;
      rows[at] = i;
      stored.set(vectors.subarray(i * dim, (i + 1) * dim), at * dim);
    }
    return new IvfIndex({ dim, lists, centres, offsets, rows, vectors: stored });
  }

  /** Restores an index from {@link serialize}'s output. */
  static deserialize(state: SerializedIvfIndex): IvfIndex {
    return new IvfIndex(state);
  }

  /** The index's state (typed arrays shared, not copied). */
  serialize(): SerializedIvfIndex {
    return this.state;
  }

  /**
   * The k rows most similar to `query` (unit length), best first, scanning the `probe` nearest lists
   * (default: enough lists for about 8% of the vectors, at least 4); `exclude` drops rows (e.g. the query's own).
   */
  search(query: Float32Array, k: number, options: { probe?: number; exclude?: (row: number) => boolean } = {}): TopK {
    const { dim, lists, centres, offsets, rows, vectors } = this.state;
    const probe = Math.min(lists, options.probe ?? Math.max(4, Math.ceil(lists * 0.08)));
    let chosen: ArrayLike<number>;
    if (probe >= lists) chosen = Array.from({ length: lists }, (_, l) => l);
    else {
      const centreScores = new Float32Array(lists);
      for (let l = 0; l < lists; l++) centreScores[l] = dot(query, 0, centres, l * dim, dim);
      chosen = topK(centreScores, probe).indices;
    }
    let total = 0;
    for (let c = 0; c < chosen.length; c++) total += offsets[chosen[c]! + 1]! - offsets[chosen[c]!]!;
    const scores = new Float32Array(total);
    const candidates = new Int32Array(total);
    let p = 0;
    for (let c = 0; c < chosen.length; c++) {
      const l = chosen[c]!;
      for (let at = offsets[l]!; at < offsets[l + 1]!; at++) {
        const row = rows[at]!;
        candidates[p] = row;
        scores[p++] = options.exclude?.(row) ? -Infinity : dot(query, 0, vectors, at * dim, dim);
      }
    }
    const best = topK(scores, k);
    return { indices: best.indices.map((i) => candidates[i]!), scores: best.scores };
  }
}

function nearestCentre(vectors: Float32Array, at: number, centres: Float32Array, lists: number, dim: number): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let l = 0; l < lists; l++) {
    const s = dot(vectors, at, centres, l * dim, dim);
    if (s > bestScore) {
      bestScore = s;
      best = l;
    }
  }
  return best;
}

/** Spherical k-means on a sample: centres start at distinct random sample vectors and stay unit length. */
function fitCentres(
  vectors: Float32Array,
  n: number,
  dim: number,
  lists: number,
  centres: Float32Array,
  random: () => number,
  options: IvfBuildOptions,
): void {
  const sampleSize = Math.min(n, options.sample ?? Math.max(lists * 40, 10_000));
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < sampleSize; i++) {
    const j = i + Math.floor(random() * (n - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const sample = order.slice(0, sampleSize);
  for (let l = 0; l < lists; l++) centres.set(vectors.subarray(sample[l]! * dim, (sample[l]! + 1) * dim), l * dim);
  const sums = new Float64Array(lists * dim);
  const counts = new Int32Array(lists);
  for (let it = 0; it < (options.iterations ?? 10); it++) {
    sums.fill(0);
    counts.fill(0);
    for (const i of sample) {
      const l = nearestCentre(vectors, i * dim, centres, lists, dim);
      counts[l]!++;
      for (let d = 0; d < dim; d++) sums[l * dim + d]! += vectors[i * dim + d]!;
    }
    for (let l = 0; l < lists; l++) {
      // An empty list keeps its centre (a sample vector), so every list stays reachable.
      if (counts[l] === 0) continue;
      let norm = 0;
      for (let d = 0; d < dim; d++) norm += sums[l * dim + d]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dim; d++) centres[l * dim + d] = sums[l * dim + d]! / norm;
    }
  }
}

/** An index's lists without its vectors, for a caller that keeps the vectors in row order itself. */
export type IvfLists = Omit<SerializedIvfIndex, 'vectors'>;

/**
 * Rows of the lists whose centres are nearest `query` (unit length), nearest list first, until at least
 * `minRows` rows are taken (or every list): what a search through `lists` scans.
 */
export function nearestListRows(lists: IvfLists, query: Float32Array, minRows: number): Int32Array {
  const { dim, centres, offsets, rows } = lists;
  const order = Array.from({ length: lists.lists }, (_, l) => l);
  const score = new Float32Array(lists.lists);
  for (let l = 0; l < lists.lists; l++) score[l] = dot(query, 0, centres, l * dim, dim);
  order.sort((a, b) => score[b]! - score[a]!);
  let taken = 0;
  let used = 0;
  while (used < order.length && taken < minRows) {
    const l = order[used++]!;
    taken += offsets[l + 1]! - offsets[l]!;
  }
  const out = new Int32Array(taken);
  let p = 0;
  for (let u = 0; u < used; u++) {
    const l = order[u]!;
    out.set(rows.subarray(offsets[l], offsets[l + 1]), p);
    p += offsets[l + 1]! - offsets[l]!;
  }
  return out;
}
