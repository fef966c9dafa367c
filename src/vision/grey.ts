/** Greyscale conversion and area resampling of RGB pixel grids (inputs to pattern and hash features). */

/** Luma (Rec. 601) of an RGB grid, one float per pixel, 0–255. */
export function toGrey(pixels: Uint8Array, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) {
    out[i] = 0.299 * pixels[i * 3]! + 0.587 * pixels[i * 3 + 1]! + 0.114 * pixels[i * 3 + 2]!;
  }
  return out;
}

/** Resamples a grey grid to `size × size` by averaging the source area under each target pixel. */
export function resampleArea(grey: Float32Array, width: number, height: number, size: number): Float32Array {
  const out = new Float32Array(size * size);
  for (let ty = 0; ty < size; ty++) {
    const y0 = (ty * height) / size;
    const y1 = ((ty + 1) * height) / size;
    for (let tx = 0; tx < size; tx++) {
      const x0 = (tx * width) / size;
      const x1 = ((tx + 1) * width) / size;
      let sum = 0;
      let area = 0;
      for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
        const wy = Math.min(y + 1, y1) - Math.max(y, y0);
        for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
          const w = wy * (Math.min(x + 1, x1) - Math.max(x, x0));
          sum += w * grey[y * width + x]!;
          area += w;
        }
      }
      out[ty * size + tx] = sum / area;
    }
  }
  return out;
}
