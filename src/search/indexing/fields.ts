/** The indexed fields of a document and their default BM25F weights. */
import type { SearchDocument } from '../search-document.js';

/** Field numbers used in postings: title, brand, category, attributes (and tags), description. */
export const FIELD = { title: 0, brand: 1, category: 2, attributes: 3, description: 4 } as const;

/** Number of indexed fields. */
export const FIELD_COUNT = 5;

/** Field names in field-number order. */
export const FIELD_NAMES = ['title', 'brand', 'category', 'attributes', 'description'] as const;

/** A field name. */
export type FieldName = (typeof FIELD_NAMES)[number];

/** Default field weights: the title says most about what an item is. */
export const DEFAULT_FIELD_WEIGHTS: Record<FieldName, number> = {
  title: 3,
  brand: 2,
  category: 2,
  attributes: 1.5,
  description: 1,
};

/** Default BM25 length normalisation per field. */
export const DEFAULT_FIELD_B: Record<FieldName, number> = {
  title: 0.75,
  brand: 0.3,
  category: 0.3,
  attributes: 0.5,
  description: 0.75,
};

/** The text of each field of a document (translations join their field). */
export function documentFieldTexts(doc: SearchDocument): string[] {
  const title = [doc.title];
  const category = doc.category ? [doc.category.replace(/\//g, ' ')] : [];
  const description = doc.description ? [doc.description] : [];
  const attributes: string[] = [];
  if (doc.attributes) {
    for (const v of Object.values(doc.attributes)) {
      if (typeof v === 'string' || typeof v === 'number') attributes.push(String(v));
      else if (Array.isArray(v)) for (const x of v as readonly (string | number)[]) attributes.push(String(x));
    }
  }
  if (doc.tags) attributes.push(...doc.tags);
  if (doc.translations) {
    for (const t of Object.values(doc.translations)) {
      if (t.title) title.push(t.title);
      if (t.description) description.push(t.description);
      if (t.category) category.push(t.category.replace(/\//g, ' '));
    }
  }
  return [
    title.join(' \n '),
    doc.brand ?? '',
    category.join(' \n '),
    attributes.join(' \n '),
    description.join(' \n '),
  ];
}
