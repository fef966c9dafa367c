/** Small dense vector helpers over typed arrays. */

/** Dot product of a[ao..ao+n) and b[bo..bo+n). */
export function dot(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number, n: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += a[ao + k]! * b[bo + k]!;
  return s;
}

/** Scales a vector in place so its largest absolute entry among `active` is 1 (no-op when all zero). */
export function maxNormalize(v: Float32Array, active?: ArrayLike<number>): void {
  let m = 0;
  if (active) for (let p = 0; p < active.length; p++) m = Math.max(m, Math.abs(v[active[p]!]!));
  else for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  if (m === 0) return;
  const inv = 1 / m;
  for (let i = 0; i < v.length; i++) v[i]! *= inv;
}
