/** Pinyin of the Chinese parts of a name, so a brand or category typed in pinyin finds it. */
import { pinyin } from 'pinyin-pro';

const HAN_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const cache = new Map<string, string>();

/**
 * Spaced and joined pinyin of each run of Chinese characters: '九阳' → 'jiu yang jiuyang'. `ü` is written
 * both as `v` (how people type it) and `u` (what accent folding makes of `ü`). Empty without Chinese.
 */
export function pinyinTerms(text: string): string {
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const out: string[] = [];
  for (const run of text.match(HAN_RUN) ?? []) {
    const syllables = pinyin(run, { toneType: 'none', type: 'array', v: true });
    const variants = new Set([syllables, syllables.map((s) => s.replace(/v/g, 'u'))].map((a) => a.join(' ')));
    for (const spaced of variants) out.push(spaced, spaced.replace(/ /g, ''));
  }
  const result = [...new Set(out)].join(' ');
  // Brands and categories are few; titles are not passed here.
  if (cache.size < 50_000) cache.set(text, result);
  return result;
}
