/**
 * E-commerce event names from the tracking specs stores already use, mapped to Daogou's event types:
 * Segment's E-commerce Spec v2 (also RudderStack's) and Google Analytics 4's recommended e-commerce events.
 */
import type { StandardEventType } from '../domain/index.js';

const NAMES: Record<string, StandardEventType> = {
  // Segment / RudderStack E-commerce Spec v2
  'product viewed': 'view',
  'product clicked': 'click',
  'product added': 'add_to_cart',
  'product removed': 'remove_from_cart',
  'order completed': 'purchase',
  'order refunded': 'refund',
  'products searched': 'search',
  'product added to wishlist': 'wishlist',
  'product reviewed': 'review',
  // Google Analytics 4
  view_item: 'view',
  select_item: 'click',
  add_to_cart: 'add_to_cart',
  remove_from_cart: 'remove_from_cart',
  purchase: 'purchase',
  refund: 'refund',
  search: 'search',
  view_search_results: 'search',
  add_to_wishlist: 'wishlist',
};

/** Daogou's type for an e-commerce event name (case-insensitive for Segment's names); undefined if none. */
export function eventTypeForName(name: string): StandardEventType | undefined {
  return NAMES[name] ?? NAMES[name.trim().toLowerCase()];
}

/** Event types whose properties list several products (an order), one Daogou event per product. */
export const ORDER_TYPES: ReadonlySet<StandardEventType> = new Set(['purchase', 'refund']);

/** A custom event type for a name no spec maps: `custom:` and the name in snake case, e.g. custom:newsletter_signup. */
export function customTypeForName(name: string): string {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  return `custom:${slug || 'event'}`;
}
