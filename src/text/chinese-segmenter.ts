/** Chinese word segmentation with jieba in search mode (overlapping sub-words improve recall). */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let instance: Jieba | null = null;

// Loading the dictionary takes ~100 ms, so it happens once, on first use.
function jieba(): Jieba {
  instance ??= Jieba.withDict(dict);
  return instance;
}

/** Segments a run of Chinese text into search-mode words (whitespace-only pieces removed). */
export function segmentChinese(text: string): string[] {
  if (text.length === 0) return [];
  const out: string[] = [];
  for (const w of jieba().cutForSearch(text, true)) {
    if (w.trim().length > 0) out.push(w);
  }
  return out;
}
