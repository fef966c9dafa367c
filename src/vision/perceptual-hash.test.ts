import { describe, expect, it } from 'vitest';
import { nearDuplicateGroups } from './near-duplicates.js';
import { hammingDistance, perceptualHash } from './perceptual-hash.js';
import { checks, productImage, speckles, stripes } from './test-images.test-data.js';

const hashOf = (image: ReturnType<typeof productImage>) => perceptualHash(image.data, image.width, image.height);

describe('perceptualHash', () => {
  it('is 16 hex digits and the same for the same pixels', () => {
    const image = productImage(64, speckles(1));
    expect(hashOf(image)).toMatch(/^[0-9a-f]{16}$/);
    expect(hashOf(image)).toBe(hashOf(productImage(64, speckles(1))));
  });

  it('barely changes for a brighter, rescaled copy and differs for another picture', () => {
    const original = productImage(64, stripes([40, 90, 200], [245, 245, 242], 8));
    const brighter = { ...original, data: original.data.map((v) => Math.min(255, v + 10)) };
    const rescaled = productImage(96, stripes([40, 90, 200], [245, 245, 242], 12));
    const other = productImage(64, checks([200, 30, 40], [20, 20, 22], 5));
    expect(hammingDistance(hashOf(original), hashOf(brighter))).toBeLessThanOrEqual(6);
    expect(hammingDistance(hashOf(original), hashOf(rescaled))).toBeLessThanOrEqual(8);
    expect(hammingDistance(hashOf(original), hashOf(other))).toBeGreaterThan(16);
  });
});

describe('nearDuplicateGroups', () => {
  it('groups hashes within the distance and leaves the rest out', () => {
    const a = '0f0f0f0f0f0f0f0f';
    const aNear = '0f0f0f0f0f0f0f0e'; // 1 bit
    const aNear2 = '0f0f0f0f0f0f0f3e'; // 2 bits from aNear, 3 from a
    const far = 'f0f0f0f0f0f0f0f0';
    expect(nearDuplicateGroups([a, far, aNear, aNear2], 3)).toEqual([{ members: [0, 2, 3], maxDistance: 3 }]);
    expect(nearDuplicateGroups([a, far], 3)).toEqual([]);
  });

  it('finds every pair within the distance, as an all-pairs scan does', () => {
    let s = 7;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), s);
    const hashes: string[] = [];
    for (let i = 0; i < 60; i++) {
      const base = next().toString(16).padStart(8, '0') + next().toString(16).padStart(8, '0');
      hashes.push(base);
      // A copy with a few bits flipped.
      const flipped = (parseInt(base.slice(8), 16) ^ (1 << (i % 31)) ^ (1 << ((i + 7) % 31))) >>> 0;
      hashes.push(base.slice(0, 8) + flipped.toString(16).padStart(8, '0'));
    }
    const groups = nearDuplicateGroups(hashes, 5);
    const pairs = new Set(
      groups.flatMap((g) => g.members.flatMap((i) => g.members.filter((j) => j > i).map((j) => `${i},${j}`))),
    );
    for (let i = 0; i < hashes.length; i++)
      for (let j = i + 1; j < hashes.length; j++)
        if (hammingDistance(hashes[i]!, hashes[j]!) <= 5) expect(pairs.has(`${i},${j}`)).toBe(true);
  });
});
