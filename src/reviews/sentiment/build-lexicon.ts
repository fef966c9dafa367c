/**
 * The word list a sentiment model ships with: jieba's dictionary words (Chinese characters only) that
 * occur in the training texts at least `minCount` times, with jieba's frequencies. Small (tens of
 * thousands of words) and fixed at training time, so scoring cuts words the way training did, without jieba.
 */
import { dict } from '@node-rs/jieba/dict.js';
import { foldReview } from './review-features.js';
import { isHan, WordLexicon } from './word-lexicon.js';

const FNV_PRIME = 16777619;

/** Han-only entries of jieba's dictionary (word and frequency), up to `maxLength` characters. */
export function jiebaDictionary(maxLength: number): { words: string[]; freqs: number[] } {
  const words: string[] = [];
  const freqs: number[] = [];
  for (const line of new TextDecoder().decode(dict).split('\n')) {
    const [word, freq] = line.split(' ');
    if (!word || word.length > maxLength || !freq) continue;
    let han = true;
    for (let i = 0; i < word.length && han; i++) han = isHan(word.charCodeAt(i));
    if (han) {
      words.push(word);
      freqs.push(Number(freq));
    }
  }
  return { words, freqs };
}

/** The dictionary words found (as substrings of the folded texts) at least `minCount` times. */
export function buildLexicon(texts: readonly string[], minCount = 2, maxLength = 6): WordLexicon {
  const full = jiebaDictionary(maxLength);
  const index = new Map<number, number>();
  full.words.forEach((w, i) => {
    let h = 0x9e3779b9;
    for (let k = 0; k < w.length; k++) h = Math.imul(h ^ w.charCodeAt(k), FNV_PRIME);
    index.set(h, i);
  });
  const probe = new WordLexicon(full.words, full.freqs);
  const counts = new Uint32Array(full.words.length);
  const found = new Int32Array(maxLength * 4096);
  for (const text of texts) {
    const n = probe.wordsAt(foldReview(text), found);
    for (let k = 0; k < n; k++) {
      const i = index.get(found[k]!);
      if (i !== undefined) counts[i]!++;
    }
  }
  const words: string[] = [];
  const freqs: number[] = [];
  for (let i = 0; i < full.words.length; i++) {
    if (counts[i]! >= minCount) {
      words.push(full.words[i]!);
      freqs.push(full.freqs[i]!);
    }
  }
  return new WordLexicon(words, freqs);
}
