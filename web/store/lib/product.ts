/** The storefront's view of an item, whichever API returned it, with its text in the visitor's language. */
import type { Item, ItemTranslation, SearchItem } from '@daogou/sdk';
import type { Lang } from './i18n.js';

/** An item as the storefront shows it. */
export interface Product {
  id: string;
  title: string;
  description: string | null;
  category: string | null;
  brand: string | null;
  price: number | null;
  currency: string | null;
  stock: number | null;
  inStock: boolean;
  attributes: Record<string, unknown>;
  tags: string[];
  translations: Record<string, ItemTranslation>;
}

/** A product from a recommendation (`Item`) or a search hit (`SearchItem`). */
export function toProduct(item: Item | SearchItem): Product {
  const stock = item.stock;
  return {
    id: item.id,
    title: item.title,
    description: item.description,
    category: item.category,
    brand: item.brand,
    price: item.price,
    currency: item.currency,
    stock,
    inStock: 'inStock' in item ? item.inStock : stock === null || stock > 0,
    attributes: item.attributes,
    tags: item.tags,
    translations: item.translations,
  };
}

/** The title in the visitor's language (the catalogue's own text when it has no translation). */
export function productTitle(product: Product, lang: Lang): string {
  return (lang === 'en' ? product.translations.en?.title : undefined) ?? product.title;
}

/** The description in the visitor's language. */
export function productDescription(product: Product, lang: Lang): string | null {
  return (lang === 'en' ? product.translations.en?.description : undefined) ?? product.description;
}

/** A string attribute, preferring its `<name>_en` twin in English (the demo catalogue keeps both). */
export function attributeText(product: Product, name: string, lang: Lang): string | undefined {
  const localized = lang === 'en' ? product.attributes[`${name}_en`] : undefined;
  const value = localized ?? product.attributes[name];
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join(' / ');
  return undefined;
}

/** Badges worth showing on a card, from the catalogue's tags. */
export type Badge = 'new' | 'hot' | 'sale';

/** The product's badges in display order. */
export function productBadges(product: Product): Badge[] {
  const tags = new Set(product.tags.map((t) => t.toLowerCase()));
  const badges: Badge[] = [];
  if (tags.has('sale') || tags.has('特价')) badges.push('sale');
  if (tags.has('new') || tags.has('新品')) badges.push('new');
  if (tags.has('bestseller') || tags.has('热销')) badges.push('hot');
  return badges;
}

/** Whether the product ships free (a catalogue tag). */
export function shipsFree(product: Product): boolean {
  return product.tags.includes('包邮') || product.tags.includes('free-shipping');
}
