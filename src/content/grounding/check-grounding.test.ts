import { describe, expect, it } from 'vitest';
import { itemFacts } from '../facts/item-facts.js';
import { shoes, shoesReviews } from '../sample-items.test-data.js';
import { checkGrounding } from './check-grounding.js';
import { GroundingVocabulary } from './grounding-vocabulary.js';

const zh = itemFacts(shoes, 'zh', shoesReviews);
const en = itemFacts(shoes, 'en', shoesReviews);
const problems = (text: string, facts = en, vocabulary?: GroundingVocabulary) =>
  checkGrounding(text, facts, vocabulary).problems;

describe('checkGrounding', () => {
  it('passes text stating only the facts, and says where each one comes from', () => {
    const text =
      'Meet the Zenflow Red Mesh Non-Slip Running Shoes. 25 reviewers mention solid build quality. Yours for ¥979.';
    const report = checkGrounding(text, en);
    expect(report.problems).toEqual([]);
    expect(report.grounded).toBe(true);
    const sources = report.mentions.map((m) => [m.text, m.source]);
    expect(sources).toContainEqual(['¥979', 'price']);
    expect(sources).toContainEqual(['25', 'item or review count']);
    expect(sources).toContainEqual(['build quality', 'reviews.quality: 25 positive']);
    const price = report.mentions.find((m) => m.type === 'price')!;
    expect(text.slice(price.start, price.end)).toBe('¥979');
  });

  it('refuses a price that is not the item’s, in either language', () => {
    expect(problems('Now only ¥799!')).toEqual([expect.stringContaining('price "¥799"')]);
    expect(problems('现价899元。', zh)).toEqual([expect.stringContaining('price "899元"')]);
    expect(problems('售价¥979。', zh)).toEqual([]);
  });

  it('refuses numbers and percentages not in the facts', () => {
    expect(problems('Loved by 500 runners.')).toEqual([expect.stringContaining('number "500"')]);
    expect(problems('Three colours to choose from.')).toEqual([expect.stringContaining('number "Three"')]);
    expect(problems('三种颜色可选。', zh)).toEqual([expect.stringContaining('number "三"')]);
    expect(problems('90% of reviews are positive.')).toEqual([]);
    expect(problems('99% of reviews are positive.')).toEqual([expect.stringContaining('percent "99%"')]);
    // Sizes are numbers of the item: they may be quoted.
    expect(problems('Sizes 38/39/40.')).toEqual([]);
  });

  it('refuses colours, materials and brands the item does not have', () => {
    expect(problems('In blue.')).toEqual([expect.stringContaining('attribute "blue"')]);
    expect(problems('采用真皮。', zh)).toEqual([expect.stringContaining('attribute "真皮"')]);
    const vocabulary = GroundingVocabulary.fromCatalogue([
      shoes,
      { title: 'x', brand: 'Stride', attributes: { style: 'waterproof' } },
    ]);
    expect(problems('Like Stride, but waterproof.', en, vocabulary)).toEqual([
      expect.stringContaining('attribute "Stride"'),
      expect.stringContaining('attribute "waterproof"'),
    ]);
  });

  it('refuses praise reviews do not give, statuses the tags do not give, and absolute claims', () => {
    expect(problems('Fast delivery, every time.')).toEqual([expect.stringContaining('reviews do not praise shipping')]);
    expect(problems('物流快。', zh)).toEqual([expect.stringContaining('reviews do not praise shipping')]);
    expect(problems('A new arrival.')).toEqual([]);
    expect(problems('On sale now, ships free.')).toEqual([
      expect.stringContaining('not sale'),
      expect.stringContaining('not freeShipping'),
    ]);
    expect(problems('The best running shoes, guaranteed.')).toEqual([
      expect.stringContaining('claim "best"'),
      expect.stringContaining('claim "guaranteed"'),
    ]);
    expect(problems('全网最低，官方正品。', zh)).toHaveLength(3);
    const noReviews = itemFacts(shoes, 'en');
    expect(problems('Reviewers love it.', noReviews)).toEqual([expect.stringContaining('no positive reviews')]);
  });
});
