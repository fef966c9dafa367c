/** Tokens for content similarity: jieba words for Chinese runs, lower-cased words otherwise. */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | null = null;
const RUN_RE = /(\p{Script=Han}+)|([\p{L}\p{N}]+)/gu;

/** Splits text into terms; Chinese is segmented in search mode so sub-words match too. */
export function tokenizeContent(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(RUN_RE)) {
    if (m[1] !== undefined) {
      // The dictionary takes ~100 ms to load, so only catalogues with Chinese text pay for it.
      jieba ??= Jieba.withDict(dict);
      for (const w of jieba.cutForSearch(m[1], true)) if (w.trim()) out.push(w);
    } else if (m[2] !== undefined && (m[2].length > 1 || /\d/.test(m[2]))) out.push(m[2]);
  }
  return out;
}
