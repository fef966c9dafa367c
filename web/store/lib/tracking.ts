/**
 * Behaviour tracking through the SDK. A click on a recommended card carries the list's recommendationId;
 * the id is remembered for the tab so that the add-to-cart and the purchase that follow are attributed too.
 */
import type { DaogouClient } from '@daogou/sdk';
import type { Product } from './product.js';

const ATTRIBUTION_KEY = 'daogou-store.attribution';
const MAX_REMEMBERED = 200;

function loadAttribution(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(ATTRIBUTION_KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function rememberAttribution(itemId: string, recommendationId: string): void {
  const entries = Object.entries(loadAttribution()).filter(([id]) => id !== itemId);
  entries.push([itemId, recommendationId]);
  try {
    sessionStorage.setItem(ATTRIBUTION_KEY, JSON.stringify(Object.fromEntries(entries.slice(-MAX_REMEMBERED))));
  } catch {
    // Attribution of later events is lost; the click itself is still tracked.
  }
}

/** The recommendation list the visitor reached this item from in this tab, if any. */
export function attributionOf(itemId: string): string | undefined {
  return loadAttribution()[itemId];
}

/** Where a product card was clicked. */
export interface ClickSource {
  /** The list's id, for recommended cards. */
  recommendationId?: string;
  /** For analytics: `for-you`, `similar`, `search`, … */
  surface: string;
  /** The search query, for search results. */
  query?: string;
  position: number;
}

/** Tracks a click on a product card. */
export function trackClick(client: DaogouClient, product: Product, source: ClickSource): void {
  if (source.recommendationId) rememberAttribution(product.id, source.recommendationId);
  client.click(product.id, {
    ...(source.recommendationId ? { recommendationId: source.recommendationId } : {}),
    // The API takes no empty query: a click in a category page has none.
    ...(source.query ? { query: source.query } : {}),
    properties: { surface: source.surface, position: source.position },
  });
}

/** Tracks a product page view (it also feeds the SDK's recently viewed items for anonymous lists). */
export function trackView(client: DaogouClient, product: Product): void {
  client.view(product.id, {
    ...(product.price !== null ? { price: product.price } : {}),
    ...(product.currency !== null ? { currency: product.currency } : {}),
  });
  void client.flush();
}
