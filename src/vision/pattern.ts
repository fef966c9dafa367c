/**
 * Pattern of a product's surface from gradient statistics inside the product (its outline left out):
 * few edges → solid; edges mostly in one direction → striped; in two perpendicular directions → checked;
 * otherwise a print. A heuristic, reported with the figures behind it so callers can judge.
 */
import { toGrey } from './grey.js';

/** Pattern kinds, with their names in en and zh. */
export const PATTERNS = {
  solid: { en: 'solid', zh: '纯色' },
  striped: { en: 'striped', zh: '条纹' },
  checked: { en: 'checked', zh: '格纹' },
  printed: { en: 'printed', zh: '印花' },
} as const;

/** A pattern kind. */
export type PatternKind = keyof typeof PATTERNS;

/** The pattern and the figures it was read from. */
export interface PatternFeatures {
  kind: PatternKind;
  en: string;
  zh: string;
  /** Share of the product's inner pixels on a texture edge, 0–1. */
  edgeDensity: number;
  /** Share of edge strength per direction: horizontal, diagonal ↗, vertical, diagonal ↘ edges. */
  orientation: [number, number, number, number];
}

const EDGE = 40;
const BACKGROUND = 12;

/** Reads the pattern of an RGB image (`width × height × 3` bytes) on a plain background. */
export function patternFeatures(pixels: Uint8Array, width: number, height: number): PatternFeatures {
  const grey = toGrey(pixels, width, height);
  const background = borderMedian(grey, width, height);
  const off = productMask(grey, width, height, background);
  // Nothing stands out from the border: the whole picture is the surface (a fabric swatch).
  const all = off.every((v) => v === 0);
  const orientation = [0, 0, 0, 0];
  let inner = 0;
  let edges = 0;
  for (let y = 2; y < height - 2; y++) {
    for (let x = 2; x < width - 2; x++) {
      if (!all && !surrounded(off, width, x, y)) continue;
      inner++;
      const i = y * width + x;
      const gx =
        grey[i - width + 1]! +
        2 * grey[i + 1]! +
        grey[i + width + 1]! -
        grey[i - width - 1]! -
        2 * grey[i - 1]! -
        grey[i + width - 1]!;
      const gy =
        grey[i + width - 1]! +
        2 * grey[i + width]! +
        grey[i + width + 1]! -
        grey[i - width - 1]! -
        2 * grey[i - width]! -
        grey[i - width + 1]!;
      const magnitude = Math.hypot(gx, gy);
      if (magnitude < EDGE) continue;
      edges++;
      // Gradient direction folded to 0–180°, binned at 0/45/90/135 (gradient ⟂ edge: gy-dominant = horizontal edge).
      const angle = ((Math.atan2(gy, gx) * 180) / Math.PI + 180) % 180;
      const bin = Math.round(angle / 45) % 4;
      orientation[(bin + 2) % 4]! += magnitude;
    }
  }
  const total = orientation.reduce((a, b) => a + b, 0) || 1;
  const shares = orientation.map((o) => o / total) as [number, number, number, number];
  const edgeDensity = inner === 0 ? 0 : edges / inner;
  const kind = classify(edgeDensity, shares);
  return { kind, ...PATTERNS[kind], edgeDensity, orientation: shares };
}

function classify(edgeDensity: number, shares: [number, number, number, number]): PatternKind {
  if (edgeDensity < 0.06) return 'solid';
  const [h, d1, v, d2] = shares;
  const top = Math.max(h, d1, v, d2);
  if (top > 0.6) return 'striped';
  // Squares' corners add diagonal gradients, so a check holds about 3/4 of its strength in the two axes.
  const pair = (a: number, b: number): boolean => a + b > 0.65 && Math.min(a, b) >= 0.6 * Math.max(a, b);
  if (pair(h, v) || pair(d1, d2)) return 'checked';
  return 'printed';
}

/**
 * The product's area: pixels between the first and last off-background pixel of both their row and their
 * column. Stripes or checks in the background's colour stay inside the product this way.
 */
function productMask(grey: Float32Array, width: number, height: number, background: number): Uint8Array {
  const off = (i: number): boolean => Math.abs(grey[i]! - background) > BACKGROUND;
  const rowFirst = new Int32Array(height).fill(width);
  const rowLast = new Int32Array(height).fill(-1);
  const colFirst = new Int32Array(width).fill(height);
  const colLast = new Int32Array(width).fill(-1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!off(y * width + x)) continue;
      rowFirst[y] = Math.min(rowFirst[y]!, x);
      rowLast[y] = x;
      colFirst[x] = Math.min(colFirst[x]!, y);
      colLast[x] = y;
    }
  }
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // A row or column with nothing off-background (a stripe in the background's colour) does not bound.
      const inRow = rowLast[y]! < 0 || (x >= rowFirst[y]! && x <= rowLast[y]!);
      const inColumn = colLast[x]! < 0 || (y >= colFirst[x]! && y <= colLast[x]!);
      const inside = inRow && inColumn && rowLast[y]! + colLast[x]! > -2;
      mask[y * width + x] = inside ? 1 : 0;
    }
  }
  return mask;
}

/** Whether the 5×5 neighbourhood of (x, y) lies inside the product. */
function surrounded(off: Uint8Array, width: number, x: number, y: number): boolean {
  for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) if (!off[(y + dy) * width + x + dx]) return false;
  return true;
}

function borderMedian(grey: Float32Array, width: number, height: number): number {
  const border: number[] = [];
  for (let x = 0; x < width; x++) border.push(grey[x]!, grey[(height - 1) * width + x]!);
  for (let y = 1; y < height - 1; y++) border.push(grey[y * width]!, grey[y * width + width - 1]!);
  border.sort((a, b) => a - b);
  return border[border.length >> 1]!;
}
