import { describe, expect, it } from 'vitest';
import { CONTENT_KINDS, CONTENT_TONES, MAX_CHARS } from '../content-types.js';
import { itemFacts } from '../facts/item-facts.js';
import { GroundingVocabulary } from '../grounding/grounding-vocabulary.js';
import { dress, dressReviews } from '../sample-items.test-data.js';
import { generateCopy } from './generate-copy.js';

describe('generateCopy', () => {
  it('is reproducible for a seed and varies with it', () => {
    const facts = itemFacts(dress, 'zh', dressReviews);
    const o = { kind: 'description', tone: 'friendly', length: 'medium', variants: 3, seed: 1 } as const;
    const a = generateCopy(facts, o).variants.map((v) => v.text);
    expect(generateCopy(facts, o).variants.map((v) => v.text)).toEqual(a);
    expect(generateCopy(facts, { ...o, seed: 2 }).variants.map((v) => v.text)).not.toEqual(a);
    expect(new Set(a).size).toBe(3);
  });

  it('writes every kind and tone in both languages within the limits, grounded', () => {
    for (const locale of ['zh', 'en'] as const) {
      const facts = itemFacts(dress, locale, dressReviews);
      for (const kind of CONTENT_KINDS) {
        for (const tone of CONTENT_TONES) {
          const r = generateCopy(facts, { kind, tone, length: 'long', variants: 2, seed: 9 });
          expect(r.variants.length, `${locale} ${kind} ${tone}`).toBeGreaterThan(0);
          for (const v of r.variants) {
            expect([...v.text].length).toBeLessThanOrEqual(MAX_CHARS[kind]);
            expect(v.grounding.grounded).toBe(true);
            expect(v.source).toBe('builtin');
          }
        }
      }
    }
    const seo = generateCopy(itemFacts(dress, 'en', dressReviews), {
      kind: 'seo_title',
      tone: 'premium',
      length: 'long',
      variants: 3,
      seed: 1,
    });
    for (const v of seo.variants) expect(v.text.length).toBeLessThanOrEqual(60);
  });

  it('praises what reviews praise, with the count, and never what they criticise', () => {
    const facts = itemFacts(dress, 'en', dressReviews);
    const texts = generateCopy(facts, {
      kind: 'description',
      tone: 'friendly',
      length: 'long',
      variants: 5,
      seed: 3,
    }).variants.map((v) => v.text);
    expect(texts.some((t) => t.includes('48'))).toBe(true);
    for (const t of texts) expect(t).not.toMatch(/delivery|shipping/i);
    const points = generateCopy(facts, {
      kind: 'selling_points',
      tone: 'concise',
      length: 'long',
      variants: 1,
      seed: 3,
    }).variants[0]!;
    expect(points.text.split('\n').length).toBe(5);
  });

  it('longer lengths write more', () => {
    const facts = itemFacts(dress, 'zh', dressReviews);
    const size = (length: 'short' | 'long') =>
      generateCopy(facts, { kind: 'description', tone: 'friendly', length, variants: 3, seed: 5 }).variants.reduce(
        (a, v) => a + v.text.length,
        0,
      );
    expect(size('long')).toBeGreaterThan(size('short'));
  });

  it('drops candidates that fail the check and returns none of them', () => {
    // A vocabulary that (wrongly) lists words the English grammar uses for closers and openers.
    const strict = new GroundingVocabulary(['cart', 'closer', 'Meet', 'presents', 'considered']);
    const facts = itemFacts(dress, 'en', dressReviews);
    const r = generateCopy(
      facts,
      { kind: 'description', tone: 'friendly', length: 'long', variants: 3, seed: 4 },
      strict,
    );
    expect(r.rejected).toBeGreaterThan(0);
    expect(r.rejections[0]!.join(' ')).toMatch(/attribute/);
    for (const v of r.variants) {
      expect(v.grounding.grounded).toBe(true);
      expect(v.text).not.toMatch(/cart|closer|Meet/);
    }
  });
});
