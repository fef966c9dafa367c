/** The store's currency, learnt once from the catalogue (revenue figures carry no currency of their own). */
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import type { Item, Paged } from './types.js';

const FALLBACK = 'CNY';
let known: string | undefined;
let pending: Promise<string> | undefined;

function learn(): Promise<string> {
  pending ??= api<Paged<'items', Item>>('/v1/items', { query: { limit: 1 } }).then(
    (page) => (known = page.items[0]?.currency ?? FALLBACK),
    () => {
      // Try again on the next page rather than keep a failure.
      pending = undefined;
      return FALLBACK;
    },
  );
  return pending;
}

/** The store currency code (CNY until it is known). */
export function useCurrency(): string {
  const [currency, setCurrency] = useState(known ?? FALLBACK);
  useEffect(() => {
    if (known === undefined) void learn().then(setCurrency);
  }, []);
  return currency;
}
