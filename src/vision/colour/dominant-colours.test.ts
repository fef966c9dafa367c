import { describe, expect, it } from 'vitest';
import { checks, productImage, solid } from '../test-images.test-data.js';
import { nameColour } from './colour-names.js';
import { dominantColours } from './dominant-colours.js';
import { labToRgb, rgbToLab } from './lab.js';

describe('Lab conversion', () => {
  it('round-trips sRGB colours', () => {
    const colours: [number, number, number][] = [
      [0, 0, 0],
      [255, 255, 255],
      [200, 30, 40],
      [25, 35, 80],
    ];
    for (const [r, g, b] of colours) {
      expect(labToRgb(rgbToLab(r, g, b))).toEqual([r, g, b]);
    }
  });

  it('puts white at L = 100 and black at L = 0', () => {
    expect(rgbToLab(255, 255, 255)[0]).toBeCloseTo(100, 1);
    expect(rgbToLab(0, 0, 0)[0]).toBeCloseTo(0, 5);
  });
});

describe('colour names', () => {
  it('names typical garment shades in both languages', () => {
    expect(nameColour(rgbToLab(30, 40, 90))).toMatchObject({ key: 'navy', zh: '藏青色' });
    expect(nameColour(rgbToLab(210, 35, 45))).toMatchObject({ key: 'red', zh: '红色' });
    expect(nameColour(rgbToLab(250, 250, 250))).toMatchObject({ key: 'white', en: 'white' });
  });
});

describe('dominantColours', () => {
  it('finds the product colour and ignores the white background', () => {
    const image = productImage(48, solid([200, 30, 40]));
    const colours = dominantColours(image.data, image.width, image.height);
    expect(colours).toHaveLength(1);
    expect(colours[0]).toMatchObject({ key: 'red', zh: '红色', hex: '#c81e28' });
    expect(colours[0]!.share).toBeCloseTo(1, 5);
  });

  it('reports two colours of a two-colour check with their shares', () => {
    const image = productImage(48, checks([25, 35, 80], [245, 210, 40], 4));
    const colours = dominantColours(image.data, image.width, image.height);
    expect(colours.map((c) => c.key).sort()).toEqual(['navy', 'yellow']);
    for (const c of colours) expect(c.share).toBeGreaterThan(0.4);
  });

  it('tags a plain white swatch as white rather than finding nothing', () => {
    const data = new Uint8Array(16 * 16 * 3).fill(250);
    expect(dominantColours(data, 16, 16).map((c) => c.key)).toEqual(['white']);
  });
});
