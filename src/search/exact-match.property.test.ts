import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeTerms } from '../text/analyzer.js';
import { ProductSearch } from './product-search.js';
import type { SearchDocument } from './search-document.js';

// Words chosen so no two concatenate into a third and none is a stop word.
const WORDS = ['red', 'blue', 'lamp', 'desk', 'chair', 'oak', 'steel', 'sofa', 'rug', 'mat', 'vase', 'bowl'];
const word = fc.constantFrom(...WORDS);
const title = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
const op = fc.oneof(
  fc.record({ kind: fc.constant('upsert' as const), id: fc.integer({ min: 0, max: 15 }), title }),
  fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 15 }) }),
);

/** The reference: a naive scan of the live documents for any query term. */
function naive(docs: Map<string, SearchDocument>, query: string): string[] {
  const q = new Set(analyzeTerms(query));
  return [...docs.values()].filter((d) => analyzeTerms(d.title).some((t) => q.has(t))).map((d) => d.id);
}

describe('index vs a naive scan', () => {
  it('returns exactly the documents containing a query term, after any upserts and removals', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.array(word, { minLength: 1, maxLength: 3 }), (ops, qWords) => {
        const engine = new ProductSearch({ synonyms: [], compounds: false });
        const model = new Map<string, SearchDocument>();
        for (const o of ops) {
          const id = `i${o.kind === 'upsert' ? o.id : o.id}`;
          if (o.kind === 'upsert') {
            const doc = { id, title: o.title };
            engine.upsert(doc);
            model.set(id, doc);
          } else {
            expect(engine.remove(id)).toBe(model.delete(id));
          }
        }
        const query = qWords.join(' ');
        const got = engine.search({ q: query, limit: 100, typo: false }).hits.map((h) => h.id);
        expect(got.sort()).toEqual(naive(model, query).sort());
        expect(engine.size).toBe(model.size);
        // Documents matching every query word rank above those matching fewer.
        const all = new Set(analyzeTerms(query));
        const full = (id: string): boolean => {
          const terms = new Set(analyzeTerms(model.get(id)!.title));
          return [...all].every((t) => terms.has(t));
        };
        const ranked = engine.search({ q: query, limit: 100, typo: false }).hits.map((h) => full(h.id));
        expect(ranked).toEqual([...ranked].sort((a, b) => Number(b) - Number(a)));
      }),
      { numRuns: 200, seed: 42 },
    );
  });
});
