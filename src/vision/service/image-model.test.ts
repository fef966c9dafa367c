import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/index.js';
import { checks, productImage, solid, stripes } from '../test-images.test-data.js';
import { decodeSquare } from './decode-image.js';
import { ImageModel } from './image-model.js';

/** PNG bytes of a test image, so decoding runs as it does for real uploads. */
async function png(image: ReturnType<typeof productImage>): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 3 } })
      .png()
      .toBuffer(),
  );
}

describe('decodeSquare', () => {
  it('letterboxes a wide image onto white at the asked size', async () => {
    const wide = await sharp({ create: { width: 80, height: 40, channels: 3, background: { r: 200, g: 30, b: 40 } } })
      .jpeg()
      .toBuffer();
    const image = await decodeSquare(wide, 16);
    expect([image.width, image.height, image.data.length]).toEqual([16, 16, 16 * 16 * 3]);
    expect([...image.data.subarray(0, 3)]).toEqual([255, 255, 255]); // top row: letterbox
    const middle = (8 * 16 + 8) * 3;
    expect(image.data[middle]).toBeGreaterThan(150);
    expect(image.data[middle + 1]).toBeLessThan(80);
  });

  it('rejects bytes that are not an image, naming the field', async () => {
    await expect(decodeSquare(new TextEncoder().encode('not an image'), 16, 'photo')).rejects.toThrow(ValidationError);
    await expect(decodeSquare(new TextEncoder().encode('not an image'), 16, 'photo')).rejects.toThrow(/photo/);
  });
});

describe('the shipped image model', () => {
  let model: ImageModel;
  let again: ImageModel;
  const images = [
    productImage(80, solid([200, 30, 40])),
    productImage(80, stripes([25, 35, 80], [245, 245, 242], 4)),
    productImage(80, checks([20, 20, 22], [245, 210, 40], 6)),
  ];

  beforeAll(async () => {
    model = await ImageModel.load();
    again = await ImageModel.load();
  });
  afterAll(async () => {
    await model.close();
    await again.close();
  });

  it('loads with its spec: input size and ten clothing labels', () => {
    expect(model.spec.labels).toHaveLength(10);
    expect(model.spec.labels).toContain('t-shirt');
    expect(model.spec.size).toBeGreaterThanOrEqual(32);
  });

  it('gives unit embeddings and probabilities, the same on every load and run', async () => {
    const decoded = await Promise.all(images.map(async (i) => decodeSquare(await png(i), model.spec.size)));
    const first = await model.run(decoded);
    const second = await again.run(decoded);
    const single = await model.run([decoded[1]!]);
    const dim = first.embeddings.length / images.length;
    expect(dim).toBe(138); // the 128-d embedding with the 10 class probabilities joined (train.py --join 1)
    expect([...second.embeddings]).toEqual([...first.embeddings]);
    for (let d = 0; d < dim; d++) expect(single.embeddings[d]).toBeCloseTo(first.embeddings[dim + d]!, 5);
    for (let b = 0; b < images.length; b++) {
      const v = first.embeddings.subarray(b * dim, (b + 1) * dim);
      expect(Math.hypot(...v)).toBeCloseTo(1, 4);
      const p = first.probabilities!.subarray(b * 10, (b + 1) * 10);
      expect(p.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 4);
    }
    // Different pictures get different embeddings.
    expect(first.embeddings.subarray(0, dim)).not.toEqual(first.embeddings.subarray(dim, 2 * dim));
  });

  it('refuses an image of the wrong size', async () => {
    await expect(model.run([{ width: 8, height: 8, data: new Uint8Array(8 * 8 * 3) }])).rejects.toThrow(/takes/);
  });
});
