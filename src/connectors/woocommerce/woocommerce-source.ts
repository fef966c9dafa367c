/** WooCommerce's REST API v3 collections read for a history import (products, customers, orders). */
import type { PagedSource } from '../rest-pages.js';

/** The collections, in the order an import reads them (items before the events that name them). */
export const WOO_COLLECTIONS = ['products', 'customers', 'orders'] as const;

/** One WooCommerce collection as a paged source, authenticated with the REST API key pair. */
export function wooSource(
  baseUrl: string,
  consumerKey: string,
  consumerSecret: string,
  collection: (typeof WOO_COLLECTIONS)[number],
): PagedSource {
  const root = `${baseUrl.replace(/\/+$/, '')}/wp-json/wc/v3/${collection}`;
  const page = (n: number) => `${root}?per_page=100&page=${n}&orderby=id&order=asc`;
  return {
    first: page(1),
    headers: { authorization: `Basic ${Buffer.from(`${consumerKey}:${consumerSecret}`).toString('base64')}` },
    records: (body) => (Array.isArray(body) ? (body as Record<string, unknown>[]) : []),
    next: (response, url, records) => {
      const current = Number(new URL(url).searchParams.get('page') ?? '1');
      const total = Number(response.headers.get('x-wp-totalpages') ?? NaN);
      if (records === 0 || (Number.isFinite(total) && current >= total)) return undefined;
      return page(current + 1);
    },
  };
}
