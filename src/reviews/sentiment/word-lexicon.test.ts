import { describe, expect, it } from 'vitest';
import { hashString, WORD_SEED, WordLexicon } from './word-lexicon.js';

const lexicon = new WordLexicon(
  ['质量', '质量好', '很好', '好', '物流', '很', '快', '不错'],
  [50, 1, 80, 200, 40, 300, 60, 90],
);

function cut(text: string): string[] {
  const out = new Int32Array(64);
  const n = lexicon.cut(text, out);
  // Map hashes back to the substrings that produced them (every candidate substring of the text).
  const names = new Map<number, string>();
  for (let i = 0; i < text.length; i++)
    for (let j = i + 1; j <= text.length; j++) names.set(hashString(text.slice(i, j), WORD_SEED), text.slice(i, j));
  return [...out.subarray(0, n)].map((h) => names.get(h) ?? '?');
}

describe('WordLexicon', () => {
  it('takes the most probable path through the lexicon words, as jieba does', () => {
    // 很好 as one word beats 很/好: one frequent word is more probable than two.
    expect(cut('质量很好')).toEqual(['质量', '很好']);
    expect(cut('物流很快,不错')).toEqual(['物流', '很', '快', '不错']);
  });

  it('keeps unknown characters as single words and Latin runs whole; punctuation separates', () => {
    expect(cut('鞋子质量ok!!')).toEqual(['鞋', '子', '质量', 'ok']);
    expect(cut('battery 0 stars')).toEqual(['battery', '0', 'stars']);
  });

  it('finds every lexicon word at every position for counting', () => {
    const out = new Int32Array(64);
    const n = lexicon.wordsAt('质量好', out);
    expect(n).toBe(3); // 质量, 质量好, 好
  });
});
