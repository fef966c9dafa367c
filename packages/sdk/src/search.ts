/** Product search and autocomplete. */
import type { Http, QueryValue } from './http.js';
import type { AutocompleteResult, SearchResults, SearchSort } from './types.js';
import type { Visitor } from './visitor.js';

/** Filters; a list means any of its values. */
export interface SearchFilters {
  /** Category path prefixes, e.g. `女装` or `女装/连衣裙`. */
  category?: string | string[];
  brand?: string | string[];
  priceMin?: number;
  priceMax?: number;
  inStock?: boolean;
  /** Attribute name → value or any of several values, e.g. `{ color: ['red', 'blue'] }`. */
  attributes?: Record<string, string | string[]>;
}

/** How to search. */
export interface SearchOptions {
  filters?: SearchFilters;
  /** Facets to count: `category`, `brand`, `price` and attribute names (none by default: counting costs time). */
  facets?: string[];
  sort?: SearchSort;
  /** 1-based page (default 1). */
  page?: number;
  /** Hits per page, 1–100 (default 20). */
  pageSize?: number;
  /** Also show each hit in this translation, e.g. `en`. */
  locale?: string;
  /** Cancels the request (useful when the query changes while typing). */
  signal?: AbortSignal;
}

/** How many suggestions of each kind. */
export interface AutocompleteOptions {
  /** Popular past queries, 0–20 (default 5). */
  queries?: number;
  /** Matching items, 0–20 (default 5). */
  items?: number;
  signal?: AbortSignal;
}

const many = (value: string | string[] | undefined): readonly string[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

/** Runs searches for the visitor; with analytics consent they are personalised and logged as the visitor's. */
export class SearchApi {
  constructor(
    private readonly http: Http,
    private readonly visitor: Visitor,
  ) {}

  /** Searches the catalogue; an empty query browses by filters. The server logs the search itself. */
  search(text: string, options: SearchOptions = {}): Promise<SearchResults> {
    const f = options.filters ?? {};
    // Without consent the search carries no visitor ids: the server would log it as theirs.
    const tracked = this.visitor.analytics();
    const query: Record<string, QueryValue> = {
      q: text.trim() === '' ? undefined : text,
      category: many(f.category),
      brand: many(f.brand),
      priceMin: f.priceMin,
      priceMax: f.priceMax,
      inStock: f.inStock,
      sort: options.sort,
      page: options.page,
      pageSize: options.pageSize,
      locale: options.locale,
      facets: options.facets && options.facets.length > 0 ? options.facets.join(',') : undefined,
      customerId: (tracked && this.visitor.customerId()) || undefined,
      anonymousId: (tracked && this.visitor.anonymousId()) || undefined,
      sessionId: (tracked && this.visitor.sessionId()) || undefined,
    };
    for (const [name, value] of Object.entries(f.attributes ?? {})) query[`attr.${name}`] = many(value);
    return this.http.request('GET', '/v1/search', { query, ...(options.signal ? { signal: options.signal } : {}) });
  }

  /** Suggestions for what has been typed so far: popular past queries and matching items. */
  autocomplete(prefix: string, options: AutocompleteOptions = {}): Promise<AutocompleteResult> {
    const query = { q: prefix, queries: options.queries, items: options.items };
    return this.http.request('GET', '/v1/search/autocomplete', {
      query,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }
}
