/** Words of a folded review for sentiment features: jieba for Chinese runs, letter runs for Latin text; punctuation dropped. */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let instance: Jieba | null = null;

// Loading the dictionary takes ~100 ms, so it happens once, on first use.
function jieba(): Jieba {
  instance ??= Jieba.withDict(dict);
  return instance;
}

const WORDLIKE = /[\p{L}\p{N}]/u;

/** Cuts folded text into words (precise mode, HMM on for new words); tokens without a letter or digit are dropped. */
export function cutWords(folded: string): string[] {
  if (folded.length === 0) return [];
  const out: string[] = [];
  for (const w of jieba().cut(folded, true)) {
    if (WORDLIKE.test(w)) out.push(w);
  }
  return out;
}
