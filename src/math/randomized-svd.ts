/**
 * Truncated SVD of a sparse matrix by randomized subspace iteration (Halko, Martinsson & Tropp 2011):
 * the top right singular vectors and values, without ever forming a dense copy of the matrix.
 * Pure and allocation-bounded: dense work matrices are column-major Float64Arrays.
 */

/** A sparse matrix in CSR form (row i holds `indices/values[indptr[i] .. indptr[i+1])`). */
export interface SparseRows {
  /** Number of rows. */
  rows: number;
  /** Number of columns. */
  cols: number;
  /** Row starts (length rows + 1). */
  indptr: Int32Array;
  /** Column of each entry. */
  indices: Int32Array;
  /** Value of each entry. */
  values: Float32Array;
}

/** Options of {@link randomizedSvd}. */
export interface RandomizedSvdOptions {
  /** Extra dimensions sampled beyond `rank`, for accuracy (default 10). */
  oversample?: number;
  /** Subspace (power) iterations; more sharpen the spectrum at one pass over the matrix each (default 3). */
  iterations?: number;
  /** Seed of the random start (default 1). */
  seed?: number;
}

/** The top singular triplets' right side: `vectors` is cols × rank, row-major; `values` descending. */
export interface TruncatedSvd {
  /** Rank kept. */
  rank: number;
  /** Singular values, largest first. */
  values: Float64Array;
  /** Right singular vectors, row-major (row c holds column c's coordinates). */
  vectors: Float64Array;
}

// xorshift32 plus Box–Muller: reproducible Gaussian starts on every machine.
function gaussian(seed: number): () => number {
  let s = seed >>> 0 || 1;
  const uniform = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 1) / 4294967297;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** out(:, j) = A · z(:, j) for every column j (z is cols × l, out rows × l, both column-major). */
function multiply(a: SparseRows, z: Float64Array, l: number, out: Float64Array): void {
  const { rows, cols, indptr, indices, values } = a;
  for (let j = 0; j < l; j++) {
    const zo = j * cols;
    const oo = j * rows;
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let p = indptr[r]!; p < indptr[r + 1]!; p++) s += values[p]! * z[zo + indices[p]!]!;
      out[oo + r] = s;
    }
  }
}

/** out(:, j) = Aᵀ · y(:, j) (y is rows × l, out cols × l). */
function multiplyTransposed(a: SparseRows, y: Float64Array, l: number, out: Float64Array): void {
  const { rows, cols, indptr, indices, values } = a;
  out.fill(0);
  for (let j = 0; j < l; j++) {
    const yo = j * rows;
    const oo = j * cols;
    for (let r = 0; r < rows; r++) {
      const v = y[yo + r]!;
      if (v === 0) continue;
      for (let p = indptr[r]!; p < indptr[r + 1]!; p++) {
        const at = oo + indices[p]!;
        out[at] = out[at]! + values[p]! * v;
      }
    }
  }
}

/** Orthonormalises the l columns of an m-row column-major matrix in place (modified Gram–Schmidt, `passes` times). */
function orthonormalize(z: Float64Array, m: number, l: number, passes: number): void {
  for (let pass = 0; pass < passes; pass++) {
    for (let j = 0; j < l; j++) {
      const oj = j * m;
      for (let i = 0; i < j; i++) {
        const oi = i * m;
        let d = 0;
        for (let r = 0; r < m; r++) d += z[oi + r]! * z[oj + r]!;
        for (let r = 0; r < m; r++) z[oj + r] = z[oj + r]! - d * z[oi + r]!;
      }
      let n = 0;
      for (let r = 0; r < m; r++) n += z[oj + r]! * z[oj + r]!;
      // A column that collapsed (rank below l) becomes zero rather than noise.
      const inv = n > 1e-24 ? 1 / Math.sqrt(n) : 0;
      for (let r = 0; r < m; r++) z[oj + r] = z[oj + r]! * inv;
    }
  }
}

/** Eigen-decomposition of a small symmetric matrix (row-major, l × l) by cyclic Jacobi; eigenvectors in columns. */
export function symmetricEigen(matrix: Float64Array, l: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) off += a[p * l + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * l + q]! - a[p * l + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < l; k++) {
          const akp = a[k * l + p]!;
          const akq = a[k * l + q]!;
          a[k * l + p] = c * akp - s * akq;
          a[k * l + q] = s * akp + c * akq;
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k]!;
          const aqk = a[q * l + k]!;
          a[p * l + k] = c * apk - s * aqk;
          a[q * l + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p]!;
          const vkq = v[k * l + q]!;
          v[k * l + p] = c * vkp - s * vkq;
          v[k * l + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(l);
  for (let i = 0; i < l; i++) values[i] = a[i * l + i]!;
  return { values, vectors: v };
}

/**
 * The top `rank` right singular vectors and values of A. Subspace iteration runs on the column side
 * (Z ← orth(Aᵀ A Z)), then Rayleigh–Ritz on (AZ)ᵀ(AZ) rotates the basis onto singular directions.
 */
export function randomizedSvd(a: SparseRows, rank: number, options: RandomizedSvdOptions = {}): TruncatedSvd {
  const m = a.cols;
  const n = a.rows;
  const l = Math.min(m, n, rank + (options.oversample ?? 10));
  const k = Math.min(rank, l);
  const normal = gaussian(options.seed ?? 1);
  // A Gaussian start is well conditioned: no orthonormalisation before the first product.
  const z = new Float64Array(m * l);
  for (let i = 0; i < z.length; i++) z[i] = normal();
  const y = new Float64Array(n * l);
  const iterations = Math.max(1, options.iterations ?? 3);
  for (let it = 0; it < iterations; it++) {
    multiply(a, z, l, y);
    multiplyTransposed(a, y, l, z);
    // One Gram–Schmidt pass keeps the iteration from collapsing; the basis used below gets a second.
    orthonormalize(z, m, l, it === iterations - 1 ? 2 : 1);
  }
  // G = Zᵀ(AᵀA Z) = (AZ)ᵀ(AZ): its eigenvectors rotate Z onto right singular vectors, eigenvalues are σ².
  // Formed on the column side (m < n for a catalogue), which is cheaper than the Gram of AZ.
  multiply(a, z, l, y);
  const w = new Float64Array(m * l);
  multiplyTransposed(a, y, l, w);
  const g = new Float64Array(l * l);
  for (let i = 0; i < l; i++) {
    for (let j = i; j < l; j++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += z[i * m + r]! * w[j * m + r]!;
      g[i * l + j] = s;
      g[j * l + i] = s;
    }
  }
  const eig = symmetricEigen(g, l);
  const order = [...eig.values.keys()].sort((p, q) => eig.values[q]! - eig.values[p]!).slice(0, k);
  const values = new Float64Array(k);
  const vectors = new Float64Array(m * k);
  order.forEach((e, col) => {
    values[col] = Math.sqrt(Math.max(0, eig.values[e]!));
    for (let i = 0; i < l; i++) {
      const w = eig.vectors[i * l + e]!;
      if (w === 0) continue;
      for (let r = 0; r < m; r++) vectors[r * k + col] = vectors[r * k + col]! + w * z[i * m + r]!;
    }
  });
  return { rank: k, values, vectors };
}
