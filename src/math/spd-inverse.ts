/** In-place inverse of a dense symmetric positive definite matrix. */

/**
 * Gauss–Jordan elimination without pivoting (safe for SPD matrices), row-major n×n, in place.
 * About n³ multiply-adds over contiguous rows, which is what JS engines run fastest.
 */
export function invertSpdInPlace(a: Float64Array, n: number): void {
  if (a.length < n * n) throw new Error('matrix buffer too small');
  for (let k = 0; k < n; k++) {
    const rk = k * n;
    const pivot = a[rk + k]!;
    if (!(pivot > 0)) throw new Error(`matrix is not positive definite (pivot ${k} = ${pivot})`);
    const inv = 1 / pivot;
    a[rk + k] = 1;
    for (let j = 0; j < n; j++) a[rk + j]! *= inv;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const ri = i * n;
      const f = a[ri + k]!;
      if (f === 0) continue;
      a[ri + k] = 0;
      for (let j = 0; j < n; j++) a[ri + j]! -= f * a[rk + j]!;
    }
  }
}
