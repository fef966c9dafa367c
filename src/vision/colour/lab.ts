/** sRGB ↔ CIE L*a*b* (D65), the space where Euclidean distance tracks perceived colour difference. */

/** A colour in L*a*b*: lightness 0–100, a* green–red, b* blue–yellow. */
export type Lab = [number, number, number];

// Lookup from an 8-bit sRGB channel to linear light, computed once (the hot loop converts every pixel).
const LINEAR = new Float64Array(256);
for (let v = 0; v < 256; v++) {
  const c = v / 255;
  LINEAR[v] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

const XN = 0.95047;
const ZN = 1.08883;
const EPS = 216 / 24389;
const KAPPA = 24389 / 27;

function f(t: number): number {
  return t > EPS ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}

/** Converts one 8-bit sRGB colour to L*a*b*. */
export function rgbToLab(r: number, g: number, b: number): Lab {
  const lr = LINEAR[r & 255]!;
  const lg = LINEAR[g & 255]!;
  const lb = LINEAR[b & 255]!;
  const x = (0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / XN;
  const y = 0.2126729 * lr + 0.7151522 * lg + 0.072175 * lb;
  const z = (0.0193339 * lr + 0.119192 * lg + 0.9503041 * lb) / ZN;
  const fx = f(x);
  const fy = f(y);
  const fz = f(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

function finv(t: number): number {
  const t3 = t * t * t;
  return t3 > EPS ? t3 : (116 * t - 16) / KAPPA;
}

function toByte(linear: number): number {
  const c = linear <= 0.0031308 ? 12.92 * linear : 1.055 * linear ** (1 / 2.4) - 0.055;
  return Math.max(0, Math.min(255, Math.round(c * 255)));
}

/** Converts L*a*b* back to 8-bit sRGB (clipped to the gamut). */
export function labToRgb([l, a, bb]: Lab): [number, number, number] {
  const fy = (l + 16) / 116;
  const x = finv(fy + a / 500) * XN;
  const y = finv(fy);
  const z = finv(fy - bb / 200) * ZN;
  const r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
  const g = -0.969266 * x + 1.8760108 * y + 0.041556 * z;
  const b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
  return [toByte(r), toByte(g), toByte(b)];
}

/** Squared Euclidean distance between two Lab colours (ΔE76²). */
export function labDistance2(p: Lab, q: Lab): number {
  const dl = p[0] - q[0];
  const da = p[1] - q[1];
  const db = p[2] - q[2];
  return dl * dl + da * da + db * db;
}

/** `#rrggbb` for an sRGB colour. */
export function hex(r: number, g: number, b: number): string {
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}
