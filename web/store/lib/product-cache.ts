/**
 * Products the storefront has already shown, so a product page opens at once from a card, and a reload
 * of it needs no lookup. Kept for the tab in sessionStorage, newest last, capped.
 */
import { learnCategories } from './categories.js';
import type { Product } from './product.js';

const STORAGE_KEY = 'daogou-store.products';
const MAX_PRODUCTS = 300;

const memory = new Map<string, Product>();
let loaded = false;
let saveTimer: ReturnType<typeof setTimeout> | undefined;

function ensureLoaded(): void {
  if (loaded) return;
  loaded = true;
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]');
    if (Array.isArray(parsed)) for (const p of parsed as Product[]) if (typeof p?.id === 'string') memory.set(p.id, p);
  } catch {
    // A damaged cache is simply empty.
  }
}

function scheduleSave(): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    const products = [...memory.values()].slice(-MAX_PRODUCTS);
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(products));
    } catch {
      // Over quota: the in-memory cache still serves this page.
    }
  }, 300);
}

/** Remembers products that arrived from any list (and learns their category names). */
export function rememberProducts(products: readonly Product[]): void {
  if (products.length === 0) return;
  ensureLoaded();
  for (const product of products) {
    memory.delete(product.id);
    memory.set(product.id, product);
  }
  while (memory.size > MAX_PRODUCTS) memory.delete(memory.keys().next().value as string);
  learnCategories(products);
  scheduleSave();
}

/** A product seen before in this tab. */
export function cachedProduct(id: string): Product | undefined {
  ensureLoaded();
  return memory.get(id);
}
