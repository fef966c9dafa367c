/**
 * Perceptual hash (pHash) for near-duplicate photos: the signs of the lowest 8×8 DCT frequencies of a
 * 32×32 greyscale thumbnail against their median. Re-encoding, resizing and small edits flip few bits;
 * different photos differ in about half of the 64.
 */
import { resampleArea, toGrey } from './grey.js';

const N = 32;
// DCT-II basis, rows u = 0..7 over x = 0..31: only the low frequencies are needed.
const BASIS = new Float64Array(8 * N);
for (let u = 0; u < 8; u++)
  for (let x = 0; x < N; x++) BASIS[u * N + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * N));

/** The 64-bit perceptual hash of an RGB image, as 16 hex digits. */
export function perceptualHash(pixels: Uint8Array, width: number, height: number): string {
  const small = resampleArea(toGrey(pixels, width, height), width, height, N);
  // Separable DCT: rows first (32 rows × 8 frequencies), then columns.
  const rows = new Float64Array(N * 8);
  for (let y = 0; y < N; y++) {
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let x = 0; x < N; x++) s += small[y * N + x]! * BASIS[u * N + x]!;
      rows[y * 8 + u] = s;
    }
  }
  const coefficients = new Float64Array(64);
  for (let v = 0; v < 8; v++) {
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let y = 0; y < N; y++) s += rows[y * 8 + u]! * BASIS[v * N + y]!;
      coefficients[v * 8 + u] = s;
    }
  }
  // The DC term (overall brightness) is left out of the median so a brighter copy hashes alike.
  const median = [...coefficients.subarray(1)].sort((a, b) => a - b)[31]!;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 64; i++) {
    const bit = coefficients[i]! > median ? 1 : 0;
    if (i < 32) hi = ((hi << 1) | bit) >>> 0;
    else lo = ((lo << 1) | bit) >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Number of differing bits between two hashes from {@link perceptualHash}. */
export function hammingDistance(a: string, b: string): number {
  return (
    popcount((parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) >>> 0) +
    popcount((parseInt(a.slice(8), 16) ^ parseInt(b.slice(8), 16)) >>> 0)
  );
}
