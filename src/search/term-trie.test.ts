import { describe, expect, it } from 'vitest';
import { TermTrie } from './term-trie.js';
import { maxTypos } from './typo-policy.js';

describe('TermTrie', () => {
  const trie = new TermTrie();
  for (const w of ['stainless', 'steel', 'stain', 'sink', 'toilet', 'tile']) trie.insert(w);

  it('finds words within an edit distance, counting transpositions as one', () => {
    expect(trie.fuzzy('stainles', 1).map((h) => h.word)).toEqual(['stainless']);
    expect(trie.fuzzy('toliet', 1)).toEqual([{ word: 'toilet', distance: 1 }]);
    expect(trie.fuzzy('stel', 1).map((h) => h.word)).toEqual(['steel']);
    expect(trie.fuzzy('xyz', 1)).toEqual([]);
  });

  it('lists words by prefix, shortest first', () => {
    expect(trie.withPrefix('stai', 10)).toEqual(['stain', 'stainless']);
    expect(trie.withPrefix('q', 10)).toEqual([]);
    expect(trie.size).toBe(6);
  });

  it('scales the allowed typos to word length', () => {
    expect([3, 4, 5, 8, 9, 14].map(maxTypos)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});
