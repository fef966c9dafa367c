/**
 * The facts copy may state about one item in one language: its localised name, category, brand, price
 * and attribute values, its status tags, and what its reviews praise. Generators write from these and the
 * grounding check accepts nothing else.
 */
import type { AspectCount, ContentItem, ContentLocale, ReviewFacts } from '../content-types.js';

/** One attribute as the copy shows it. */
export interface AttributeFact {
  /** Attribute key without a locale suffix ('color', 'material', …). */
  key: string;
  /** The values in the copy's language. */
  values: string[];
}

/** A text of the item that copy may quote, with where it comes from ('title', 'brand', 'attributes.color', …). */
export interface QuotableFact {
  text: string;
  source: string;
}

/** Status claims an item's tags and stock allow. */
export interface StatusFacts {
  bestseller: boolean;
  isNew: boolean;
  freeShipping: boolean;
  sale: boolean;
  inStock: boolean;
}

/** Everything copy about one item may say, in one language. */
export interface ContentFacts {
  itemId: string | null;
  locale: ContentLocale;
  /** The item's title in the locale. */
  name: string;
  /** The leaf category in the locale (the product noun), null without a category. */
  noun: string | null;
  brand: string | null;
  price: number | null;
  currency: string | null;
  /** The price as copy writes it ('¥179'), null without a price. */
  priceText: string | null;
  stock: number | null;
  attributes: AttributeFact[];
  status: StatusFacts;
  reviews: ReviewFacts;
  /** Aspects reviews praise more than they criticise, most praised first. */
  praised: AspectCount[];
  /** Texts copy may quote verbatim (title, brand, category levels, attribute values, tags, in every language). */
  quotable: QuotableFact[];
}

const SYMBOLS: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', GBP: '£', JPY: '¥', HKD: 'HK$' };
const CJK = /[\u3400-\u9fff]/;

/** Formats a price the way copy writes it: ¥179, ¥89.9, ¥2,999 (en) or ¥2999 (zh). */
export function formatPrice(price: number, currency: string | null, locale: ContentLocale): string {
  const digits = Number.isInteger(price) ? 0 : price * 10 === Math.round(price * 10) ? 1 : 2;
  const amount =
    locale === 'en' ? price.toLocaleString('en-US', { minimumFractionDigits: digits }) : price.toFixed(digits);
  const symbol = SYMBOLS[currency ?? 'CNY'];
  return symbol ? `${symbol}${amount}` : `${amount} ${currency}`;
}

function leaf(category: string | null | undefined): string | null {
  if (!category) return null;
  const parts = category.split('/').filter((p) => p.trim().length > 0);
  return parts[parts.length - 1]?.trim() ?? null;
}

function values(v: string | number | boolean | string[]): string[] {
  if (Array.isArray(v)) return v.filter((x) => x.length > 0);
  if (typeof v === 'boolean') return [];
  return [String(v)].filter((x) => x.length > 0);
}

/** The item's attributes in a locale: `color_en` stands in for `color` in English; Chinese-only values are left out of English copy. */
export function localisedAttributes(item: ContentItem, locale: ContentLocale): AttributeFact[] {
  const attrs = item.attributes ?? {};
  const out: AttributeFact[] = [];
  for (const [key, raw] of Object.entries(attrs)) {
    if (key.endsWith('_en')) continue;
    const english = attrs[`${key}_en`];
    const chosen = locale === 'en' && english !== undefined ? values(english) : values(raw);
    const usable = locale === 'en' ? chosen.filter((x) => !CJK.test(x)) : chosen;
    if (usable.length > 0) out.push({ key, values: usable });
  }
  return out;
}

function statusOf(item: ContentItem): StatusFacts {
  const tags = new Set((item.tags ?? []).map((t) => t.toLowerCase()));
  const has = (...names: string[]) => names.some((n) => tags.has(n));
  return {
    bestseller: has('bestseller', 'best seller', '热销', '爆款'),
    isNew: has('new', 'new arrival', '新品', '上新'),
    freeShipping: has('free shipping', '包邮'),
    sale: has('sale', 'on sale', '特价', '促销'),
    inStock: typeof item.stock === 'number' && item.stock > 0,
  };
}

/** Every text the item states in any language, for the grounding check's verbatim matches. */
function quotableTexts(item: ContentItem): QuotableFact[] {
  const out = new Map<string, string>();
  const add = (s: string | null | undefined, source: string) => {
    const t = s?.trim();
    if (t && !out.has(t)) out.set(t, source);
  };
  add(item.title, 'title');
  add(item.brand, 'brand');
  for (const c of [item.category, ...Object.values(item.translations ?? {}).map((t) => t.category)]) {
    for (const part of (c ?? '').split('/')) add(part, 'category');
  }
  for (const t of Object.values(item.translations ?? {})) add(t.title, 'title');
  for (const [key, v] of Object.entries(item.attributes ?? {})) {
    for (const x of values(v)) add(x, `attributes.${key.replace(/_en$/, '')}`);
  }
  for (const t of item.tags ?? []) add(t, 'tags');
  return [...out].map(([text, source]) => ({ text, source }));
}

/** The facts of an item (and its review summary) for copy in `locale`. */
export function itemFacts(item: ContentItem, locale: ContentLocale, reviews?: ReviewFacts): ContentFacts {
  const translated = locale === 'en' ? item.translations?.en : undefined;
  const name = translated?.title ?? item.title;
  const category = locale === 'en' ? (translated?.category ?? null) : (item.category ?? null);
  const review: ReviewFacts = reviews ?? { reviews: 0, positiveShare: null, aspects: [] };
  const praised = review.aspects
    .filter((a) => a.positive > 0 && a.positive >= a.negative)
    .sort((a, b) => b.positive - a.positive || a.aspect.localeCompare(b.aspect));
  const price = typeof item.price === 'number' && Number.isFinite(item.price) ? item.price : null;
  const currency = item.currency ?? null;
  return {
    itemId: item.id ?? null,
    locale,
    name,
    noun: leaf(category),
    brand: item.brand?.trim() || null,
    price,
    currency,
    priceText: price === null ? null : formatPrice(price, currency, locale),
    stock: typeof item.stock === 'number' ? item.stock : null,
    attributes: localisedAttributes(item, locale),
    status: statusOf(item),
    reviews: review,
    praised,
    quotable: quotableTexts(item),
  };
}
