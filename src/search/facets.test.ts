import { describe, expect, it } from 'vitest';
import type { FacetCount, FacetCounts, FacetRequest } from './facets.js';
import { countFacets } from './facets.js';
import { ProductSearch } from './product-search.js';
import type { SearchDocument } from './search-document.js';

// The straightforward count, kept here as the reference the engine's counter must match.
function naiveFacets(docs: readonly SearchDocument[], req: FacetRequest): FacetCounts {
  const limit = req.limit ?? 20;
  const rank = (m: Map<string, number>): FacetCount[] =>
    [...m]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, limit);
  const bump = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  const cat = new Map<string, number>();
  const brand = new Map<string, number>();
  const edges = req.priceBands ?? [];
  const bands = new Array<number>(edges.length + 1).fill(0);
  const attrs = new Map((req.attributes ?? []).map((a) => [a, new Map<string, number>()]));
  for (const d of docs) {
    const parts = (d.category ?? '').split('/').filter((p) => p.length > 0);
    if (req.category) for (let i = 1; i <= parts.length; i++) bump(cat, parts.slice(0, i).join('/'));
    if (req.brand && d.brand) bump(brand, d.brand);
    if (req.priceBands && d.price !== undefined) bands[edges.filter((e) => d.price! >= e).length]!++;
    for (const [name, m] of attrs) if (d.attributes?.[name] !== undefined) bump(m, String(d.attributes[name]));
  }
  const out: FacetCounts = {};
  if (req.category) out.category = rank(cat);
  if (req.brand) out.brand = rank(brand);
  if (req.priceBands) {
    out.price = bands.map((count, i) => ({ min: edges[i - 1] ?? null, max: edges[i] ?? null, count }));
  }
  if (attrs.size > 0) out.attributes = Object.fromEntries([...attrs].map(([k, m]) => [k, rank(m)]));
  return out;
}

// A deterministic catalogue with shared category prefixes, repeated brands and mixed attribute types.
function catalogue(n: number): SearchDocument[] {
  let seed = 7;
  const next = (k: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % k;
  };
  const types = ['faucet', 'sink', 'drill', 'lamp', 'hose', 'mower'];
  return Array.from({ length: n }, (_, i) => {
    const type = types[next(types.length)]!;
    const doc: SearchDocument = {
      id: `p${String(i)}`,
      title: `${['Chrome', 'Brass', 'Steel'][next(3)]!} ${type} ${['pro', 'mini', 'max', ''][next(4)]!}`,
      category: ['Home/Kitchen', 'Home/Bath', 'Tools/Power', 'Home', 'Garden//Outdoor', ''][next(6)]! + `/${type}`,
      attributes: { size: [1, '1', 2, true, 'large'][next(5)]!, colour: ['red', 'blue'][next(2)]! },
    };
    if (next(5) > 0) doc.brand = ['Acme', 'Bolt', 'Crest', 'Delta', 'Ember'][next(5)]!;
    if (next(4) > 0) doc.price = next(600);
    return doc;
  });
}

const REQ: FacetRequest = {
  category: true,
  brand: true,
  priceBands: [50, 100, 300],
  attributes: ['size', 'colour', 'missing'],
  limit: 5,
};

describe('facet counts', () => {
  const docs = catalogue(400);

  it('countFacets matches the naive count', () => {
    expect(countFacets(docs, REQ)).toEqual(naiveFacets(docs, REQ));
    for (const limit of [0, 1, 3, 2.5, -1, 100]) {
      const req: FacetRequest = { ...REQ, limit };
      expect(countFacets(docs, req)).toEqual(naiveFacets(docs, req));
    }
  });

  it('search counts facets over every filtered match, as a naive count over the matches does', () => {
    const engine = ProductSearch.fromDocuments(docs);
    const queries = [
      { q: 'faucet' },
      { q: 'chrome drill' },
      { q: '' },
      { q: 'steel', filters: { priceMax: 250 } },
      { q: 'lamp', sort: 'price-asc' as const },
    ];
    for (const query of queries) {
      const all = engine.search({ ...query, limit: 10_000 });
      expect(all.hits.length).toBe(all.total);
      const faceted = engine.search({ ...query, limit: 3, facets: REQ });
      expect(faceted.total).toBe(all.total);
      expect(faceted.facets).toEqual(
        naiveFacets(
          all.hits.map((h) => h.document),
          REQ,
        ),
      );
      expect(faceted.hits.map((h) => h.id)).toEqual(all.hits.slice(0, 3).map((h) => h.id));
    }
  });

  it('keeps counting right after removals, replacements and reused slots', () => {
    const engine = ProductSearch.fromDocuments(docs);
    for (let i = 0; i < 400; i += 3) engine.remove(`p${String(i)}`);
    for (let i = 1; i < 400; i += 7) {
      engine.upsert({ ...docs[i]!, category: 'Sale/Clearance', brand: i % 2 ? 'Fresh' : '' });
    }
    for (const d of catalogue(60)) engine.upsert({ ...d, id: `n${d.id}`, brand: `${d.brand ?? 'New'} Co` });
    for (const q of ['faucet', 'sink mini', '']) {
      const all = engine.search({ q, limit: 10_000 });
      const faceted = engine.search({ q, limit: 3, facets: REQ });
      expect(faceted.facets).toEqual(
        naiveFacets(
          all.hits.map((h) => h.document),
          REQ,
        ),
      );
    }
  });
});

describe('list-valued attributes', () => {
  const engine = ProductSearch.fromDocuments([
    { id: 'a', title: 'Linen shirt', attributes: { colours: ['red', 'blue'], size: 'M' } },
    { id: 'b', title: 'Cotton shirt', attributes: { colours: ['blue', 'blue'], size: 'L' } },
    { id: 'c', title: 'Wool shirt', attributes: { colours: 'green' } },
  ]);

  it('counts an item once under each of its values', () => {
    const res = engine.search({ q: 'shirt', facets: { attributes: ['colours'] } });
    expect(res.facets?.attributes?.colours).toEqual([
      { value: 'blue', count: 2 },
      { value: 'green', count: 1 },
      { value: 'red', count: 1 },
    ]);
  });

  it('filters on any value of a list, and indexes each value as text', () => {
    const ids = (q: string, colours: string[]) =>
      engine
        .search({ q, filters: { attributes: { colours } } })
        .hits.map((h) => h.id)
        .sort();
    expect(ids('shirt', ['red'])).toEqual(['a']);
    expect(ids('shirt', ['BLUE', 'green'])).toEqual(['a', 'b', 'c']);
    expect(engine.search({ q: 'red shirt' }).hits[0]?.id).toBe('a');
  });
});
