import { describe, expect, it } from 'vitest';
import { aspectsInClause, extractAspects } from './extract-aspects.js';
import { splitClauses } from './split-clauses.js';
import { summarizeAspects } from './summarize-aspects.js';

// A transparent scorer for the tests: negative words make a clause negative.
const score = (clause: string): number => (/差|慢|偏小|不|low|poor|slow/i.test(clause) ? 0.1 : 0.9);

describe('splitClauses', () => {
  it('splits on punctuation, spaces between Chinese runs and contrasts', () => {
    expect(splitClauses('质量很好，就是尺码偏小。物流很快 客服耐心')).toEqual([
      '质量很好',
      '就是尺码偏小',
      '物流很快',
      '客服耐心',
    ]);
    expect(splitClauses('Works great but the sound is low.')).toEqual(['Works great', 'but the sound is low']);
  });
});

describe('aspectsInClause', () => {
  it('prefers the longer term and matches English whole words', () => {
    expect(aspectsInClause('the sound quality is great')).toEqual(['performance']);
    expect(aspectsInClause('good build quality')).toEqual(['quality']);
    expect(aspectsInClause('refitted')).toEqual([]);
    expect(aspectsInClause('颜色和图片一样，尺码标准')).toEqual(['looks', 'size']);
  });
});

describe('extractAspects', () => {
  it('gives each aspect the polarity of its own clause', () => {
    const mentions = extractAspects('质量很好，就是尺码偏小，物流太慢了', score);
    expect(mentions.map((m) => [m.aspect, m.polarity])).toEqual([
      ['quality', 'positive'],
      ['size', 'negative'],
      ['shipping', 'negative'],
    ]);
    expect(mentions[1]!.clause).toBe('就是尺码偏小');
  });
});

describe('summarizeAspects', () => {
  it('counts reviews per aspect and side and picks short clauses as quotes', () => {
    const reviews = ['质量很好，物流很快', '质量不错，物流太慢了', '物流太慢，质量很好', '做工精细'];
    const summary = summarizeAspects(reviews.map((r) => extractAspects(r, score)));
    expect(summary.reviews).toBe(4);
    const quality = summary.aspects.find((a) => a.aspect === 'quality')!;
    expect(quality.positive.reviews).toBe(3);
    expect(quality.negative.reviews).toBe(1); // "质量不错" has 不 in it: the scorer calls it negative
    const shipping = summary.aspects.find((a) => a.aspect === 'shipping')!;
    expect(shipping.negative.reviews).toBe(2);
    expect(shipping.negative.quotes).toEqual(['物流太慢', '物流太慢了']);
    expect(summary.pros).toContain('quality');
    expect(summary.cons).toContain('shipping');
  });
});
