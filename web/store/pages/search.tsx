/** Search results and category pages: one view over `client.search`, its state kept in the URL. */
import type { SearchFacets, SearchSort } from '@daogou/sdk';
import { useRef, useState } from 'preact/hooks';
import { Facets } from '../components/facets.js';
import { Link } from '../components/link.js';
import { ProductCard } from '../components/product-card.js';
import { Shelf } from '../components/shelf.js';
import { useCategoryName } from '../lib/categories.js';
import { identity$ } from '../lib/client.js';
import { useI18n } from '../lib/i18n.js';
import { useObservable } from '../lib/observable.js';
import { rememberProducts } from '../lib/product-cache.js';
import { toProduct } from '../lib/product.js';
import { BASE, HOME_URL, categoryUrl, navigate, searchUrl } from '../lib/router.js';
import { FACETS, SORTS, filtersOf, readSearchState, toParams, type SearchState } from '../lib/search-params.js';
import { trackClick } from '../lib/tracking.js';
import { useAsync } from '../lib/use-async.js';

const PAGE_SIZE = 24;

const SORT_LABELS = {
  relevance: 'sortRelevance',
  price_asc: 'sortPriceAsc',
  price_desc: 'sortPriceDesc',
  newest: 'sortNewest',
  popularity: 'sortPopularity',
} as const satisfies Record<SearchSort, string>;

/** Props of SearchView: the URL parameters, and the category for a category page. */
export interface SearchViewProps {
  params: URLSearchParams;
  category?: string;
}

/** The results view. */
export function SearchView({ params, category }: SearchViewProps) {
  const { lang, t } = useI18n();
  const categoryName = useCategoryName(lang);
  const { version } = useObservable(identity$);
  const [filtersOpen, setFiltersOpen] = useState(false);
  // Without words, relevance means nothing: a category opens on what sells.
  const defaultSort: SearchSort = params.get('q') ? 'relevance' : 'popularity';
  const state = readSearchState(params, defaultSort);
  const key = `${category ?? ''}?${params.toString()}`;
  const pathBase = category ? categoryUrl(category) : `${BASE}/search`;

  const results = useAsync(
    async (client, signal) => {
      const found = await client.search(state.query, {
        filters: filtersOf(state, category),
        facets: FACETS,
        sort: state.sort,
        page: state.page,
        pageSize: PAGE_SIZE,
        signal,
      });
      const products = found.items.map((hit) => toProduct(hit.item));
      rememberProducts(products);
      return { found, products, client };
    },
    [key, version],
  );

  const go = (next: SearchState) => {
    const query = toParams(next, defaultSort).toString();
    navigate(query ? `${pathBase}?${query}` : pathBase, { keepScroll: true });
  };

  const data = results.data;
  const found = data?.found;
  // The facet panel keeps the last counts while the next page loads, so it does not jump away under the pointer.
  const lastFacets = useRef<SearchFacets | undefined>(undefined);
  if (found) lastFacets.current = found.facets;
  const facets = found?.facets ?? lastFacets.current;
  const pages = found ? Math.max(1, Math.ceil(found.total / PAGE_SIZE)) : 1;
  const heading = category
    ? categoryName(category)
    : state.query
      ? t('resultsFor', { q: state.query })
      : t('allProducts');
  const currency = data?.products.find((p) => p.currency)?.currency ?? 'CNY';

  return (
    <div class="container page">
      {category && (
        <nav class="breadcrumb" aria-label="breadcrumb">
          <Link href={HOME_URL}>{t('home')}</Link>
          {category.split('/').map((_, i, parts) => {
            const path = parts.slice(0, i + 1).join('/');
            return (
              <span key={path}>
                <span class="crumb-sep">/</span>
                <Link href={categoryUrl(path)}>{categoryName(path)}</Link>
              </span>
            );
          })}
        </nav>
      )}
      <div class="results-head">
        <div>
          <h1 class="page-title">{heading}</h1>
          {found && (
            <p class="result-count" data-testid="search-count" data-count={found.total}>
              {t('results', { n: found.total })}
            </p>
          )}
          {found?.didYouMean && (
            <p class="did-you-mean" data-testid="did-you-mean">
              {t('didYouMean')}{' '}
              <Link href={searchUrl(found.didYouMean)} data-query={found.didYouMean}>
                {found.didYouMean}
              </Link>
              {lang === 'zh' ? '？' : '?'}
            </p>
          )}
        </div>
        <div class="results-tools">
          <button type="button" class="button filters-toggle" onClick={() => setFiltersOpen((o) => !o)}>
            {t('filters')}
          </button>
          <label class="sort">
            <span>{t('sortBy')}</span>
            <select
              data-testid="sort-select"
              value={state.sort}
              onChange={(event) => go({ ...state, sort: event.currentTarget.value as SearchSort, page: 1 })}
            >
              {SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {t(SORT_LABELS[sort])}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <div class="results-layout">
        {facets ? (
          <Facets
            facets={facets}
            state={state}
            baseCategory={category}
            currency={currency}
            onChange={go}
            open={filtersOpen}
          />
        ) : (
          <aside class="facets" aria-hidden="true" />
        )}
        <div class="results-main">
          {results.error !== undefined && !data ? (
            <p class="muted">
              {t('loadFailed')}{' '}
              <button type="button" class="link-button" onClick={results.retry}>
                {t('retry')}
              </button>
            </p>
          ) : !data ? (
            <div class="grid" aria-busy="true">
              {Array.from({ length: 8 }, (_, i) => (
                <div key={i} class="card skeleton" />
              ))}
            </div>
          ) : data.products.length === 0 ? (
            <>
              <p class="empty-results">{t('noResults')}</p>
              <div data-testid="search-results" class="grid" />
              <Shelf
                testId="shelf-suggested"
                surface="zero-results"
                title={t('youMayLike')}
                deps={[]}
                load={(client, signal) => client.recommendations.trending({ k: 12, inStock: true, signal })}
              />
            </>
          ) : (
            <div class="grid" data-testid="search-results">
              {data.products.map((product, position) => (
                <ProductCard
                  key={product.id}
                  product={product}
                  highlightedTitle={data.found.items[position]?.highlights?.title}
                  onSelect={() =>
                    trackClick(data.client, product, {
                      surface: category ? 'category' : 'search',
                      query: state.query,
                      position: (state.page - 1) * PAGE_SIZE + position,
                    })
                  }
                />
              ))}
            </div>
          )}
          {found && pages > 1 && (
            <nav class="pager" aria-label={t('page', { n: state.page })}>
              <button
                type="button"
                class="button"
                disabled={state.page <= 1}
                onClick={() => {
                  go({ ...state, page: state.page - 1 });
                  window.scrollTo(0, 0);
                }}
              >
                ‹ {t('previous')}
              </button>
              <span class="pager-status">
                {state.page} / {pages}
              </span>
              <button
                type="button"
                class="button"
                disabled={state.page >= pages}
                onClick={() => {
                  go({ ...state, page: state.page + 1 });
                  window.scrollTo(0, 0);
                }}
              >
                {t('next')} ›
              </button>
            </nav>
          )}
        </div>
      </div>
    </div>
  );
}
