/** Facet counts over a result set: category paths, brands, price bands and attributes. */
import type { SearchDocument } from './search-document.js';

/** Which facets to count. */
export interface FacetRequest {
  /** Count category paths (every prefix level). */
  category?: boolean;
  /** Count brands. */
  brand?: boolean;
  /** Price band edges, ascending: [50, 100] gives <50, 50–100, ≥100. */
  priceBands?: readonly number[];
  /** Attribute names to count. */
  attributes?: readonly string[];
  /** Values kept per facet, most frequent first (default 20). */
  limit?: number;
}

/** A value and how many results have it. */
export interface FacetCount {
  /** Facet value. */
  value: string;
  /** Number of results. */
  count: number;
}

/** A price band and its count; `min` inclusive, `max` exclusive, null for open ends. */
export interface PriceBandCount {
  /** Lower edge (inclusive) or null. */
  min: number | null;
  /** Upper edge (exclusive) or null. */
  max: number | null;
  /** Number of results. */
  count: number;
}

/** Facet counts. */
export interface FacetCounts {
  /** Category paths, including every ancestor level. */
  category?: FacetCount[];
  /** Brands. */
  brand?: FacetCount[];
  /** Price bands in edge order. */
  price?: PriceBandCount[];
  /** Attribute name → value counts. */
  attributes?: Record<string, FacetCount[]>;
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

function top(m: Map<string, number>, limit: number): FacetCount[] {
  return [...m]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, limit);
}

/** Counts the requested facets over documents. */
export function countFacets(docs: Iterable<SearchDocument>, req: FacetRequest): FacetCounts {
  const limit = req.limit ?? 20;
  const cat = new Map<string, number>();
  const brand = new Map<string, number>();
  const edges = req.priceBands ?? [];
  const bands = new Array<number>(edges.length + 1).fill(0);
  const attrs = new Map<string, Map<string, number>>();
  for (const name of req.attributes ?? []) attrs.set(name, new Map());
  for (const d of docs) {
    if (req.category && d.category) {
      const parts = d.category.split('/').filter((p) => p.length > 0);
      for (let i = 1; i <= parts.length; i++) bump(cat, parts.slice(0, i).join('/'));
    }
    if (req.brand && d.brand) bump(brand, d.brand);
    if (req.priceBands && d.price !== undefined) {
      let i = 0;
      while (i < edges.length && d.price >= edges[i]!) i++;
      bands[i]!++;
    }
    for (const [name, m] of attrs) {
      const v = d.attributes?.[name];
      if (v !== undefined) bump(m, String(v));
    }
  }
  const out: FacetCounts = {};
  if (req.category) out.category = top(cat, limit);
  if (req.brand) out.brand = top(brand, limit);
  if (req.priceBands) {
    out.price = bands.map((count, i) => ({
      min: i === 0 ? null : edges[i - 1]!,
      max: i < edges.length ? edges[i]! : null,
      count,
    }));
  }
  if (attrs.size > 0) out.attributes = Object.fromEntries([...attrs].map(([k, m]) => [k, top(m, limit)]));
  return out;
}
