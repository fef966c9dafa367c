/** Product search: an in-memory engine over catalogue documents, plus batch search and evaluation helpers. */
export { autocomplete } from './autocomplete.js';
export type { AutocompleteOptions, AutocompleteResult } from './autocomplete.js';
export { batchSearch, readItemsCsv } from './batch/batch-search.js';
export type { BatchSearchOptions, BatchSearchSummary } from './batch/batch-search.js';
export { DEFAULT_SYNONYMS } from './query/default-synonyms.js';
export type { EmbeddingProvider } from './embedding-provider.js';
export type { FacetCount, FacetCounts, FacetRequest, PriceBandCount } from './facets.js';
export type { AttributeCondition, SearchFilters } from './filters.js';
export type { Highlight } from './highlight.js';
export { loadHomeDepot, meanNdcg } from './evaluate/homedepot-eval.js';
export type { HomeDepotData } from './evaluate/homedepot-eval.js';
export { learnSynonyms, toSynonymRules } from './query/learn-synonyms.js';
export type { LearnedSynonym, LearnSynonymsOptions, SearchClickPair } from './query/learn-synonyms.js';
export type { MerchandisingRule, RuleAdjustment } from './ranking/merchandising.js';
export { ndcgAt } from './evaluate/ndcg.js';
export type { CustomerAffinities } from './ranking/personalize.js';
export { parsePriceQuery } from './query/price-query.js';
export type { PriceQuery } from './query/price-query.js';
export { ProductSearch } from './product-search.js';
export type { ProductSearchOptions, SearchStats, SerializedProductSearch } from './product-search.js';
export { QuerySuggester } from './query-suggester.js';
export type { QuerySuggestion } from './query-suggester.js';
export type { SearchDocument, DocumentTranslation } from './search-document.js';
export type { SearchHit, SearchQuery, SearchResponse, SearchSort } from './search-types.js';
export { SemanticModel } from './ranking/semantic-model.js';
export type { SemanticTrainOptions, SerializedSemanticModel } from './ranking/semantic-model.js';
export { SynonymSet } from './query/synonyms.js';
export type { SynonymRule } from './query/synonyms.js';

// Services and what the engine, jobs, server and CLI compose from them.
export { checkItemsCsv } from './service/check-items-csv.js';
export { refreshSearch } from './service/search-refresh.js';
export { SEARCH_SORTS, type SearchRequest } from './service/search-request.js';
export { SearchService } from './service/search-service.js';
