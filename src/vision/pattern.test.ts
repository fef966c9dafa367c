import { describe, expect, it } from 'vitest';
import { patternFeatures } from './pattern.js';
import { checks, productImage, solid, speckles, stripes } from './test-images.test-data.js';

describe('patternFeatures', () => {
  const read = (image: ReturnType<typeof productImage>) => patternFeatures(image.data, image.width, image.height);

  it('reads a plain garment as solid, however its outline is drawn', () => {
    expect(read(productImage(64, solid([40, 90, 200])))).toMatchObject({ kind: 'solid', zh: '纯色' });
  });

  it('reads horizontal stripes as striped, with the horizontal direction dominant', () => {
    const p = read(productImage(64, stripes([20, 20, 22], [245, 245, 242], 3)));
    expect(p.kind).toBe('striped');
    expect(p.orientation[0]).toBeGreaterThan(0.9);
  });

  it('reads a checkerboard as checked', () => {
    expect(read(productImage(64, checks([200, 30, 40], [245, 245, 242], 4))).kind).toBe('checked');
  });

  it('reads random speckles as a print', () => {
    expect(read(productImage(64, speckles(3))).kind).toBe('printed');
  });
});
