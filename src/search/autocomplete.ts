/** Search-as-you-type: popular past queries with the typed prefix, plus the top items for the partial query. */
import type { ProductSearch } from './product-search.js';
import type { QuerySuggester, QuerySuggestion } from './query-suggester.js';
import type { SearchHit, SearchQuery } from './search-types.js';

/** Options of {@link autocomplete}. */
export interface AutocompleteOptions {
  /** Query suggestions to return (default 5). */
  queries?: number;
  /** Items to return (default 5). */
  items?: number;
  /** Filters and personalisation for the item part. */
  search?: Omit<SearchQuery, 'q' | 'limit' | 'prefix'>;
}

/** Autocomplete response. */
export interface AutocompleteResult {
  /** Popular past queries starting with the input. */
  queries: QuerySuggestion[];
  /** Top items for the input read as a prefix query. */
  items: SearchHit[];
}

/** Suggests queries and items for partially typed input. */
export function autocomplete(
  engine: ProductSearch,
  suggester: QuerySuggester | null,
  input: string,
  options: AutocompleteOptions = {},
): AutocompleteResult {
  const queries = suggester ? suggester.suggest(input, options.queries ?? 5) : [];
  const items =
    input.trim().length === 0
      ? []
      : engine.search({
          ...options.search,
          q: input,
          prefix: true,
          limit: options.items ?? 5,
          didYouMean: false,
          highlight: true,
        }).hits;
  return { queries, items };
}
