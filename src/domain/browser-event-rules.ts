/**
 * What a browser (public) key may send on its own. Its key is in every page, so anyone can send anything
 * with it: behaviour is accepted within bounds, while money (purchases, refunds) and system events
 * (`custom:*`, which journeys and segments act on) need the merchant server's signature or a secret key.
 */
import type { FieldIssue } from './errors.js';
import type { EventInput } from './event.js';

/** Event types a browser key may send unsigned: what a shopper does on a page. */
export const BROWSER_EVENT_TYPES: ReadonlySet<string> = new Set([
  'view',
  'click',
  'add_to_cart',
  'remove_from_cart',
  'search',
  'wishlist',
  'review',
  'rating',
]);

/** Per-event bounds for a browser key. */
export interface BrowserEventLimits {
  maxQuantity: number;
  maxPrice: number;
}

/**
 * Issues with an event sent by a browser key; `signed` says the event carries a valid server signature,
 * which lifts the type rule and the bounds (the server vouched for those numbers).
 */
export function browserEventIssues(event: EventInput, limits: BrowserEventLimits, signed: boolean): FieldIssue[] {
  if (signed) return [];
  const issues: FieldIssue[] = [];
  if (!BROWSER_EVENT_TYPES.has(event.type)) {
    issues.push({
      field: 'type',
      message: `a browser key may send ${event.type} events only with \`signature\` from your server (or send them with a secret key)`,
    });
  }
  if (event.quantity !== undefined && event.quantity > limits.maxQuantity)
    issues.push({ field: 'quantity', message: `must be at most ${limits.maxQuantity} with a browser key` });
  if (event.price !== undefined && event.price > limits.maxPrice)
    issues.push({ field: 'price', message: `must be at most ${limits.maxPrice} with a browser key` });
  if (event.revenue !== undefined)
    issues.push({ field: 'revenue', message: 'a browser key may not send revenue without `signature`' });
  return issues;
}
