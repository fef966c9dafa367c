import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProductSearch } from './product-search.js';
import type { SearchQuery } from './search-types.js';

// Few words, so most queries match many documents and scores tie often.
const WORDS = ['red', 'blue', 'lamp', 'desk', 'chair', 'oak', 'steel', 'sofa'];
const word = fc.constantFrom(...WORDS);
const doc = fc.record({
  title: fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')),
  description: fc.array(word, { maxLength: 4 }).map((w) => w.join(' ')),
  brand: fc.constantFrom('acme', 'zeta', 'nova'),
  category: fc.constantFrom('home/lights', 'home/desks', 'garden'),
  price: fc.integer({ min: 1, max: 300 }),
  popularity: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
});
// Multipliers after the popularity prior (personalisation, review factors, rule boosts and buries), pins, sorts.
const extras = fc.record({
  personal: fc.boolean(),
  review: fc.boolean(),
  rules: fc.boolean(),
  sort: fc.constantFrom('relevance' as const, 'price-asc' as const, 'popularity' as const),
});

describe('top-k ranking vs the full ranking', () => {
  it('returns the first k of the full ranking, with the same scores and total, whatever documents it skips', () => {
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 60 }),
        fc.array(word, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 8 }),
        extras,
        (docs, qWords, k, x) => {
          const q = qWords.join(' ');
          const engine = ProductSearch.fromDocuments(
            docs.map((d, i) => ({ id: `i${i}`, ...d, popularity: d.popularity })),
            {
              synonyms: [],
              ...(x.rules
                ? {
                    rules: [
                      {
                        query: q,
                        pin: ['i3'],
                        adjust: [
                          { brand: 'acme', factor: 1.7 },
                          { category: 'garden', factor: 0.4 },
                        ],
                      },
                    ],
                  }
                : {}),
            },
          );
          if (x.review) engine.setReviewFactors(new Map(docs.map((_, i) => [`i${i}`, 0.5 + (i % 5) * 0.3])));
          const query: SearchQuery = {
            q,
            typo: false,
            sort: x.sort,
            ...(x.personal
              ? { personalization: { brands: { zeta: 1 }, categories: { home: 0.5 }, strength: 0.4 } }
              : {}),
          };
          const full = engine.search({ ...query, limit: docs.length });
          const page = engine.search({ ...query, limit: k });
          expect(page.total).toBe(full.total);
          expect(page.hits.map((h) => [h.id, h.score])).toEqual(full.hits.slice(0, k).map((h) => [h.id, h.score]));
          const second = engine.search({ ...query, offset: k, limit: k });
          expect(second.hits.map((h) => h.id)).toEqual(full.hits.slice(k, 2 * k).map((h) => h.id));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
