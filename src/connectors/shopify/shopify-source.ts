/** Shopify's Admin REST API collections read for a history import (products, customers, orders, checkouts). */
import { linkNext, type PagedSource } from '../rest-pages.js';

/** The Admin API version Daogou reads. */
export const SHOPIFY_API_VERSION = '2024-10';

/** The collections, in the order an import reads them (items before the events that name them). */
export const SHOPIFY_COLLECTIONS = ['products', 'customers', 'orders', 'checkouts'] as const;

/** One Shopify collection as a paged source. */
export function shopifySource(
  baseUrl: string,
  accessToken: string,
  collection: (typeof SHOPIFY_COLLECTIONS)[number],
): PagedSource {
  const query = collection === 'orders' ? 'limit=250&status=any' : 'limit=250';
  return {
    first: `${baseUrl.replace(/\/+$/, '')}/admin/api/${SHOPIFY_API_VERSION}/${collection}.json?${query}`,
    headers: { 'x-shopify-access-token': accessToken },
    records: (body) => {
      const list = (body as Record<string, unknown>)[collection];
      return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
    },
    next: (response) => linkNext(response.headers.get('link')),
  };
}
