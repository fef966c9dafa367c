/** Query options and result shapes of {@link ProductSearch}. */
import type { FacetCounts, FacetRequest } from './facets.js';
import type { SearchFilters } from './filters.js';
import type { Highlight } from './highlight.js';
import type { CustomerAffinities } from './ranking/personalize.js';
import type { SearchDocument } from './search-document.js';

/** Result orders. */
export type SearchSort = 'relevance' | 'price-asc' | 'price-desc' | 'newest' | 'popularity';

/** One search request. */
export interface SearchQuery {
  /** Free-text query (may be empty to browse with filters). */
  q?: string;
  /** Structured filters. */
  filters?: SearchFilters;
  /** Facets to count over all matching items. */
  facets?: FacetRequest;
  /** Order (default relevance). */
  sort?: SearchSort;
  /** Results to skip (default 0). */
  offset?: number;
  /** Results to return (default 20). */
  limit?: number;
  /** Treat the last word as a prefix (search-as-you-type); default false. */
  prefix?: boolean;
  /** Return title highlights (default false). */
  highlight?: boolean;
  /** Personalise with this customer's affinities. */
  personalization?: CustomerAffinities;
  /** Read price words in the query ("200元以内", "under $50") as filters (default true). */
  parsePrice?: boolean;
  /** Typo tolerance (default: the engine's setting). */
  typo?: boolean;
  /** Suggest a spelling when words are unknown (default true). */
  didYouMean?: boolean;
  /** A query embedding from an external provider, used with documents' provided vectors. */
  queryVector?: Float32Array;
}

/** One result. */
export interface SearchHit {
  /** Item id. */
  id: string;
  /** Final score (relevance sort) — comparable only within one response. */
  score: number;
  /** The stored document. */
  document: SearchDocument;
  /** Title highlight when requested. */
  highlight?: Highlight;
  /** True when a merchandising rule pinned it. */
  pinned?: boolean;
}

/** A search response. */
export interface SearchResponse {
  /** The page of results. */
  hits: SearchHit[];
  /** Number of matching items (after filters and rules). */
  total: number;
  /** Offset used. */
  offset: number;
  /** Limit used. */
  limit: number;
  /** Facet counts when requested. */
  facets?: FacetCounts;
  /** A spelling suggestion when some words were unknown. */
  didYouMean?: string;
  /** What the query was read as: the text searched and price bounds taken from it. */
  parsed: { text: string; priceMin?: number; priceMax?: number };
}
