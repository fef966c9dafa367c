/** The pure parts of the search service: pinyin, item mapping, priors, query analytics, affinities, search events. */
import { describe, expect, it } from 'vitest';
import { profileAffinities, type CustomerProfile } from '../../customers/index.js';
import type { ItemRecord } from '../../store/repositories/item-repository.js';
import { PINYIN_ATTRIBUTE, documentView, itemDocument } from './item-document.js';
import { pinyinTerms } from './pinyin-terms.js';
import { searchClickPairs, searchStats } from './search-analytics.js';
import { requestAnonymousId, searchEvent } from './search-log.js';
import { computePriors } from './search-refresh.js';

const item = (over: Partial<ItemRecord> = {}): ItemRecord => ({
  id: 'i1',
  title: '九阳 豆浆机',
  description: null,
  category: '家居/厨房电器',
  brand: '九阳',
  price: 399,
  currency: 'CNY',
  stock: 0,
  attributes: { color: '白色', size: ['S', 'M'] },
  images: ['/a.svg'],
  tags: ['新品'],
  translations: { en: { title: 'Joyoung Soymilk Maker' } },
  active: true,
  createdAt: 1000,
  updatedAt: 2000,
  ...over,
});

describe('search service parts', () => {
  it('writes pinyin spaced and joined, with ü as v and u', () => {
    expect(pinyinTerms('九阳')).toBe('jiu yang jiuyang');
    expect(pinyinTerms('女装').split(' ')).toEqual(expect.arrayContaining(['nvzhuang', 'nuzhuang', 'nv', 'zhuang']));
    expect(pinyinTerms('Lumière')).toBe('');
  });

  it('maps an item to a document and back, hiding the pinyin attribute', () => {
    const doc = itemDocument(item(), 12)!;
    expect(doc.inStock).toBe(false);
    expect(doc.popularity).toBe(12);
    expect(doc.attributes?.[PINYIN_ATTRIBUTE]).toContain('jiuyang');
    expect(doc.attributes?.size).toEqual(['S', 'M']);
    const view = documentView(doc);
    expect(view.attributes).toEqual({ color: '白色', size: ['S', 'M'] });
    expect(view).toMatchObject({ stock: 0, images: ['/a.svg'], createdAt: new Date(1000).toISOString() });
    expect(itemDocument(item({ active: false }))).toBeNull();
    expect(itemDocument(item({ stock: null }))!.inStock).toBe(true);
  });

  it('weighs engagement by a smoothed conversion lift', () => {
    const priors = computePriors([
      { itemId: 'a', type: 'view', n: 100 },
      { itemId: 'a', type: 'purchase', n: 10 },
      { itemId: 'b', type: 'view', n: 100 },
      { itemId: 'c', type: 'view', n: 1 },
    ]);
    expect(priors.get('a')!).toBeGreaterThan(priors.get('b')!);
    expect(priors.get('b')!).toBeGreaterThanOrEqual(50);
    expect(priors.get('c')!).toBeLessThan(priors.get('b')!);
  });

  it('attributes clicks to the latest earlier search in the session within 30 minutes', () => {
    const s = (query: string, ts: number, sessionId: string | null, results = 3) => ({
      query,
      ts,
      sessionId,
      actor: 'x',
      properties: { results },
    });
    const searches = [s('Dress', 0, 's1'), s('red dress', 60_000, 's1'), s('nothing', 0, 's2', 0), s('dress', 0, null)];
    const clicks = [
      { type: 'click', itemId: 'd1', sessionId: 's1', ts: 120_000 },
      { type: 'purchase', itemId: 'd1', sessionId: 's1', ts: 130_000 },
      { type: 'click', itemId: 'd2', sessionId: 's2', ts: 3_600_000 },
    ];
    const report = searchStats(searches, clicks, 0);
    expect(report).toMatchObject({ searches: 4, distinctQueries: 3, zeroResultSearches: 1, searchesWithSession: 3 });
    expect(report.clickThroughRate).toBeCloseTo(1 / 3);
    expect(report.topQueries[0]).toMatchObject({ query: 'dress', searches: 2, clicked: 0 });
    expect(report.zeroResultQueries.map((q) => q.query)).toEqual(['nothing']);
    expect(searchClickPairs(searches, clicks)).toEqual([
      { query: 'red dress', itemId: 'd1', weight: 1 },
      { query: 'red dress', itemId: 'd1', weight: 3 },
    ]);
  });

  it('turns profile affinities into shares and price bands', () => {
    const profile = {
      affinity: {
        category: { '女装/连衣裙': 3, 男装: 1 },
        brand: { 云裳: 2 },
        priceBand: { '100-250': 1, '1000+': 1 },
      },
    } as unknown as CustomerProfile;
    const a = profileAffinities(profile)!;
    expect(a.categories).toEqual({ '女装/连衣裙': 0.75, 男装: 0.25 });
    expect(a.brands).toEqual({ 云裳: 1 });
    expect(a.priceBands).toEqual([
      { min: 100, max: 250, weight: 0.5 },
      { min: 1000, max: Number.MAX_VALUE, weight: 0.5 },
    ]);
  });

  it('logs a search as the customer, or as a hashed anonymous caller; skips a browse', () => {
    const result = { query: 'x', total: 0, page: 1, pageSize: 20, items: [], facets: {}, appliedFilters: {} };
    const anon = searchEvent({ q: ' dress ' }, result, { ip: '10.0.0.1' })!;
    expect(anon).toMatchObject({ type: 'search', query: 'dress', properties: { results: 0, page: 1 } });
    expect(anon.anonymousId).toBe(requestAnonymousId({ ip: '10.0.0.1' }));
    expect(anon.anonymousId).not.toContain('10.0.0.1');
    expect(searchEvent({ q: 'a', customerId: 'C1', sessionId: 's' }, result, { ip: '1' })).toMatchObject({
      customerId: 'C1',
      sessionId: 's',
    });
    expect(searchEvent({ category: ['女装'] }, result, { ip: '1' })).toBeNull();
  });
});
