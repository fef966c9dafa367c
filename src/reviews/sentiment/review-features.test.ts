import { describe, expect, it } from 'vitest';
import { FeatureDedup, foldReview, MAX_REVIEW_FEATURES, reviewFeatures, type FeatureSpec } from './review-features.js';

const spec: FeatureSpec = { hashBits: 16, maxCharGram: 3, words: true };

function features(text: string, s = spec, sorted = true): number[] {
  const out = new Uint32Array(4096);
  const n = reviewFeatures(text, s, new FeatureDedup(), out);
  const ids = [...out.subarray(0, n)];
  return sorted ? ids.sort((a, b) => a - b) : ids;
}

describe('foldReview', () => {
  it('folds width, case and digits and cuts runs of punctuation to two', () => {
    expect(foldReview('\ufeffＧＯＯＤ！！！！ 买了3件，好好好')).toBe('good!! 买了0件,好好好');
  });
});

describe('reviewFeatures', () => {
  it('gives the same distinct ids for the same text and different ones for a negation', () => {
    const a = features('质量很好，物流很快');
    expect(features('质量很好，物流很快')).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
    const b = features('质量不好，物流很快');
    expect(b).not.toEqual(a);
    expect(b.filter((id) => !a.includes(id)).length).toBeGreaterThan(3);
  });

  it('adds word features on top of character n-grams', () => {
    const chars = features('the battery lasts long', { ...spec, words: false });
    const all = features('the battery lasts long');
    expect(all.length).toBeGreaterThan(chars.length);
    expect(chars.every((id) => all.includes(id))).toBe(true);
  });

  it('stays within the bucket range and the output capacity', () => {
    const out = new Uint32Array(50);
    const long = Array.from({ length: 300 }, (_, i) => String.fromCharCode(0x4e00 + i * 7)).join('');
    const n = reviewFeatures(long, { hashBits: 10, maxCharGram: 5, words: false }, new FeatureDedup(), out);
    expect(n).toBe(50);
    expect([...out].every((id) => id < 1 << 10)).toBe(true);
  });

  it('de-duplicates alike with one scratch set reused across reviews and a fresh one per review', () => {
    const shared = new FeatureDedup();
    const big: FeatureSpec = { hashBits: 22, maxCharGram: 5, words: false };
    for (let k = 0; k < 300; k++) {
      const text = Array.from({ length: 5 + ((k * 37) % 400) }, (_, i) =>
        String.fromCharCode(0x4e00 + ((i * 13 + k) % 60)),
      ).join('');
      const out = new Uint32Array(MAX_REVIEW_FEATURES);
      const n = reviewFeatures(text, big, shared, out);
      const ids = [...out.subarray(0, n)];
      expect(new Set(ids).size).toBe(n);
      expect(ids).toEqual(features(text, big, false));
    }
  });
});
