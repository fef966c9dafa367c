import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './fixtures.test-data.js';
import { ProductSearch } from './product-search.js';
import type { SearchQuery } from './search-types.js';

const engine = (): ProductSearch => ProductSearch.fromDocuments(CATALOGUE);
const ids = (e: ProductSearch, q: SearchQuery): string[] => e.search(q).hits.map((h) => h.id);

describe('bilingual fixture', () => {
  it('"连衣裙 红色 200元以内" finds the red dress under 200', () => {
    const res = engine().search({ q: '连衣裙 红色 200元以内' });
    expect(res.parsed.priceMax).toBe(200);
    expect(res.hits[0]?.id).toBe('d1');
    expect(res.hits.map((h) => h.id)).not.toContain('d2');
    expect(res.hits.every((h) => (h.document.price ?? 0) <= 200)).toBe(true);
  });

  it('"stainles steel sink 33 in" finds the stainless steel 33 in sink', () => {
    const res = engine().search({ q: 'stainles steel sink 33 in' });
    expect(res.hits[0]?.id).toBe('s1');
    expect(res.didYouMean).toBe('stainless steel sink 33 in');
  });

  it('searches translations', () => {
    expect(ids(engine(), { q: '冰箱' })).toEqual(['r1']);
  });
});

describe('ranking', () => {
  it('ranks an item that is the product above an accessory for it', () => {
    const r = ids(engine(), { q: 'kitchen sink' });
    expect(r.indexOf('s1')).toBeLessThan(r.indexOf('f1'));
  });

  it('does not correct numbers or SKU-like codes', () => {
    expect(ids(engine(), { q: 'ABC-1234' })[0]).toBe('k1');
    expect(ids(engine(), { q: '1235' })).toEqual(['k2']);
    expect(ids(engine(), { q: '1239' })).toEqual([]);
    expect(ids(engine(), { q: 'ABC-1239' }).sort()).toEqual(['k1', 'k2']); // through the part "abc" only
    // "34 in" only shares the unit with "33 in." items: nothing is read as 33.
    expect(engine().search({ q: '34 in' }).hits).toEqual(engine().search({ q: '99 in' }).hits);
    expect(ids(engine(), { q: '33 in' }).slice(0, 2).sort()).toEqual(['s1', 's3']);
  });

  it('tolerates typos scaled to word length', () => {
    expect(ids(engine(), { q: 'refrigerater' })).toEqual(['r1']);
    expect(ids(engine(), { q: 'kitchn' })).toContain('s1');
    // Four letters or fewer must be exact.
    expect(ids(engine(), { q: 'sinc' }).length).toBe(0);
    expect(ids(engine(), { q: 'refrigerater', typo: false })).toEqual([]);
  });

  it('completes the last word as a prefix when typing', () => {
    expect(ids(engine(), { q: 'refrig', prefix: true })).toEqual(['r1']);
    expect(ids(engine(), { q: 'stainless st', prefix: true })).toEqual(expect.arrayContaining(['s1', 's2']));
  });

  it('expands synonyms', () => {
    const e = engine();
    expect(ids(e, { q: 'fridge' })).toEqual(['r1']);
    e.setSynonyms([{ kind: 'one-way', from: 'basin', to: ['sink'] }]);
    expect(ids(e, { q: 'basin' })).toEqual(expect.arrayContaining(['s1', 's2', 's3']));
    expect(ids(e, { q: 'fridge' })).toEqual([]);
  });

  it('applies the popularity prior and personal affinities', () => {
    const e = engine();
    const plain = ids(e, { q: 'sink 33 in' });
    expect(plain.slice(0, 2).sort()).toEqual(['s1', 's3']);
    const personal = ids(e, { q: 'sink 33 in', personalization: { brands: { 'glacier bay': 1 }, strength: 1 } });
    expect(personal[0]).toBe('s1');
    const other = ids(e, {
      q: 'sink 33 in',
      personalization: { categories: { 'Home/Kitchen/Sinks': 0 }, brands: { Kohler: 1 } },
    });
    expect(other[0]).toBe('s3');
  });

  it('blends a trained semantic model without losing exact matches', () => {
    const e = engine();
    e.trainSemantic({ dimension: 32 });
    expect(ids(e, { q: 'stainless steel sink' }).slice(0, 2).sort()).toEqual(['s1', 's2']);
  });
});

