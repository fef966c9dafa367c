/** The search page's state lives in its URL: query, filters, sort and page, so results can be shared and go back. */
import type { SearchFilters, SearchSort } from '@daogou/sdk';

/** Sort orders the page offers (the API's own names). */
export const SORTS: readonly SearchSort[] = ['relevance', 'price_asc', 'price_desc', 'newest', 'popularity'];

/** Facets the page asks for. */
export const FACETS = ['category', 'brand', 'price', 'color'];

/** What the URL says to search for. */
export interface SearchState {
  query: string;
  categories: string[];
  brands: string[];
  colors: string[];
  /** `min-max`, either end may be empty. */
  price: string | null;
  sort: SearchSort;
  page: number;
}

/** Reads the state from URL parameters; `defaultSort` applies when the URL names none. */
export function readSearchState(params: URLSearchParams, defaultSort: SearchSort): SearchState {
  const sort = params.get('sort');
  const page = Number(params.get('page') ?? '1');
  return {
    query: params.get('q') ?? '',
    categories: params.getAll('category'),
    brands: params.getAll('brand'),
    colors: params.getAll('color'),
    price: params.get('price'),
    sort: SORTS.includes(sort as SearchSort) ? (sort as SearchSort) : defaultSort,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** A price band as a URL value. */
export function priceValue(min: number | null, max: number | null): string {
  return `${min ?? ''}-${max ?? ''}`;
}

function parsePrice(value: string | null): { priceMin?: number; priceMax?: number } {
  if (!value) return {};
  const [min = '', max = ''] = value.split('-');
  const out: { priceMin?: number; priceMax?: number } = {};
  if (min !== '' && Number.isFinite(Number(min))) out.priceMin = Number(min);
  if (max !== '' && Number.isFinite(Number(max))) out.priceMax = Number(max);
  return out;
}

/** The SDK filters for a state; `baseCategory` is the category page's own category. */
export function filtersOf(state: SearchState, baseCategory?: string): SearchFilters {
  const categories = state.categories.length > 0 ? state.categories : baseCategory ? [baseCategory] : [];
  return {
    ...(categories.length > 0 ? { category: categories } : {}),
    ...(state.brands.length > 0 ? { brand: state.brands } : {}),
    ...(state.colors.length > 0 ? { attributes: { color: state.colors } } : {}),
    ...parsePrice(state.price),
  };
}

/** The URL parameters of a state (defaults left out so URLs stay short). */
export function toParams(state: SearchState, defaultSort: SearchSort): URLSearchParams {
  const params = new URLSearchParams();
  if (state.query) params.set('q', state.query);
  for (const c of state.categories) params.append('category', c);
  for (const b of state.brands) params.append('brand', b);
  for (const c of state.colors) params.append('color', c);
  if (state.price) params.set('price', state.price);
  if (state.sort !== defaultSort) params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

/** Adds or removes one value of a multi-valued filter. */
export function toggle(values: readonly string[], value: string): string[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}
