/**
 * What the assistant needs from search and recommendations, as a port: the engine fills it with Daogou's
 * own search (constraints as filters, personalised for a known customer) and recommendations.
 */

/** A product request with every constraint as a filter. */
export interface ProductQuery {
  /** Category path prefix. */
  category?: string;
  /** Brand as the catalogue writes it. */
  brand?: string;
  /** Minimum price, inclusive. */
  priceMin?: number;
  /** Maximum price, inclusive. */
  priceMax?: number;
  /** Attribute name → required value. */
  attributes?: Record<string, string>;
  /** Order. */
  sort?: 'price_asc' | 'price_desc' | 'newest' | 'popularity';
  /** Personalise for this customer (already authorised). */
  customerId?: string;
  /** How many ids. */
  k: number;
}

/** Where products come from. */
export interface ProductSource {
  /** Ids of in-stock items meeting every filter, best first. */
  find(query: ProductQuery): Promise<string[]>;
  /** Ids of in-stock items for a customer (for you) or anyone (trending). */
  recommend(customerId: string | undefined, k: number): Promise<string[]>;
  /** Loads what the first request would otherwise wait for. */
  warm(): Promise<void>;
}
