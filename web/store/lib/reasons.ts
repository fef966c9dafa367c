/** Recommendation reasons in the visitor's language (the server writes them in English around catalogue names). */
import type { RecommendationReason } from '@daogou/sdk';
import { categoryName } from './categories.js';
import type { Lang } from './i18n.js';
import { cachedProduct } from './product-cache.js';
import { productTitle } from './product.js';

const PATTERNS: readonly { prefix: string; zh: string; en: string; kind: 'item' | 'category' | 'channel' }[] = [
  { prefix: 'because you viewed ', zh: '因为你看过 ', en: 'Because you viewed ', kind: 'item' },
  { prefix: 'because you bought ', zh: '因为你买过 ', en: 'Because you bought ', kind: 'item' },
  { prefix: 'because you added ', zh: '因为你加购过 ', en: 'Because you added ', kind: 'item' },
  { prefix: 'similar to ', zh: '与此相似：', en: 'Similar to ', kind: 'item' },
  { prefix: 'bought together with ', zh: '常与它一起买：', en: 'Bought with ', kind: 'item' },
  { prefix: 'trending in ', zh: '热卖：', en: 'Trending in ', kind: 'category' },
  { prefix: 'popular on ', zh: '热门', en: 'Popular', kind: 'channel' },
];

/** A short line saying why an item was recommended. */
export function reasonText(reason: RecommendationReason | undefined, lang: Lang): string | undefined {
  if (!reason) return undefined;
  const text = reason.text.trim();
  const pattern = PATTERNS.find((p) => text.toLowerCase().startsWith(p.prefix));
  if (!pattern) return text;
  const rest = text.slice(pattern.prefix.length);
  const label = lang === 'zh' ? pattern.zh : pattern.en;
  if (pattern.kind === 'channel') return label;
  if (pattern.kind === 'category') return label + categoryName(rest, lang);
  const referenced = reason.itemId !== undefined ? cachedProduct(reason.itemId) : undefined;
  return label + (referenced ? productTitle(referenced, lang) : rest);
}
