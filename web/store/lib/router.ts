/** Client-side routing under /store/ with real paths (the server answers every /store/* with this page). */
import { observable, useObservable } from './observable.js';

/** The base path of the storefront. */
export const BASE = '/store';

/** A matched page. */
export type Route =
  | { name: 'home' }
  | { name: 'product'; id: string }
  | { name: 'search'; params: URLSearchParams }
  | { name: 'category'; path: string; params: URLSearchParams }
  | { name: 'cart' }
  | { name: 'not-found' };

const location$ = observable(currentUrl());

function currentUrl(): string {
  return window.location.pathname + window.location.search;
}

/** Decodes a path segment; a malformed escape is kept as typed rather than breaking the page. */
function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Maps a URL to a page. */
export function matchRoute(url: string): Route {
  const parsed = new URL(url, window.location.origin);
  const path = parsed.pathname.replace(/\/+$/, '');
  const rest = path.startsWith(BASE) ? path.slice(BASE.length) : path;
  if (rest === '' || rest === '/index.html') return { name: 'home' };
  const [, section = '', ...segments] = rest.split('/');
  if (section === 'product' && segments.length > 0) return { name: 'product', id: decode(segments.join('/')) };
  if (section === 'search') return { name: 'search', params: parsed.searchParams };
  if (section === 'category' && segments.length > 0)
    return { name: 'category', path: segments.map(decode).join('/'), params: parsed.searchParams };
  if (section === 'cart') return { name: 'cart' };
  return { name: 'not-found' };
}

/** The current URL (path and query); components using it re-render on navigation. */
export function useUrl(): string {
  return useObservable(location$);
}

/** Goes to a storefront URL without reloading; `replace` keeps the history entry (filters, sorting). */
export function navigate(url: string, options: { replace?: boolean; keepScroll?: boolean } = {}): void {
  if (url === currentUrl()) return;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  location$.set(currentUrl());
  if (!options.keepScroll) window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => location$.set(currentUrl()));

/** The URL of a product page. */
export function productUrl(id: string): string {
  return `${BASE}/product/${encodeURIComponent(id)}`;
}

/** The URL of a category page; each path segment is escaped so `女装/连衣裙` stays readable as two levels. */
export function categoryUrl(path: string): string {
  return `${BASE}/category/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** The URL of a search. */
export function searchUrl(query: string): string {
  return `${BASE}/search?${new URLSearchParams({ q: query }).toString()}`;
}

/** The URL of the cart. */
export const CART_URL = `${BASE}/cart`;
/** The URL of the home page. */
export const HOME_URL = `${BASE}/`;

/** Whether a click should be left to the browser (new tab, download, modified or non-primary click). */
export function isBrowserClick(event: MouseEvent): boolean {
  return (
    event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey
  );
}
