import { describe, expect, it } from 'vitest';
import { isReviewQuestion, reviewsReply, type ReviewDigest } from './review-reply.js';

const digest: ReviewDigest = {
  reviews: 12,
  positiveShare: 0.75,
  pros: [{ label: '质量做工', reviews: 7, quote: '做工很精细' }],
  cons: [{ label: '尺码大小', reviews: 3, quote: '尺码偏小' }],
};

describe('review questions', () => {
  it('tells review questions from questions about the item itself', () => {
    for (const q of [
      '评价怎么样',
      '第一个口碑如何',
      '买过的人怎么说',
      'what do reviews say',
      'what do customers say about it',
    ])
      expect(isReviewQuestion(q)).toBe(true);
    for (const q of ['这个是什么材质', '第二个多少钱', 'is this one in stock']) expect(isReviewQuestion(q)).toBe(false);
  });

  it('answers with counts, the positive share and quotes from the digest only', () => {
    expect(reviewsReply('真丝连衣裙', digest, 'zh')).toBe(
      '真丝连衣裙 共 12 条评价，75% 为好评。好评集中在：质量做工（7 条，如“做工很精细”）。不满主要是：尺码大小（3 条，如“尺码偏小”）。',
    );
    expect(reviewsReply('Silk dress', { ...digest, cons: [] }, 'en')).toBe(
      'Silk dress: 12 reviews, 75% positive. Praised: 质量做工 (7 reviews, e.g. "做工很精细").',
    );
    expect(reviewsReply('Silk dress', { reviews: 0, positiveShare: null, pros: [], cons: [] }, 'en')).toBe(
      'Silk dress has no reviews yet.',
    );
  });
});
