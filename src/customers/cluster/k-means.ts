/** Seeded k-means++ on a row-major Float64Array, allocation-free inside the iterations. */
import type { Random } from '../../math/random.js';

/** The result of one k-means run. */
export interface KMeansResult {
  k: number;
  /** Row-major k × d centroids. */
  centroids: Float64Array;
  labels: Int32Array;
  /** Sum of squared distances to the assigned centroid. */
  inertia: number;
  iterations: number;
}

function squaredDistance(a: Float64Array, ai: number, b: Float64Array, bi: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const diff = a[ai + j]! - b[bi + j]!;
    s += diff * diff;
  }
  return s;
}

/** k-means++ seeding (D² sampling) followed by Lloyd iterations until assignments settle. */
export function kMeans(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  random: Random,
  maxIterations = 50,
): KMeansResult {
  if (n < k) throw new RangeError(`k-means needs at least k = ${k} points, got ${n}`);
  const centroids = new Float64Array(k * d);
  const nearest = new Float64Array(n).fill(Infinity);
  let pick = Math.floor(random() * n);
  for (let c = 0; c < k; c++) {
    centroids.set(data.subarray(pick * d, pick * d + d), c * d);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const dist = squaredDistance(data, i * d, centroids, c * d, d);
      if (dist < nearest[i]!) nearest[i] = dist;
      total += nearest[i]!;
    }
    if (c + 1 === k) break;
    let target = random() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      target -= nearest[i]!;
      if (target <= 0) {
        pick = i;
        break;
      }
    }
  }
  const labels = new Int32Array(n).fill(-1);
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  let inertia = 0;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let changed = 0;
    inertia = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDist = Infinity;
      for (let c = 0; c < k; c++) {
        const dist = squaredDistance(data, i * d, centroids, c * d, d);
        if (dist < bestDist) {
          bestDist = dist;
          best = c;
        }
      }
      if (labels[i] !== best) changed++;
      labels[i] = best;
      inertia += bestDist;
    }
    if (changed === 0) break;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      counts[c]!++;
      for (let j = 0; j < d; j++) sums[c * d + j]! += data[i * d + j]!;
    }
    for (let c = 0; c < k; c++) {
      // An emptied cluster keeps its old centroid rather than collapsing to the origin.
      if (counts[c]! > 0) for (let j = 0; j < d; j++) centroids[c * d + j] = sums[c * d + j]! / counts[c]!;
    }
  }
  return { k, centroids, labels, inertia, iterations };
}

/** Mean silhouette of the points `sample` (indices) under `labels`; distances only among sampled points. */
export function silhouette(data: Float64Array, d: number, labels: Int32Array, k: number, sample: Int32Array): number {
  const m = sample.length;
  const sums = new Float64Array(k);
  const counts = new Int32Array(k);
  let total = 0;
  let used = 0;
  for (let a = 0; a < m; a++) {
    const i = sample[a]!;
    sums.fill(0);
    counts.fill(0);
    for (let b = 0; b < m; b++) {
      if (a === b) continue;
      const j = sample[b]!;
      const c = labels[j]!;
      sums[c]! += Math.sqrt(squaredDistance(data, i * d, data, j * d, d));
      counts[c]!++;
    }
    const own = labels[i]!;
    if (counts[own]! === 0) continue;
    const inside = sums[own]! / counts[own]!;
    let outside = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && counts[c]! > 0) outside = Math.min(outside, sums[c]! / counts[c]!);
    if (!Number.isFinite(outside)) continue;
    total += (outside - inside) / Math.max(inside, outside, 1e-12);
    used++;
  }
  return used > 0 ? total / used : 0;
}
