/** Structured filters over documents: category prefix, brand, price range, stock, attributes. */
import type { FacetColumns } from './indexing/facet-columns.js';
import type { SearchDocument } from './search-document.js';

/** A filter value for one attribute: a value or any of several. */
export type AttributeCondition = string | number | boolean | ReadonlyArray<string | number | boolean>;

/** Filters; all given conditions must hold. */
export interface SearchFilters {
  /** Category path prefix ('Home' matches 'Home/Kitchen'); any of several. */
  category?: string | readonly string[];
  /** Brand (case-insensitive); any of several. */
  brand?: string | readonly string[];
  /** Minimum price, inclusive. */
  priceMin?: number;
  /** Maximum price, inclusive. */
  priceMax?: number;
  /** Only items in stock (true) or out of stock (false). */
  inStock?: boolean;
  /** Attribute equality (case-insensitive for strings); an array means any of. */
  attributes?: Record<string, AttributeCondition>;
  /** Restrict to these ids. */
  ids?: readonly string[];
  /**
   * Item id → the price this searcher sees where it is not the document's (a price experiment's variant): the
   * price filters read it, so a customer never gets an item filtered by a price they are not shown.
   */
  prices?: ReadonlyMap<string, number>;
}

/** The price a searcher sees for a document: their own price where `prices` has one, else the document's. */
export function priceReader(
  prices: ReadonlyMap<string, number> | undefined,
): (d: SearchDocument) => number | undefined {
  if (!prices || prices.size === 0) return (d) => d.price;
  return (d) => prices.get(d.id) ?? d.price;
}

const lower = (v: string | number | boolean): string => String(v).toLowerCase();
const asList = <T>(v: T | readonly T[]): readonly T[] => (Array.isArray(v) ? (v as readonly T[]) : [v as T]);

/** True when a category path equals the prefix or lies under it (case-insensitive, whole segments). */
export function categoryUnder(path: string | undefined, prefix: string): boolean {
  if (!path) return false;
  const p = path.toLowerCase();
  const q = prefix.toLowerCase().replace(/\/+$/, '');
  return p === q || p.startsWith(q + '/');
}

/**
 * Compiles filters into a predicate (null when there is nothing to check). With `afterSlotFilter`, the checks
 * that {@link compileSlotFilter} decides exactly from the columns (category, stock, and price unless a searcher's
 * own prices apply) are left out: a search applies that filter first, and then reads no document for them.
 */
export function compileFilters(
  filters: SearchFilters | undefined,
  afterSlotFilter = false,
): ((doc: SearchDocument) => boolean) | null {
  if (!filters) return null;
  const checks: ((d: SearchDocument) => boolean)[] = [];
  const ownPrices = filters.prices !== undefined && filters.prices.size > 0;
  if (filters.category !== undefined && !afterSlotFilter) {
    const cats = asList(filters.category);
    // A filter-only search checks every document, and a catalogue has few distinct paths: each is decided once.
    const decided = new Map<string | undefined, boolean>();
    checks.push((d) => {
      let ok = decided.get(d.category);
      if (ok === undefined) decided.set(d.category, (ok = cats.some((c) => categoryUnder(d.category, c))));
      return ok;
    });
  }
  if (filters.brand !== undefined) {
    const brands = new Set(asList(filters.brand).map(lower));
    const decided = new Map<string, boolean>();
    checks.push((d) => {
      if (d.brand === undefined) return false;
      let ok = decided.get(d.brand);
      if (ok === undefined) decided.set(d.brand, (ok = brands.has(d.brand.toLowerCase())));
      return ok;
    });
  }
  const priceOf = priceReader(filters.prices);
  const priceChecked = !afterSlotFilter || ownPrices;
  if (filters.priceMin !== undefined && priceChecked) {
    const min = filters.priceMin;
    checks.push((d) => {
      const p = priceOf(d);
      return p !== undefined && p >= min;
    });
  }
  if (filters.priceMax !== undefined && priceChecked) {
    const max = filters.priceMax;
    checks.push((d) => {
      const p = priceOf(d);
      return p !== undefined && p <= max;
    });
  }
  if (filters.inStock !== undefined && !afterSlotFilter) {
    const want = filters.inStock;
    // Unknown stock counts as in stock: most catalogues only flag what is sold out.
    checks.push((d) => (d.inStock ?? true) === want);
  }
  if (filters.attributes) {
    for (const [name, value] of Object.entries(filters.attributes)) {
      const allowed = new Set(asList(value).map(lower));
      const decided = new Map<string | number | boolean, boolean>();
      const one = (x: string | number | boolean): boolean => {
        let ok = decided.get(x);
        if (ok === undefined) decided.set(x, (ok = allowed.has(lower(x))));
        return ok;
      };
      checks.push((d) => {
        const v = d.attributes?.[name];
        if (v === undefined) return false;
        // A list matches when any of its values is allowed.
        return Array.isArray(v) ? (v as readonly (string | number)[]).some(one) : one(v as string | number | boolean);
      });
    }
  }
  if (filters.ids) {
    const ids = new Set(filters.ids);
    checks.push((d) => ids.has(d.id));
  }
  if (checks.length === 0) return null;
  return (d) => checks.every((c) => c(d));
}

