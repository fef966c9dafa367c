/** Maps catalogue items to search documents and back to what the API shows. */
import { toIso } from '../../domain/index.js';
import type { ItemRecord } from '../../store/repositories/item-repository.js';
import type { AttributeValue, SearchDocument } from '../search-document.js';
import { pinyinTerms } from './pinyin-terms.js';

/** Attribute holding the pinyin of the brand and category names (indexed, never shown). */
export const PINYIN_ATTRIBUTE = '_pinyin';

/** A search document plus the item fields the API returns but the engine does not index. */
export interface IndexedDocument extends SearchDocument {
  /** Image URLs. */
  images?: string[];
  /** Units in stock (null: not tracked). */
  stock?: number | null;
}

/** An item as a search hit shows it. */
export interface SearchItemView {
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
  images: string[];
  translations: Record<string, { title?: string; description?: string; category?: string }>;
  createdAt: string | null;
}

/** The document for an item, or null when the item must not be found (inactive). */
export function itemDocument(item: ItemRecord, popularity?: number): IndexedDocument | null {
  if (!item.active) return null;
  const doc: IndexedDocument = { id: item.id, title: item.title, createdAt: item.createdAt, stock: item.stock };
  if (item.description !== null) doc.description = item.description;
  if (item.category !== null) doc.category = item.category;
  if (item.brand !== null) doc.brand = item.brand;
  if (item.price !== null) doc.price = item.price;
  if (item.currency !== null) doc.currency = item.currency;
  // Untracked stock (null) counts as available; only a tracked zero is out of stock.
  doc.inStock = item.stock === null || item.stock > 0;
  const attributes: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(item.attributes)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') attributes[k] = v;
    // Lists stay lists: each value is indexed, counted in facets and matched by filters on its own.
    else if (Array.isArray(v))
      attributes[k] = (v as unknown[]).filter(
        (x): x is string | number => typeof x === 'string' || typeof x === 'number',
      );
  }
  const pinyin = [item.brand ?? '', ...(item.category ?? '').split('/')]
    .map(pinyinTerms)
    .filter((p) => p.length > 0)
    .join(' ');
  if (pinyin.length > 0) attributes[PINYIN_ATTRIBUTE] = pinyin;
  if (Object.keys(attributes).length > 0) doc.attributes = attributes;
  if (item.tags.length > 0) doc.tags = item.tags;
  if (item.images.length > 0) doc.images = item.images;
  const translations = Object.entries(item.translations);
  if (translations.length > 0) doc.translations = Object.fromEntries(translations);
  if (popularity !== undefined && popularity > 0) doc.popularity = popularity;
  return doc;
}

// Views are built once per document object (an upsert indexes a new one): a results page would otherwise copy
// the attributes and format a date for every hit of every search. Callers treat views as read-only.
const views = new WeakMap<IndexedDocument, SearchItemView>();

/** The API view of an indexed document (internal attributes removed); the same object for the same document. */
export function documentView(doc: IndexedDocument): SearchItemView {
  let view = views.get(doc);
  if (view === undefined) {
    view = buildView(doc);
    views.set(doc, view);
  }
  return view;
}

function buildView(doc: IndexedDocument): SearchItemView {
  const { [PINYIN_ATTRIBUTE]: _pinyin, ...attributes } = doc.attributes ?? {};
  return {
    id: doc.id,
    title: doc.title,
    description: doc.description ?? null,
    category: doc.category ?? null,
    brand: doc.brand ?? null,
    price: doc.price ?? null,
    currency: doc.currency ?? null,
    stock: doc.stock ?? null,
    inStock: doc.inStock ?? true,
    attributes,
    tags: doc.tags ?? [],
    images: doc.images ?? [],
    translations: doc.translations ?? {},
    createdAt: doc.createdAt === undefined ? null : toIso(doc.createdAt),
  };
}
