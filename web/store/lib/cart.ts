/** The cart, kept in localStorage per identity (each demo shopper and the anonymous visitor have their own). */
import { randomId, type DaogouClient } from '@daogou/sdk';
import { identity$ } from './client.js';
import { observable } from './observable.js';
import type { Product } from './product.js';
import { attributionOf } from './tracking.js';

/** One line of the cart; the product is kept so the cart renders without asking the server. */
export interface CartLine {
  product: Product;
  quantity: number;
  /** The recommendation list the item was added from (attribution of the purchase). */
  recommendationId?: string;
}

const keyFor = (shopperId: string | null) => `daogou-store.cart.${shopperId ?? 'anonymous'}`;

function load(shopperId: string | null): CartLine[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(keyFor(shopperId)) ?? '[]');
    return Array.isArray(parsed)
      ? (parsed as CartLine[]).filter((l) => typeof l?.product?.id === 'string' && l.quantity > 0)
      : [];
  } catch {
    return [];
  }
}

/** The current identity's cart lines. */
export const cart$ = observable<readonly CartLine[]>(load(identity$.get().shopperId));

identity$.subscribe(() => cart$.set(load(identity$.get().shopperId)));

function save(lines: readonly CartLine[]): void {
  cart$.set(lines);
  try {
    localStorage.setItem(keyFor(identity$.get().shopperId), JSON.stringify(lines));
  } catch {
    // The cart lives until the page closes.
  }
}

/** Units in the cart. */
export function cartUnits(lines: readonly CartLine[]): number {
  return lines.reduce((sum, line) => sum + line.quantity, 0);
}

/** The cart's value. */
export function cartTotal(lines: readonly CartLine[]): number {
  return Math.round(lines.reduce((sum, line) => sum + (line.product.price ?? 0) * line.quantity, 0) * 100) / 100;
}

function priceFields(product: Product) {
  return {
    ...(product.price !== null ? { price: product.price } : {}),
    ...(product.currency !== null ? { currency: product.currency } : {}),
  };
}

/** Puts one unit of a product in the cart and tracks it. */
export function addToCart(client: DaogouClient, product: Product): void {
  const lines = cart$.get();
  const existing = lines.find((l) => l.product.id === product.id);
  const recommendationId = existing?.recommendationId ?? attributionOf(product.id);
  const line: CartLine = {
    product,
    quantity: (existing?.quantity ?? 0) + 1,
    ...(recommendationId ? { recommendationId } : {}),
  };
  save(existing ? lines.map((l) => (l === existing ? line : l)) : [...lines, line]);
  client.addToCart(product.id, { ...priceFields(product), ...(recommendationId ? { recommendationId } : {}) });
  void client.flush();
}

/** Takes units out of the cart (all of them when `quantity` is omitted) and tracks it. */
export function removeFromCart(client: DaogouClient, itemId: string, quantity?: number): void {
  const lines = cart$.get();
  const line = lines.find((l) => l.product.id === itemId);
  if (!line) return;
  const removed = Math.min(line.quantity, quantity ?? line.quantity);
  const left = line.quantity - removed;
  save(left > 0 ? lines.map((l) => (l === line ? { ...l, quantity: left } : l)) : lines.filter((l) => l !== line));
  client.removeFromCart(itemId, { quantity: removed, ...priceFields(line.product) });
  void client.flush();
}

/**
 * Places the order the way a shop does: the page sends the cart to the shop's own server (here the demo
 * server, at /store/checkout), which records the purchases with its catalogue's prices; a browser key may not.
 */
export async function checkout(client: DaogouClient, shopperId: string | null): Promise<string> {
  const lines = cart$.get();
  const orderId = `web-${randomId()}`;
  const anonymousId = client.visitor().anonymousId;
  await client.flush();
  const response = await fetch('/store/checkout', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      orderId,
      ...(anonymousId !== null ? { anonymousId } : {}),
      ...(shopperId !== null ? { shopperId } : {}),
      items: lines.map((line) => ({
        itemId: line.product.id,
        quantity: line.quantity,
        ...(line.recommendationId ? { recommendationId: line.recommendationId } : {}),
      })),
    }),
  });
  if (!response.ok) throw new Error(`the order was not placed (${response.status})`);
  await client.flush();
  save([]);
  return orderId;
}
