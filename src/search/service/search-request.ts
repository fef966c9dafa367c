/** The service-level search request and response, and their translation to the library's query. */
import type { FacetCounts } from '../facets.js';
import type { SearchFilters } from '../filters.js';
import type { CustomerAffinities } from '../ranking/personalize.js';
import type { SearchQuery, SearchResponse, SearchSort } from '../search-types.js';
import { documentView, type IndexedDocument, type SearchItemView } from './item-document.js';

/** Result orders as the API names them. */
export const SEARCH_SORTS = ['relevance', 'price_asc', 'price_desc', 'newest', 'popularity'] as const;
/** A result order. */
export type SearchSortName = (typeof SEARCH_SORTS)[number];

/** Default price band edges for the price facet. */
export const DEFAULT_PRICE_BANDS: readonly number[] = [50, 100, 200, 500, 1000, 2000];

/** One search as a client asks for it. */
export interface SearchRequest {
  q?: string;
  /** Category path prefixes (any of). */
  category?: string[];
  /** Brands (any of). */
  brand?: string[];
  priceMin?: number;
  priceMax?: number;
  inStock?: boolean;
  /** Attribute name → allowed values. */
  attributes?: Record<string, string[]>;
  sort?: SearchSortName;
  /** 1-based page. */
  page?: number;
  pageSize?: number;
  /** Personalise with this customer's affinities (and log the search as theirs). */
  customerId?: string;
  anonymousId?: string;
  sessionId?: string;
  /** Locale whose translation each hit also shows (e.g. 'en'). */
  locale?: string;
  /**
   * Facets to count: 'category', 'brand', 'price' and attribute names. None by default: counting walks
   * every match, which costs several times the search itself on broad queries.
   */
  facets?: string[];
  /** Price facet band edges. */
  priceBands?: number[];
  /** Item id → the price this searcher sees where a price experiment sets it: price filters and sorts read it. */
  prices?: ReadonlyMap<string, number>;
}

/** The filters in effect, including price words read from the query. */
export interface AppliedFilters {
  category?: string[];
  brand?: string[];
  priceMin?: number;
  priceMax?: number;
  inStock?: boolean;
  attributes?: Record<string, string[]>;
}

/** One result. */
export interface SearchResultItem {
  id: string;
  score: number;
  pinned: boolean;
  /** The title with `<mark>` around matched words (HTML-escaped), and the matched spans. */
  highlights: { title: string; spans: [number, number][] } | null;
  item: SearchItemView;
  /** The item's text in the requested locale, when it has a translation. */
  localized?: { title?: string; description?: string; category?: string };
}

/** A search response. */
export interface SearchResult {
  query: string;
  total: number;
  page: number;
  pageSize: number;
  items: SearchResultItem[];
  facets: FacetCounts;
  didYouMean?: string;
  appliedFilters: AppliedFilters;
}

const BUILT_IN_FACETS = new Set(['category', 'brand', 'price']);

const SORTS: Record<SearchSortName, SearchSort> = {
  relevance: 'relevance',
  price_asc: 'price-asc',
  price_desc: 'price-desc',
  newest: 'newest',
  popularity: 'popularity',
};

/** The library query for a request. */
export function toLibraryQuery(req: SearchRequest, personalization?: CustomerAffinities): SearchQuery {
  const page = req.page ?? 1;
  const pageSize = req.pageSize ?? 20;
  const filters: SearchFilters = {};
  if (req.category && req.category.length > 0) filters.category = req.category;
  if (req.brand && req.brand.length > 0) filters.brand = req.brand;
  if (req.priceMin !== undefined) filters.priceMin = req.priceMin;
  if (req.priceMax !== undefined) filters.priceMax = req.priceMax;
  if (req.inStock !== undefined) filters.inStock = req.inStock;
  if (req.attributes && Object.keys(req.attributes).length > 0) filters.attributes = req.attributes;
  if (req.prices && req.prices.size > 0) filters.prices = req.prices;
  const query: SearchQuery = {
    q: req.q ?? '',
    filters,
    sort: SORTS[req.sort ?? 'relevance'],
    offset: (page - 1) * pageSize,
    limit: pageSize,
    highlight: true,
  };
  const facets = new Set(req.facets ?? []);
  if (facets.size > 0) {
    const attributes = [...facets].filter((f) => !BUILT_IN_FACETS.has(f));
    query.facets = {
      category: facets.has('category'),
      brand: facets.has('brand'),
      ...(facets.has('price') ? { priceBands: req.priceBands ?? DEFAULT_PRICE_BANDS } : {}),
      ...(attributes.length > 0 ? { attributes } : {}),
      limit: 20,
    };
  }
  if (personalization) query.personalization = personalization;
  return query;
}

/** The service response for a library response. */
export function toSearchResult(req: SearchRequest, res: SearchResponse): SearchResult {
  const applied: AppliedFilters = {};
  if (req.category && req.category.length > 0) applied.category = req.category;
  if (req.brand && req.brand.length > 0) applied.brand = req.brand;
  // Bounds from the query text ("300元以内") narrow explicit ones.
  const min = [req.priceMin, res.parsed.priceMin].filter((v): v is number => v !== undefined);
  const max = [req.priceMax, res.parsed.priceMax].filter((v): v is number => v !== undefined);
  if (min.length > 0) applied.priceMin = Math.max(...min);
  if (max.length > 0) applied.priceMax = Math.min(...max);
  if (req.inStock !== undefined) applied.inStock = req.inStock;
  if (req.attributes && Object.keys(req.attributes).length > 0) applied.attributes = req.attributes;
  const result: SearchResult = {
    query: req.q ?? '',
    total: res.total,
    page: req.page ?? 1,
    pageSize: req.pageSize ?? 20,
    items: res.hits.map((h) => {
      const doc = h.document as IndexedDocument;
      const out: SearchResultItem = {
        id: h.id,
        score: h.score,
        pinned: h.pinned ?? false,
        highlights: h.highlight ? { title: h.highlight.html, spans: h.highlight.spans } : null,
        item: documentView(doc),
      };
      const localized = req.locale === undefined ? undefined : doc.translations?.[req.locale];
      if (localized) out.localized = localized;
      return out;
    }),
    facets: res.facets ?? {},
    appliedFilters: applied,
  };
  if (res.didYouMean !== undefined) result.didYouMean = res.didYouMean;
  return result;
}
