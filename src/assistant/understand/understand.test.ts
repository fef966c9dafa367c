/** Slots, prices and intents on a small bilingual catalogue. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CatalogueGazetteer,
  IntentModel,
  chineseNumberValue,
  extractPrice,
  extractSlots,
  understand,
} from './index.js';

const ITEMS = [
  {
    category: '女装/连衣裙',
    brand: 'Lumière',
    attributes: { color: '红色', color_en: 'red', material: '真丝', material_en: 'silk', size: ['S', 'M'] },
    translations: { en: { category: 'Women/Dresses' } },
  },
  {
    category: '女装/连衣裙',
    brand: '云裳',
    attributes: { color: '蓝色', color_en: 'blue' },
    translations: { en: { category: 'Women/Dresses' } },
  },
  {
    category: '美妆/口红',
    brand: 'Rouge',
    attributes: { color: '红色', color_en: 'red' },
    translations: { en: { category: 'Beauty/Lipstick' } },
  },
  {
    category: '运动/跑鞋',
    brand: 'Stride',
    attributes: { size: ['40', '41'] },
    translations: { en: { category: 'Sports/Running Shoes' } },
  },
  { category: '母婴/童装', brand: '小鹿', attributes: {}, translations: { en: { category: "Baby/Kids' Clothing" } } },
];
const gazetteer = CatalogueGazetteer.fromItems(ITEMS);

describe('price phrases', () => {
  it('reads Chinese numerals', () => {
    expect(chineseNumberValue('两百')).toBe(200);
    expect(chineseNumberValue('一百五')).toBe(150);
    expect(chineseNumberValue('三千二百')).toBe(3200);
    expect(chineseNumberValue('十五')).toBe(15);
  });

  it('reads bounds in both languages', () => {
    expect(extractPrice('200元以内的裙子')).toMatchObject({ max: 200 });
    expect(extractPrice('两百块左右')).toMatchObject({ min: 160, max: 240 });
    expect(extractPrice('100到300的耳机')).toMatchObject({ min: 100, max: 300 });
    expect(extractPrice('under $50')).toMatchObject({ max: 50 });
    expect(extractPrice('between 20 and 40')).toMatchObject({ min: 20, max: 40 });
    expect(extractPrice('300以上')).toMatchObject({ min: 300 });
    expect(extractPrice('a red dress')).toBeUndefined();
  });
});

describe('slots from the catalogue', () => {
  it('finds category, colour, brand, material and size, longest match first', () => {
    expect(extractSlots('两百块以内的红色连衣裙', gazetteer)).toMatchObject({
      category: '女装/连衣裙',
      colour: '红色',
      priceMax: 200,
    });
    // 口红 is lipstick, not the colour red.
    expect(extractSlots('最便宜的口红', gazetteer)).toEqual({ category: '美妆/口红', sort: 'price_asc' });
    expect(extractSlots('Lumière的真丝连衣裙 M码', gazetteer)).toMatchObject({
      brand: 'Lumière',
      material: '真丝',
      size: 'M',
    });
    expect(extractSlots('a blue dress', gazetteer)).toMatchObject({ category: '女装/连衣裙', colour: '蓝色' });
    expect(extractSlots('sneakers for my son', gazetteer)).toMatchObject({ category: '运动/跑鞋', audience: 'kids' });
  });

  it('reads references to items shown', () => {
    expect(extractSlots('第一个和第二个有什么区别', gazetteer).references).toEqual([0, 1]);
    expect(extractSlots('what is the third one made of', gazetteer).references).toEqual([2]);
    expect(extractSlots('最后一个', gazetteer).references).toEqual([-1]);
  });
});

describe('the indexed scan', () => {
  it('finds what trying every term finds', () => {
    const pieces = [
      '红色',
      '红',
      '口红',
      '连衣裙',
      'lumière',
      'dresses',
      'dress',
      'running shoes',
      'silk',
      ' ',
      '的',
      'x',
    ];
    const message = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join(''));
    fc.assert(
      fc.property(message, (m) => {
        expect(gazetteer.scan(m)).toEqual(gazetteer.scanEveryTerm(m));
      }),
      { numRuns: 500 },
    );
  });
});

describe('intents', () => {
  const model = IntentModel.train();
  const intent = (text: string, context = true): string => understand(text, model, gazetteer, context).intent;

  it('labels shopping, service and chit-chat in both languages', () => {
    expect(intent('我想买一条连衣裙', false)).toBe('find');
    expect(intent('show me running shoes', false)).toBe('find');
    expect(intent('便宜点的')).toBe('refine');
    expect(intent('in blue')).toBe('refine');
    expect(intent('第一个和第二个有什么区别')).toBe('compare');
    expect(intent('我的订单到哪了')).toBe('order_status');
    expect(intent('what is your return policy')).toBe('returns');
    expect(intent('转人工')).toBe('complaint');
    expect(intent('你好')).toBe('greeting');
  });

  it('says honestly what is out of scope, unless the message names the catalogue', () => {
    expect(intent('今天天气怎么样', false)).toBe('out_of_scope');
    expect(intent('who won the football game', false)).toBe('out_of_scope');
    expect(intent('连衣裙', false)).toBe('find');
  });

  it('a refinement without earlier context is a new search', () => {
    expect(intent('in blue', false)).toBe('find');
  });
});
