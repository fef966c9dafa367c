/** Facet counts over a result set: category paths, brands, price bands and attributes. */
import { categoryAncestors } from '../domain/index.js';
import type { FacetColumns } from './indexing/facet-columns.js';
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

type Counts<K> = Map<K, { n: number }>;

// A boxed counter costs one hash lookup per bump instead of a get and a set.
function bump<K>(m: Counts<K>, k: K): void {
  const c = m.get(k);
  if (c) c.n++;
  else m.set(k, { n: 1 });
}

function* unboxed<K>(m: Counts<K>): IterableIterator<[K, number]> {
  for (const [k, c] of m) yield [k, c.n];
}

// Value order: more frequent first, then by locale.
function before(count: number, value: string, than: FacetCount): boolean {
  return count > than.count || (count === than.count && value.localeCompare(than.value) < 0);
}

/** The first `limit` values of a stable sort by count then locale, without sorting every value. */
function top(entries: Iterable<[string, number]>, limit: number): FacetCount[] {
  if (!Number.isInteger(limit) || limit < 0) {
    return [...entries]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, limit);
  }
  const out: FacetCount[] = [];
  if (limit === 0) return out;
  for (const [value, count] of entries) {
    // A value that does not sort before the last kept one would land after it, as in a stable sort.
    if (out.length === limit && !before(count, value, out[limit - 1]!)) continue;
    let i = out.length;
    while (i > 0 && before(count, value, out[i - 1]!)) i--;
    out.splice(i, 0, { value, count });
    if (out.length > limit) out.pop();
  }
  return out;
}

// Every ancestor level of a category path, memoised: "a/b/c" → a, a/b, a/b/c.
const LEVELS_CAPACITY = 10_000;
const levelsMemo = new Map<string, string[]>();

function categoryLevels(category: string): string[] {
  let levels = levelsMemo.get(category);
  if (levels === undefined) {
    levels = categoryAncestors(category);
    if (levelsMemo.size >= LEVELS_CAPACITY) levelsMemo.clear();
    levelsMemo.set(category, levels);
  }
  return levels;
}

// Counts by dictionary id, remembering first-seen order so ties come out as they would from a Map.
class IdCounts {
  private readonly counts: Int32Array;
  private readonly seen: number[] = [];

  constructor(size: number) {
    this.counts = new Int32Array(size);
  }

  add(id: number): void {
    const n = this.counts[id]!;
    this.counts[id] = n + 1;
    if (n === 0) this.seen.push(id);
  }

  // Adds the counts to `into` under their values, in first-seen order.
  addTo(into: Map<string, number>, values: readonly string[]): void {
    for (const id of this.seen) {
      const value = values[id]!;
      into.set(value, (into.get(value) ?? 0) + this.counts[id]!);
    }
  }
}

/**
 * Counts facets one document at a time, so ranking can count while it collects matches. Per document it
 * bumps one counter per facet, keyed by the raw value; category paths are expanded into their levels
 * and attribute values turned into strings once per distinct value, in {@link FacetCounter.result}.
 */
export class FacetCounter {
  private readonly cat: Counts<string> = new Map();
  private readonly brand: Counts<string> = new Map();
  private readonly edges: readonly number[];
  private readonly bands: number[];
  private readonly attrNames: readonly string[];
  private readonly attrs: Counts<string | number | boolean>[];
  private readonly catIds: IdCounts | null = null;
  private readonly brandIds: IdCounts | null = null;

  /** Creates an empty counter for a request; with the index's columns, documents added with a slot count by id. */
  constructor(
    private readonly req: FacetRequest,
    private readonly columns: FacetColumns | null = null,
  ) {
    if (columns && req.category) this.catIds = new IdCounts(columns.categories.values.length);
    if (columns && req.brand) this.brandIds = new IdCounts(columns.brands.values.length);
    this.edges = req.priceBands ?? [];
    this.bands = new Array<number>(this.edges.length + 1).fill(0);
    this.attrNames = req.attributes ?? [];
    this.attrs = this.attrNames.map((): Counts<string | number | boolean> => new Map());
  }

  /** Counts one document (pass its slot when the counter has the index's columns). */
  add(d: SearchDocument, slot = -1): void {
    const req = this.req;
    const columns = slot >= 0 ? this.columns : null;
    if (req.category) {
      if (columns) {
        const id = columns.category[slot]!;
        if (id >= 0) this.catIds!.add(id);
      } else if (d.category) bump(this.cat, d.category);
    }
    if (req.brand) {
      if (columns) {
        const id = columns.brand[slot]!;
        if (id >= 0) this.brandIds!.add(id);
      } else if (d.brand) bump(this.brand, d.brand);
    }
    if (req.priceBands) {
      const priced = columns ? columns.priced[slot] === 1 : d.price !== undefined;
      if (priced) {
        const price = columns ? columns.price[slot]! : d.price!;
        const edges = this.edges;
        let i = 0;
        while (i < edges.length && price >= edges[i]!) i++;
        this.bands[i]!++;
      }
    }
    // Only attribute facets read the document (a cache miss per match on a large catalogue).
    const values = this.attrNames.length > 0 ? d.attributes : undefined;
    if (values) {
      for (let a = 0; a < this.attrNames.length; a++) {
        const v = values[this.attrNames[a]!];
        if (v === undefined) continue;
        // A list counts the item once under each of its values.
        if (Array.isArray(v)) for (const x of new Set(v as readonly (string | number)[])) bump(this.attrs[a]!, x);
        else bump(this.attrs[a]!, v as string | number | boolean);
      }
    }
  }

  /** The counts so far, most frequent values first. */
  result(): FacetCounts {
    const req = this.req;
    const limit = req.limit ?? 20;
    const out: FacetCounts = {};
    if (req.category) {
      const byCategory = new Map(unboxed(this.cat));
      if (this.columns) this.catIds?.addTo(byCategory, this.columns.categories.values);
      const levels = new Map<string, number>();
      for (const [category, n] of byCategory) {
        for (const level of categoryLevels(category)) levels.set(level, (levels.get(level) ?? 0) + n);
      }
      out.category = top(levels, limit);
    }
    if (req.brand) {
      const byBrand = new Map(unboxed(this.brand));
      if (this.columns) this.brandIds?.addTo(byBrand, this.columns.brands.values);
      out.brand = top(byBrand, limit);
    }
    if (req.priceBands) {
      const edges = this.edges;
      out.price = this.bands.map((count, i) => ({
        min: i === 0 ? null : edges[i - 1]!,
        max: i < edges.length ? edges[i]! : null,
        count,
      }));
    }
    if (this.attrNames.length > 0) {
      const entries = this.attrNames.map((name, a): [string, FacetCount[]] => {
        // 1 and "1" are one facet value, as they were when counted by their string form.
        const byString = new Map<string, number>();
        for (const [v, { n }] of this.attrs[a]!) byString.set(String(v), (byString.get(String(v)) ?? 0) + n);
        return [name, top(byString, limit)];
      });
      out.attributes = Object.fromEntries(entries);
    }
    return out;
  }
}

/** Counts the requested facets over documents. */
export function countFacets(docs: Iterable<SearchDocument>, req: FacetRequest): FacetCounts {
  const counter = new FacetCounter(req);
  for (const d of docs) counter.add(d);
  return counter.result();
}
