import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFilters, type SearchFilters } from './filters.js';
import { ProductSearch } from './product-search.js';
import type { SearchDocument } from './search-document.js';

const CATEGORIES = ['Home', 'Home/Kitchen', 'home/kitchen/Knives', 'Garden', 'Homeware', ''];
const BRANDS = ['Acme', 'acme', 'Zeta', ''];
const doc = fc.record(
  {
    id: fc.integer({ min: 0, max: 30 }).map((i) => `i${i}`),
    category: fc.constantFrom(...CATEGORIES),
    brand: fc.constantFrom(...BRANDS),
    price: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(Number.NaN)),
    inStock: fc.boolean(),
  },
  { requiredKeys: ['id'] },
);
const filters = fc.record(
  {
    category: fc.oneof(fc.constantFrom('Home', 'home/', 'Home/Kitchen', 'Garden'), fc.constant(['Garden', 'HOME'])),
    brand: fc.constantFrom('ACME', 'zeta', ''),
    priceMin: fc.integer({ min: 0, max: 100 }),
    priceMax: fc.integer({ min: 0, max: 100 }),
    inStock: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('filter-only search vs a naive scan', () => {
  it('returns exactly the live documents the filters accept, after upserts and removals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(doc, fc.integer({ min: 0, max: 30 })), { maxLength: 60 }),
        filters,
        (ops, f: SearchFilters) => {
          const engine = new ProductSearch({ synonyms: [] });
          const model = new Map<string, SearchDocument>();
          for (const o of ops) {
            if (typeof o === 'number') {
              engine.remove(`i${o}`);
              model.delete(`i${o}`);
            } else {
              const d = { ...o, title: 'thing' } as SearchDocument;
              engine.upsert(d);
              model.set(d.id, d);
            }
          }
          const pred = compileFilters(f) ?? (() => true);
          const want = [...model.values()].filter(pred).map((d) => d.id);
          const got = engine.search({ q: '', filters: f, limit: 1000, sort: 'newest' }).hits.map((h) => h.id);
          expect(got.sort()).toEqual(want.sort());
        },
      ),
      { numRuns: 300 },
    );
  });
});
