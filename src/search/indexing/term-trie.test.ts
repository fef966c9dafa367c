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

// Optimal string alignment distance (adjacent transpositions count 1) over code points, by the full table.
function osa(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => i + j));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[x.length]![y.length]!;
}

describe('TermTrie.fuzzy against the full distance table', () => {
  it('finds exactly the words within the distance, with their distances', () => {
    let seed = 11;
    const rand = (k: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % k;
    };
    const alphabet = ['a', 'b', 'c', 'd', 'é', '水'];
    const randomWord = (): string =>
      Array.from({ length: 1 + rand(9) }, () => alphabet[rand(alphabet.length)]!).join('');
    const trie = new TermTrie();
    const words = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const w = randomWord();
      words.add(w);
      trie.insert(w);
    }
    for (let q = 0; q < 150; q++) {
      const query = randomWord();
      for (const maxD of [0, 1, 2, 3, 4]) {
        const expected = [...words]
          .map((word) => ({ word, distance: osa(query, word) }))
          .filter((h) => h.distance <= maxD)
          .sort((a, b) => a.word.localeCompare(b.word));
        const got = trie.fuzzy(query, maxD).sort((a, b) => a.word.localeCompare(b.word));
        expect(got).toEqual(expected);
      }
    }
  });
});
