import { describe, expect, it } from 'vitest';
import { autocomplete } from './autocomplete.js';
import { CATALOGUE } from './fixtures.test-data.js';
import { ProductSearch } from './product-search.js';
import { QuerySuggester } from './query-suggester.js';

describe('autocomplete', () => {
  it('suggests popular past queries with the prefix and the top items', () => {
    const suggester = new QuerySuggester();
    suggester.record('Stainless Sink', 5);
    suggester.record('stainless steel', 9);
    suggester.record('steel wool', 20);
    suggester.record('连衣裙 红色', 3);
    const engine = ProductSearch.fromDocuments(CATALOGUE);
    const res = autocomplete(engine, suggester, 'stainless s');
    expect(res.queries.map((q) => q.query)).toEqual(['stainless steel', 'stainless sink']);
    expect(res.items.map((h) => h.id)).toEqual(expect.arrayContaining(['s1', 's2']));
    expect(res.items[0]?.highlight?.html).toContain('<mark>');
    expect(autocomplete(engine, suggester, '连衣').queries).toEqual([{ query: '连衣裙 红色', count: 3 }]);
    expect(QuerySuggester.fromJSON(suggester.toJSON()).suggest('st', 1)).toEqual([{ query: 'steel wool', count: 20 }]);
    expect(autocomplete(engine, suggester, '  ')).toEqual({ queries: [], items: [] });
  });
});
