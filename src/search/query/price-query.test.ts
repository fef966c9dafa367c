import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../text/normalize.js';
import { parsePriceQuery } from './price-query.js';

const p = (q: string) => parsePriceQuery(normalizeText(q));

describe('parsePriceQuery', () => {
  it('reads Chinese price phrases', () => {
    expect(p('连衣裙 红色 200元以内')).toEqual({ text: '连衣裙 红色', priceMax: 200 });
    expect(p('低于300元的手机')).toMatchObject({ priceMax: 300 });
    expect(p('1000元以上 冰箱')).toEqual({ text: '冰箱', priceMin: 1000 });
    expect(p('100-200元 T恤')).toEqual({ text: 't恤', priceMin: 100, priceMax: 200 });
  });

  it('reads English price phrases that carry a currency mark', () => {
    expect(p('sink under $50')).toEqual({ text: 'sink', priceMax: 50 });
    expect(p('drill over $100')).toEqual({ text: 'drill', priceMin: 100 });
    expect(p('lamp between $20 and $40')).toEqual({ text: 'lamp', priceMin: 20, priceMax: 40 });
    expect(p('rug less than 80 dollars')).toEqual({ text: 'rug', priceMax: 80 });
  });

  it('reads yuan written in English or with the ¥ sign', () => {
    expect(p('kettle under ¥200')).toEqual({ text: 'kettle', priceMax: 200 });
    expect(p('kettle under 200 yuan')).toEqual({ text: 'kettle', priceMax: 200 });
    expect(p('耳机 300 rmb以内')).toEqual({ text: '耳机', priceMax: 300 });
    expect(p('lamp ¥100-200')).toEqual({ text: 'lamp', priceMin: 100, priceMax: 200 });
    expect(p('rice cooker between ¥150 and ¥300')).toEqual({ text: 'rice cooker', priceMin: 150, priceMax: 300 });
    expect(p('fan over 99 rmb')).toEqual({ text: 'fan', priceMin: 99 });
  });

  it('leaves sizes and plain numbers alone', () => {
    expect(p('vanity under 30 in')).toEqual({ text: 'vanity under 30 in' });
    expect(p('2-4 inch screws')).toEqual({ text: '2-4 inch screws' });
  });
});
