/** The catalogue document the search index holds. */

/** Localised text of a document. */
export interface DocumentTranslation {
  /** Localised title. */
  title?: string;
  /** Localised description. */
  description?: string;
  /** Localised category path. */
  category?: string;
}

/** A catalogue item as the search engine sees it. */
export interface SearchDocument {
  /** Stable item id. */
  id: string;
  /** Product title. */
  title: string;
  /** Long description. */
  description?: string;
  /** Category path separated by '/', e.g. '女装/连衣裙' or 'Home/Kitchen'. */
  category?: string;
  /** Brand name. */
  brand?: string;
  /** Price in `currency`. */
  price?: number;
  /** ISO currency code. */
  currency?: string;
  /** Whether the item can be bought now. */
  inStock?: boolean;
  /** Free-form attributes (colour, size, material…). */
  attributes?: Record<string, string | number | boolean>;
  /** Free-form tags. */
  tags?: string[];
  /** Text in other locales, indexed alongside the main text. */
  translations?: Record<string, DocumentTranslation>;
  /** A popularity prior (e.g. recent views or purchases); larger is more popular. */
  popularity?: number;
  /** Creation time in ms since the epoch (for "newest" sort). */
  createdAt?: number;
}
