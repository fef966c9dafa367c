import { describe, expect, it } from 'vitest';
import { ExpansionCache } from './expansion-cache.js';
import { LruCache } from './lru-cache.js';
import { ProductSearch } from '../product-search.js';
import { TermTrie } from '../indexing/term-trie.js';

describe('LruCache', () => {
  it('evicts the least recently used entry', () => {
    const c = new LruCache<string, number>(2);
    c.set('a', 1);
    c.set('b', 2);
    expect(c.get('a')).toBe(1); // "b" is now the oldest
    c.set('c', 3);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe(1);
    expect(c.get('c')).toBe(3);
    expect(c.size).toBe(2);
  });
});

describe('ExpansionCache', () => {
  it('returns what the trie returns and sees words inserted after a lookup', () => {
    const trie = new TermTrie();
    for (const w of ['stainless', 'steel', 'stain']) trie.insert(w);
    const cache = new ExpansionCache(trie, 4);
    expect(cache.fuzzy('stainles', 1)).toEqual(trie.fuzzy('stainles', 1));
    expect(cache.withPrefix('st', 10)).toEqual(trie.withPrefix('st', 10));
    expect(cache.fuzzy('stainles', 1)).toBe(cache.fuzzy('stainles', 1)); // served from the cache
    trie.insert('stainlest');
    expect(cache.fuzzy('stainles', 1).map((h) => h.word)).toEqual(['stainless', 'stainlest']);
    expect(cache.withPrefix('st', 10)).toEqual(trie.withPrefix('st', 10));
  });

  it('keys on the distance and the limit', () => {
    const trie = new TermTrie();
    for (const w of ['faucet', 'faucets', 'fauxcets']) trie.insert(w);
    const cache = new ExpansionCache(trie);
    expect(cache.fuzzy('faucet', 1)).toEqual(trie.fuzzy('faucet', 1));
    expect(cache.fuzzy('faucet', 2)).toEqual(trie.fuzzy('faucet', 2));
    expect(cache.withPrefix('fa', 1)).toHaveLength(1);
    expect(cache.withPrefix('fa', 10)).toHaveLength(3);
  });
});

describe('typo search after catalogue changes', () => {
  it('reaches a word by typo as soon as an upsert adds it, and drops it once removed', () => {
    const engine = ProductSearch.fromDocuments([
      { id: 'a', title: 'Stainless Steel Kitchen Sink' },
      { id: 'b', title: 'Chrome Bathroom Faucet' },
    ]);
    // Warm the cache with the misspelling before the word exists.
    expect(engine.search({ q: 'dishwashr' }).hits).toEqual([]);
    engine.upsert({ id: 'c', title: 'Quiet Dishwasher' });
    expect(engine.search({ q: 'dishwashr' }).hits.map((h) => h.id)).toEqual(['c']);
    expect(engine.didYouMean('dishwashr')).toBe('dishwasher');
    engine.remove('c');
    expect(engine.search({ q: 'dishwashr' }).hits).toEqual([]);
    engine.upsert({ id: 'd', title: 'Compact Dishwasher' });
    expect(engine.search({ q: 'dishwashr' }).hits.map((h) => h.id)).toEqual(['d']);
  });

  it('completes a prefix with a word added after the prefix was looked up', () => {
    const engine = ProductSearch.fromDocuments([{ id: 'a', title: 'Garden Hose' }]);
    expect(engine.search({ q: 'refrig', prefix: true }).hits).toEqual([]);
    engine.upsert({ id: 'r', title: 'French Door Refrigerator' });
    expect(engine.search({ q: 'refrig', prefix: true }).hits.map((h) => h.id)).toEqual(['r']);
  });
});
