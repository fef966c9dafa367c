/**
 * Dominant colours of a product photo: k-means over the pixels in L*a*b*, background left out, each
 * cluster named (zh/en) and weighted by its share of the product's pixels.
 */
import { nameColour } from './colour-names.js';
import { hex, labDistance2, labToRgb, rgbToLab, type Lab } from './lab.js';

/** One dominant colour. */
export interface DominantColour {
  /** Named-colour key (e.g. 'navy'). */
  key: string;
  en: string;
  zh: string;
  /** The cluster's mean colour, `#rrggbb`. */
  hex: string;
  /** Share of the product's pixels, 0–1. */
  share: number;
}

/** Options for {@link dominantColours}. */
export interface DominantColourOptions {
  /** Clusters to fit (more than the colours reported, so shading does not merge distinct colours). */
  clusters?: number;
  /** Colours reported at most. */
  max?: number;
  /** Colours with a smaller share of the product are left out. */
  minShare?: number;
  iterations?: number;
}

// Studio shots sit on white or near-white; pixels that close to the border colour are background.
const BACKGROUND_DISTANCE2 = 12 * 12;

/**
 * The dominant colours of an RGB image (`width × height × 3` bytes), largest share first. The background
 * is the colour of the border pixels; pixels close to it are ignored (unless that leaves almost nothing,
 * as for a plain swatch). Deterministic: centres start from evenly spaced pixels in lightness order.
 */
export function dominantColours(
  pixels: Uint8Array,
  width: number,
  height: number,
  options: DominantColourOptions = {},
): DominantColour[] {
  const clusters = options.clusters ?? 6;
  const max = options.max ?? 3;
  const minShare = options.minShare ?? 0.08;
  const iterations = options.iterations ?? 12;
  const n = width * height;
  if (n === 0) return [];
  const labs = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    const lab = rgbToLab(pixels[i * 3]!, pixels[i * 3 + 1]!, pixels[i * 3 + 2]!);
    labs[i * 3] = lab[0];
    labs[i * 3 + 1] = lab[1];
    labs[i * 3 + 2] = lab[2];
  }
  const background = borderColour(labs, width, height);
  let keep: number[] = [];
  for (let i = 0; i < n; i++) if (distanceTo(labs, i, background) > BACKGROUND_DISTANCE2) keep.push(i);
  if (keep.length < n * 0.02) keep = Array.from({ length: n }, (_, i) => i);
  const centres = kMeans(labs, keep, Math.min(clusters, keep.length), iterations);
  // Merge clusters that get the same name: shading splits one garment colour into several clusters.
  const byName = new Map<string, { lab: Lab; count: number; key: string; en: string; zh: string }>();
  for (const c of centres) {
    if (c.count === 0) continue;
    const named = nameColour(c.lab);
    const prev = byName.get(named.key);
    if (!prev) byName.set(named.key, { lab: c.lab, count: c.count, key: named.key, en: named.en, zh: named.zh });
    else {
      const t = prev.count + c.count;
      prev.lab = [0, 1, 2].map((d) => (prev.lab[d]! * prev.count + c.lab[d]! * c.count) / t) as Lab;
      prev.count = t;
    }
  }
  return [...byName.values()]
    .map((c) => ({ key: c.key, en: c.en, zh: c.zh, hex: hex(...labToRgb(c.lab)), share: c.count / keep.length }))
    .filter((c) => c.share >= minShare)
    .sort((a, b) => b.share - a.share || a.key.localeCompare(b.key))
    .slice(0, max);
}

function distanceTo(labs: Float64Array, i: number, c: Lab): number {
  return labDistance2([labs[i * 3]!, labs[i * 3 + 1]!, labs[i * 3 + 2]!], c);
}

/** The median colour of the one-pixel border, channel by channel (robust to a product touching the edge). */
function borderColour(labs: Float64Array, width: number, height: number): Lab {
  const border: number[] = [];
  for (let x = 0; x < width; x++) border.push(x, (height - 1) * width + x);
  for (let y = 1; y < height - 1; y++) border.push(y * width, y * width + width - 1);
  const median = (d: number): number => {
    const v = border.map((i) => labs[i * 3 + d]!).sort((a, b) => a - b);
    return v[v.length >> 1]!;
  };
  return [median(0), median(1), median(2)];
}

/** Lloyd's k-means over the kept pixels; returns centres with their member counts. */
function kMeans(labs: Float64Array, keep: number[], k: number, iterations: number): { lab: Lab; count: number }[] {
  if (k === 0) return [];
  const order = [...keep].sort((a, b) => labs[a * 3]! - labs[b * 3]! || a - b);
  const centres = new Float64Array(k * 3);
  for (let c = 0; c < k; c++) {
    const p = order[Math.floor(((c + 0.5) * order.length) / k)]!;
    centres.set(labs.subarray(p * 3, p * 3 + 3), c * 3);
  }
  const assign = new Int32Array(keep.length);
  const sums = new Float64Array(k * 3);
  const counts = new Int32Array(k);
  for (let it = 0; it < iterations; it++) {
    sums.fill(0);
    counts.fill(0);
    let moved = 0;
    for (let j = 0; j < keep.length; j++) {
      const i = keep[j]! * 3;
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const dl = labs[i]! - centres[c * 3]!;
        const da = labs[i + 1]! - centres[c * 3 + 1]!;
        const db = labs[i + 2]! - centres[c * 3 + 2]!;
        const d = dl * dl + da * da + db * db;
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      if (assign[j] !== best) moved++;
      assign[j] = best;
      counts[best]!++;
      sums[best * 3]! += labs[i]!;
      sums[best * 3 + 1]! += labs[i + 1]!;
      sums[best * 3 + 2]! += labs[i + 2]!;
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      for (let d = 0; d < 3; d++) centres[c * 3 + d] = sums[c * 3 + d]! / counts[c]!;
    }
    if (moved === 0 && it > 0) break;
  }
  return Array.from({ length: k }, (_, c) => ({
    lab: [centres[c * 3]!, centres[c * 3 + 1]!, centres[c * 3 + 2]!] as Lab,
    count: counts[c]!,
  }));
}
