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

/** An attribute value: one value, or a list of them ("colours": ["red", "blue"]). */
export type AttributeValue = string | number | boolean | readonly (string | number)[];

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
  /** Free-form attributes (colour, size, material…); a list holds several values (each indexed, faceted, filterable). */
  attributes?: Record<string, AttributeValue>;
  /** Free-form tags. */
  tags?: string[];
  /** Text in other locales, indexed alongside the main text. */
  translations?: Record<string, DocumentTranslation>;
  /** A popularity prior (e.g. recent views or purchases); larger is more popular. */
  popularity?: number;
  /** Creation time in ms since the epoch (for "newest" sort). */
  createdAt?: number;
}
