/** Saving and loading model state that is one CSR matrix plus metadata. */
import { CsrMatrix } from './csr-matrix.js';
import { getArray, pack, unpack } from './pack.js';

/** Packs metadata together with a CSR matrix (its shape is stored alongside). */
export function packWithMatrix(meta: object, matrix: CsrMatrix): Uint8Array {
  return pack(
    { ...meta, rows: matrix.rows, cols: matrix.cols },
    { indptr: matrix.indptr, indices: matrix.indices, values: matrix.values },
  );
}

/** Reads what {@link packWithMatrix} wrote. */
export function unpackWithMatrix<M>(bytes: Uint8Array): { meta: M; matrix: CsrMatrix } {
  const { meta, arrays } = unpack<M & { rows: number; cols: number }>(bytes);
  const matrix = new CsrMatrix(
    meta.rows,
    meta.cols,
    getArray(arrays, 'indptr', Int32Array),
    getArray(arrays, 'indices', Int32Array),
    getArray(arrays, 'values', Float32Array),
  );
  return { meta, matrix };
}