/**
 * A necessary condition of the category, brand, stock and price filters read from the index's columns (dense
 * arrays by slot), so a filter-only search skips most documents without touching them: a slot it rejects
 * fails `compileFilters`; one it passes still goes through `compileFilters(filters, true)`, which checks what the
 * columns do not decide exactly (brand, attributes, ids, own prices). Null when it has nothing to check.
 * `ownPrice` slots (items whose price this searcher sees differently, see `prices`) pass the price check here and
 * are decided by the full predicate.
 */
export function compileSlotFilter(
  filters: SearchFilters | undefined,
  columns: FacetColumns,
  ownPrice?: ReadonlySet<number>,
): ((slot: number) => boolean) | null {
  if (!filters) return null;
  const checks: ((slot: number) => boolean)[] = [];
  if (filters.category !== undefined) {
    const cats = asList(filters.category);
    const ids = columns.category;
    const values = columns.categories.values;
    // 0: not decided yet, 1: under a wanted path, 2: not. A document without a category (-1) never matches.
    const decided = new Uint8Array(values.length);
    checks.push((slot) => {
      const id = ids[slot]!;
      if (id < 0) return false;
      if (id >= decided.length) return true;
      let ok = decided[id]!;
      if (ok === 0) decided[id] = ok = cats.some((c) => categoryUnder(values[id], c)) ? 1 : 2;
      return ok === 1;
    });
  }
  if (filters.brand !== undefined) {
    const brands = new Set(asList(filters.brand).map(lower));
    const ids = columns.brand;
    const values = columns.brands.values;
    const decided = new Uint8Array(values.length);
    checks.push((slot) => {
      const id = ids[slot]!;
      // No brand or an empty one: the full predicate decides.
      if (id < 0 || id >= decided.length) return true;
      let ok = decided[id]!;
      if (ok === 0) decided[id] = ok = brands.has(values[id]!.toLowerCase()) ? 1 : 2;
      return ok === 1;
    });
  }
  if (filters.inStock !== undefined) {
    // The column holds (inStock ?? true) as 1 (true), 0 (false) or 2 (anything else), as the document check compares.
    const want = filters.inStock === true ? 1 : filters.inStock === false ? 0 : -1;
    const stock = columns.inStock;
    checks.push((slot) => stock[slot] === want);
  }
  if (filters.priceMin !== undefined || filters.priceMax !== undefined) {
    const min = filters.priceMin ?? -Infinity;
    const max = filters.priceMax ?? Infinity;
    const { price, priced } = columns;
    checks.push((slot) => {
      if (ownPrice?.has(slot)) return true;
      if (priced[slot] !== 1) return false;
      const p = price[slot]!;
      return p >= min && p <= max;
    });
  }
  if (checks.length === 0) return null;
  if (checks.length === 1) return checks[0]!;
  return (slot) => {
    for (const check of checks) if (!check(slot)) return false;
    return true;
  };
}
