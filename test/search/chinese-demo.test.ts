/**
 * Typical shopper queries on the bilingual demo catalogue (3,000 items, fixed seed and anchor) find the
 * right items: category + colour + price words, brands in characters and in pinyin, Latin typos, and
 * English queries through the translations. The index is built exactly as the service builds it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { planDemoStore } from '../../src/demo/index.js';
import { itemRecordFrom } from '../../src/platform/item-service.js';
import { documentView } from '../../src/search/service/item-document.js';
import { LiveIndex } from '../../src/search/service/live-index.js';
import { toLibraryQuery, toSearchResult, type SearchResult } from '../../src/search/service/search-request.js';

const ANCHOR = Date.UTC(2026, 10, 23);

describe('search on the demo catalogue', () => {
  const live = new LiveIndex();
  const search = (q: string, pageSize = 10): SearchResult =>
    toSearchResult({ q, pageSize }, live.engine.search(toLibraryQuery({ q, pageSize })));
  const share = (r: SearchResult, ok: (i: SearchResult['items'][number]['item']) => boolean) =>
    r.items.filter((h) => ok(h.item)).length / Math.max(1, r.items.length);

  beforeAll(() => {
    const plan = planDemoStore({ anchor: ANCHOR });
    live.applyItems(plan.items.map((i) => itemRecordFrom(i, ANCHOR)));
    live.setSettings([], []);
  });

  it('reads category, colour and price words: 红色 连衣裙 300元以内', () => {
    const r = search('红色 连衣裙 300元以内');
    expect(r.appliedFilters.priceMax).toBe(300);
    expect(r.items.length).toBe(10);
    expect(r.items.every((h) => h.item.price !== null && h.item.price <= 300)).toBe(true);
    expect(share(r, (i) => i.category === '女装/连衣裙' && i.attributes.color === '红色')).toBe(1);
  });

  it('finds a brand typed in characters or in pinyin, spaced or joined', () => {
    for (const q of ['云裳', 'yunshang', 'yun shang']) {
      const r = search(q);
      expect(r.items.length, q).toBe(10);
      expect(
        share(r, (i) => i.brand === '云裳'),
        q,
      ).toBe(1);
    }
    expect(share(search('sanzhixiaoxiong'), (i) => i.brand === '三只小熊')).toBe(1);
  });

  it('finds a category typed in pinyin', () => {
    expect(share(search('lianyiqun'), (i) => i.category === '女装/连衣裙')).toBe(1);
  });

  it('forgives typos in Latin words and suggests the spelling', () => {
    const headphones = search('headphnes');
    expect(share(headphones, (i) => /headphones/i.test(i.translations.en?.title ?? ''))).toBeGreaterThanOrEqual(0.9);
    expect(headphones.didYouMean).toBe('headphones');
    const dress = search('red dres');
    expect(share(dress, (i) => i.category === '女装/连衣裙' && i.attributes.color_en === 'red')).toBeGreaterThanOrEqual(
      0.9,
    );
  });

  it('answers English queries through the translations', () => {
    const redSilk = (i: SearchResult['items'][number]['item']) =>
      i.category === '女装/连衣裙' && i.attributes.color_en === 'red' && i.attributes.material_en === 'silk';
    const all = live.engine.search({ q: '', filters: { category: '女装/连衣裙' }, limit: 1000 }).hits;
    const expected = all.filter((h) => redSilk(documentView(h.document))).length;
    expect(expected).toBeGreaterThan(0);
    const r = search('red silk dress');
    // Every red silk dress comes before any other item, and the rest are dresses.
    expect(r.items.slice(0, expected).every((h) => redSilk(h.item))).toBe(true);
    expect(share(r, (i) => i.category === '女装/连衣裙')).toBe(1);
    // English words with Chinese price words (English price phrases need a $ mark; see docs/search.md).
    const cheap = search('running shoes 500元以内');
    expect(cheap.items.length).toBe(10);
    expect(cheap.items.every((h) => h.item.category === '运动/跑鞋' && h.item.price! <= 500)).toBe(true);
  });
});
