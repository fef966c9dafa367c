import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../fixtures.test-data.js';
import { learnSynonyms, toSynonymRules } from './learn-synonyms.js';
import { ProductSearch } from '../product-search.js';

describe('learnSynonyms', () => {
  it('proposes catalogue words for query words that clicked items lack', () => {
    const engine = ProductSearch.fromDocuments(CATALOGUE, { synonyms: [] });
    const pairs = [
      ...Array.from({ length: 4 }, () => ({ query: 'basin', itemId: 's1' })),
      ...Array.from({ length: 3 }, () => ({ query: 'basin', itemId: 's3' })),
      { query: 'basin', itemId: 'f1' },
      ...Array.from({ length: 5 }, () => ({ query: 'cheap fridge', itemId: 'r1', weight: 2 })),
      ...Array.from({ length: 5 }, () => ({ query: 'sink', itemId: 's1' })),
      ...Array.from({ length: 5 }, () => ({ query: 'dress', itemId: 'd1' })),
    ];
    const learned = learnSynonyms(pairs, (id) => engine.get(id));
    const basin = learned.filter((l) => l.from === 'basin').map((l) => l.to);
    expect(basin).toContain('sink');
    expect(learned.some((l) => l.from === 'fridg' && l.to === 'refriger')).toBe(true);
    // A word that already matches what people click needs no synonym.
    expect(learned.some((l) => l.from === 'sink')).toBe(false);
    engine.setSynonyms(toSynonymRules(learned));
    expect(engine.search({ q: 'basin' }).hits.map((h) => h.id)).toEqual(expect.arrayContaining(['s1', 's3']));
    expect(engine.search({ q: 'fridge' }).hits[0]?.id).toBe('r1');
  });
});
