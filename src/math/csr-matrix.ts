/** Compressed sparse row matrix over typed arrays, built from COO triplets. */

/** A CSR matrix: row i occupies `indices/values[indptr[i] .. indptr[i+1])`, columns sorted ascending. */
export class CsrMatrix {
  constructor(
    readonly rows: number,
    readonly cols: number,
    readonly indptr: Int32Array,
    readonly indices: Int32Array,
    readonly values: Float32Array,
  ) {}

  /** Builds from COO triplets; duplicate (row, col) entries are summed. */
  static fromCoo(
    rows: number,
    cols: number,
    r: ArrayLike<number>,
    c: ArrayLike<number>,
    v?: ArrayLike<number>,
  ): CsrMatrix {
    const n = r.length;
    const counts = new Int32Array(rows + 1);
    for (let k = 0; k < n; k++) counts[r[k]! + 1]!++;
    for (let i = 0; i < rows; i++) counts[i + 1]! += counts[i]!;
    const cursor = counts.slice(0, rows);
    const idx = new Int32Array(n);
    const val = new Float32Array(n);
    for (let k = 0; k < n; k++) {
      const p = cursor[r[k]!]!++;
      idx[p] = c[k]!;
      val[p] = v ? v[k]! : 1;
    }
    return sortAndMerge(rows, cols, counts, idx, val);
  }

  /** Number of stored entries. */
  get nnz(): number {
    return this.indptr[this.rows]!;
  }

  /** Stored entries in row i. */
  rowLength(i: number): number {
    return this.indptr[i + 1]! - this.indptr[i]!;
  }

  /** The value at (i, j), 0 when absent (binary search in the row). */
  get(i: number, j: number): number {
    let lo = this.indptr[i]!;
    let hi = this.indptr[i + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const col = this.indices[mid]!;
      if (col === j) return this.values[mid]!;
      if (col < j) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /** The transpose, in CSR form (so it is the CSC form of this matrix). */
  transpose(): CsrMatrix {
    const nnz = this.nnz;
    const counts = new Int32Array(this.cols + 1);
    for (let k = 0; k < nnz; k++) counts[this.indices[k]! + 1]!++;
    for (let j = 0; j < this.cols; j++) counts[j + 1]! += counts[j]!;
    const cursor = counts.slice(0, this.cols);
    const idx = new Int32Array(nnz);
    const val = new Float32Array(nnz);
    // Walking rows in order keeps the output columns sorted without a sort pass.
    for (let i = 0; i < this.rows; i++) {
      for (let k = this.indptr[i]!; k < this.indptr[i + 1]!; k++) {
        const p = cursor[this.indices[k]!]!++;
        idx[p] = i;
        val[p] = this.values[k]!;
      }
    }
    return new CsrMatrix(this.cols, this.rows, counts, idx, val);
  }

  /** Adds `scale * row i` into a dense vector. */
  addRowTo(i: number, scale: number, out: Float32Array | Float64Array): void {
    const end = this.indptr[i + 1]!;
    for (let k = this.indptr[i]!; k < end; k++) out[this.indices[k]!]! += scale * this.values[k]!;
  }
}

/** Sorts each row by column and sums duplicates, compacting the arrays. */
function sortAndMerge(rows: number, cols: number, ptr: Int32Array, idx: Int32Array, val: Float32Array): CsrMatrix {
  const outPtr = new Int32Array(rows + 1);
  let w = 0;
  let order = new Int32Array(16);
  for (let i = 0; i < rows; i++) {
    const start = ptr[i]!;
    const end = ptr[i + 1]!;
    const len = end - start;
    if (order.length < len) order = new Int32Array(len * 2);
    let sorted = true;
    for (let k = start + 1; k < end; k++) if (idx[k - 1]! > idx[k]!) sorted = false;
    if (!sorted) {
      const o = order.subarray(0, len);
      for (let k = 0; k < len; k++) o[k] = start + k;
      o.sort((a, b) => idx[a]! - idx[b]!);
      const ci = Int32Array.from(o, (p) => idx[p]!);
      const cv = Float32Array.from(o, (p) => val[p]!);
      idx.set(ci, start);
      val.set(cv, start);
    }
    for (let k = start; k < end; k++) {
      if (w > outPtr[i]! && idx[w - 1] === idx[k]) val[w - 1]! += val[k]!;
      else {
        idx[w] = idx[k]!;
        val[w] = val[k]!;
        w++;
      }
    }
    outPtr[i + 1] = w;
  }
  return new CsrMatrix(rows, cols, outPtr, idx.slice(0, w), val.slice(0, w));
}