describe('filters, facets, sorting, pagination', () => {
  it('filters by category prefix, brand, price, stock and attributes', () => {
    const e = engine();
    expect(ids(e, { q: 'sink', filters: { category: 'home/kitchen' } }).sort()).toEqual(
      ['f1', 's1', 's2', 's3'].filter((x) => x !== 'f1'),
    );
    expect(ids(e, { q: 'sink', filters: { brand: ['elkay', 'Kohler'] } }).sort()).toEqual(['s2', 's3']);
    expect(ids(e, { q: 'sink', filters: { priceMin: 150, priceMax: 300 } })).toEqual(['s1']);
    expect(ids(e, { q: 'sink', filters: { inStock: false } })).toEqual(['s2']);
    expect(ids(e, { q: 'sink', filters: { attributes: { width: 33, material: 'Cast Iron' } } })).toEqual(['s3']);
    expect(ids(e, { filters: { category: '女装' } }).sort()).toEqual(['d1', 'd2', 'd3']);
  });

  it('reads English price words', () => {
    const res = engine().search({ q: 'sink under $160' });
    expect(res.parsed).toMatchObject({ text: 'sink', priceMax: 160 });
    expect(res.hits.map((h) => h.id)).toEqual(['s2', 'f1']);
  });

  it('counts facets over all matches', () => {
    const res = engine().search({
      q: 'sink',
      facets: { category: true, brand: true, priceBands: [100, 300], attributes: ['width'] },
    });
    expect(res.total).toBe(4);
    expect(res.facets?.category).toEqual(
      expect.arrayContaining([
        { value: 'Home', count: 4 },
        { value: 'Home/Kitchen/Sinks', count: 3 },
      ]),
    );
    expect(res.facets?.price).toEqual([
      { min: null, max: 100, count: 1 },
      { min: 100, max: 300, count: 2 },
      { min: 300, max: null, count: 1 },
    ]);
    expect(res.facets?.attributes?.width).toEqual([
      { value: '33', count: 2 },
      { value: '15', count: 1 },
    ]);
  });

  it('sorts by price, newest and popularity and paginates', () => {
    const e = engine();
    expect(ids(e, { q: 'sink', sort: 'price-asc' })).toEqual(['f1', 's2', 's1', 's3']);
    expect(ids(e, { q: 'sink', sort: 'price-desc' })).toEqual(['s3', 's1', 's2', 'f1']);
    expect(ids(e, { q: 'sink', sort: 'newest' })).toEqual(['f1', 's3', 's2', 's1']);
    expect(ids(e, { q: 'sink', sort: 'popularity' })[0]).toBe('s3');
    const all = ids(e, { q: 'sink' });
    expect(ids(e, { q: 'sink', offset: 1, limit: 2 })).toEqual(all.slice(1, 3));
    expect(e.search({ q: 'sink', offset: 1, limit: 2 }).total).toBe(4);
  });

  it('changes a popularity prior in place, without re-indexing', () => {
    const e = engine();
    const termsBefore = e.stats().postings;
    expect(e.setPopularity('s2', 1e6)).toBe(true);
    expect(ids(e, { q: 'sink', sort: 'popularity' })[0]).toBe('s2');
    expect(e.get('s2')?.popularity).toBe(1e6);
    expect(e.stats().postings).toBe(termsBefore);
    expect(e.setPopularity('s2', undefined)).toBe(true);
    expect(e.get('s2')?.popularity).toBeUndefined();
    expect(e.setPopularity('nope', 1)).toBe(false);
  });

  it('highlights matched spans in the title', () => {
    const h = engine().search({ q: 'stainless sinks', highlight: true }).hits[0]!.highlight!;
    expect(h.html).toContain('<mark>Stainless</mark>');
    expect(h.html).toContain('<mark>Sink</mark>');
  });
});

describe('merchandising', () => {
  it('pins, boosts, buries and hides per query', () => {
    const e = engine();
    e.setRules([
      { query: 'sink', pin: ['s3'], hide: ['f1'], adjust: [{ ids: ['s2'], factor: 0.01 }] },
      { query: 'steel', match: 'contains', adjust: [{ brand: 'elkay', factor: 10 }] },
    ]);
    const r = e.search({ q: 'sink' });
    expect(r.hits[0]).toMatchObject({ id: 's3', pinned: true });
    expect(r.hits.map((h) => h.id)).not.toContain('f1');
    expect(r.hits.at(-1)?.id).toBe('s2');
    expect(ids(e, { q: 'stainless steel sink' })[0]).toBe('s2');
  });
});

describe('updates and serialisation', () => {
  it('makes an upsert searchable at once and a removal disappear', () => {
    const e = engine();
    e.upsert({ id: 'n1', title: 'Copper Farmhouse Sink' });
    expect(ids(e, { q: 'copper' })).toEqual(['n1']);
    e.upsert({ id: 'n1', title: 'Brass Farmhouse Sink' });
    expect(ids(e, { q: 'copper' })).toEqual([]);
    expect(ids(e, { q: 'brass' })).toEqual(['n1']);
    expect(e.remove('n1')).toBe(true);
    expect(ids(e, { q: 'farmhouse' })).toEqual([]);
    expect(e.remove('n1')).toBe(false);
    expect(e.size).toBe(CATALOGUE.length);
  });

  it('round-trips through JSON with identical results', () => {
    const e = engine();
    e.trainSemantic({ dimension: 16 });
    e.setRules([{ query: 'sink', pin: ['s3'] }]);
    const copy = ProductSearch.fromJSON(JSON.parse(JSON.stringify(e.toJSON())) as ReturnType<ProductSearch['toJSON']>);
    for (const q of ['sink', 'stainles steel', '连衣裙 红色', 'fridge', '']) {
      expect(copy.search({ q }).hits.map((h) => [h.id, h.score])).toEqual(
        e.search({ q }).hits.map((h) => [h.id, h.score]),
      );
    }
    expect(copy.stats()).toEqual(e.stats());
  });

  it('loads a snapshot in slices with the same results as a blocking load', async () => {
    const e = engine();
    e.trainSemantic({ method: 'lsa', dimension: 4 });
    const data = JSON.parse(JSON.stringify(e.toJSON())) as ReturnType<ProductSearch['toJSON']>;
    const copy = await ProductSearch.fromJSONAsync(data, 2);
    for (const q of ['sink', 'stainles steel', '连衣裙 红色']) {
      expect(copy.search({ q }).hits.map((h) => [h.id, h.score])).toEqual(
        e.search({ q }).hits.map((h) => [h.id, h.score]),
      );
    }
    expect(copy.stats()).toEqual(e.stats());
  });

  it('suggests spellings from the index vocabulary', () => {
    expect(engine().didYouMean('stainles stel sink')).toBe('stainless steel sink');
    expect(engine().didYouMean('stainless sink')).toBeNull();
  });
});
