/** Small synthetic product photos for tests: a garment-shaped block on white, in a colour and a pattern. */

/** An RGB image as the vision code takes it. */
export interface TestImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** How the block is painted at (x, y): returns an RGB triple. */
export type Paint = (x: number, y: number) => [number, number, number];

/** A `size × size` white image with a block covering the middle (margin `size / 6`) painted by `paint`. */
export function productImage(size: number, paint: Paint): TestImage {
  const data = new Uint8Array(size * size * 3).fill(255);
  const m = Math.floor(size / 6);
  for (let y = m; y < size - m; y++) {
    for (let x = m; x < size - m; x++) {
      const [r, g, b] = paint(x, y);
      data.set([r, g, b], (y * size + x) * 3);
    }
  }
  return { width: size, height: size, data };
}

/** A solid colour. */
export const solid =
  (rgb: [number, number, number]): Paint =>
  () =>
    rgb;

/** Horizontal stripes of two colours, `period` pixels each. */
export const stripes =
  (a: [number, number, number], b: [number, number, number], period: number): Paint =>
  (_x, y) =>
    Math.floor(y / period) % 2 === 0 ? a : b;

/** A checkerboard of two colours with `period`-pixel squares. */
export const checks =
  (a: [number, number, number], b: [number, number, number], period: number): Paint =>
  (x, y) =>
    (Math.floor(x / period) + Math.floor(y / period)) % 2 === 0 ? a : b;

/** Seeded speckles in a range of colours (a busy print). */
export function speckles(seed: number): Paint {
  return (x, y) => {
    let h = (x * 374761393 + y * 668265263 + seed * 2246822519) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 1274126177) >>> 0;
    return [h & 255, (h >>> 8) & 255, (h >>> 16) & 255];
  };
}
