/** Search queries a shopper would type for an item: title words in Chinese or English, now and then misspelt. */
import type { CatalogueItem } from './generate-catalogue.js';
import type { Random } from './random.js';

/** Common Chinese input slips (homophones picked from the IME list). */
const ZH_TYPOS: readonly (readonly [string, string])[] = [
  ['连衣裙', '连衣群'],
  ['耳机', '耳鸡'],
  ['羽绒服', '羽绒福'],
  ['口红', '口虹'],
  ['面霜', '面双'],
  ['跑鞋', '跑谢'],
  ['咖啡', '咖非'],
];

/** A query for `item` in `language`; about one in twenty-five is misspelt. */
export function searchQuery(random: Random, item: CatalogueItem, language: 'zh' | 'en'): string {
  const [noun, style, ...rest] = language === 'zh' ? item.words.zh : item.words.en;
  const nounWord = noun ?? item.brand;
  const colour = item.input.attributes?.[language === 'zh' ? 'color' : 'color_en'];
  const model = item.input.attributes?.model;
  const roll = random.next();
  let query: string;
  if (typeof model === 'string' && roll < 0.2) query = random.chance(0.5) ? model : `${item.brand} ${model}`;
  else if (roll < 0.4) query = nounWord;
  else if (roll < 0.6 && typeof colour === 'string') query = `${colour} ${nounWord}`;
  else if (roll < 0.75) query = `${item.brand} ${nounWord}`;
  // Chinese shoppers often type a modifier and noun without a space: '收腰连衣裙'.
  else if (roll < 0.9 && style) query = language === 'zh' ? `${style}${nounWord}` : `${style} ${nounWord}`;
  else query = [rest[0] ?? style, nounWord].filter(Boolean).join(' ');
  if (random.chance(0.04)) query = misspell(random, query, language);
  return query;
}

function misspell(random: Random, query: string, language: 'zh' | 'en'): string {
  if (language === 'zh') {
    const typo = ZH_TYPOS.find(([right]) => query.includes(right));
    return typo ? query.replace(typo[0], typo[1]) : query;
  }
  const words = query.split(' ');
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  if (longest.length < 5) return query;
  const at = 1 + random.int(longest.length - 2);
  const wrong =
    random.next() < 0.5
      ? longest.slice(0, at) + longest.slice(at + 1) // dropped letter: 'runing'
      : longest.slice(0, at) + (longest[at + 1] ?? '') + (longest[at] ?? '') + longest.slice(at + 2); // swapped
  return words.map((w) => (w === longest ? wrong : w)).join(' ');
}
