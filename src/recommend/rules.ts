/** Business rules over ranked candidates: filters, boosts and pins, all pure. */
import type { History } from './history.js';
import { inCategory } from './item-meta.js';
import type { Candidate, ItemMeta, MetaLookup } from './item-meta.js';

/** Attribute conditions: each key must equal the value, or be one of the listed values. */
export type AttributeFilter = Record<string, string | number | boolean | (string | number | boolean)[]>;

/** A boost multiplies the score of items matching every given condition. */
export interface Boost {
  factor: number;
  category?: string;
  brand?: string;
  attributes?: AttributeFilter;
  items?: number[];
}

/** The rules one request applies; absent fields do nothing. */
export interface RuleSet {
  /** Keep items in any of these categories (or below them). */
  categories?: string[];
  excludeCategories?: string[];
  minPrice?: number;
  maxPrice?: number;
  /** Drop items whose `inStock` is false (unknown stock is kept). */
  inStockOnly?: boolean;
  attributes?: AttributeFilter;
  excludeItems?: Iterable<number>;
  /** Drop items the history has seen, optionally only within the last `withinSeconds` before `now`. */
  excludeSeen?: { history: History; withinSeconds?: number; now?: number };
  boosts?: Boost[];
  /** Put these items at these 0-based positions regardless of score (if they pass filters). */
  pins?: { item: number; position: number }[];
}

/** Filters, boosts (re-sorting by score), then pins; returns a new array, input untouched. */
export function applyRules<T extends Candidate>(candidates: readonly T[], meta: MetaLookup, rules: RuleSet): T[] {
  const excluded = new Set(rules.excludeItems ?? []);
  const seen = rules.excludeSeen;
  if (seen) {
    const h = seen.history;
    const now = seen.now ?? (h.timestamps && h.items.length > 0 ? h.timestamps[h.items.length - 1]! : Infinity);
    for (let p = 0; p < h.items.length; p++) {
      const recent = seen.withinSeconds === undefined || !h.timestamps || now - h.timestamps[p]! <= seen.withinSeconds;
      if (recent) excluded.add(h.items[p]!);
    }
  }
  const kept = candidates.filter((c) => !excluded.has(c.item) && passes(meta(c.item), rules));
  const boosts = rules.boosts ?? [];
  let out = kept.map((c) => {
    let factor = 1;
    for (const b of boosts) if (boostMatches(b, c.item, meta(c.item))) factor *= b.factor;
    return factor === 1 ? c : { ...c, score: c.score * factor };
  });
  if (boosts.length > 0) out = out.sort((a, b) => b.score - a.score || a.item - b.item);
  return pin(out, candidates, rules.pins ?? []);
}

/** True when an item passes every filter of the rule set. */
export function passes(m: ItemMeta | undefined, r: RuleSet): boolean {
  if (r.categories && r.categories.length > 0 && !r.categories.some((c) => inCategory(m?.category, c))) return false;
  if (r.excludeCategories?.some((c) => inCategory(m?.category, c))) return false;
  if (r.minPrice !== undefined && !(m?.price !== undefined && m.price >= r.minPrice)) return false;
  if (r.maxPrice !== undefined && !(m?.price !== undefined && m.price <= r.maxPrice)) return false;
  if (r.inStockOnly && m?.inStock === false) return false;
  if (r.attributes && !attributesMatch(m, r.attributes)) return false;
  return true;
}

function attributesMatch(m: ItemMeta | undefined, f: AttributeFilter): boolean {
  for (const [key, want] of Object.entries(f)) {
    const have = m?.attributes?.[key];
    if (have === undefined) return false;
    const ok = (v: string | number | boolean) => (Array.isArray(want) ? want.includes(v) : want === v);
    // A list-valued attribute (sizes, colours) matches when any of its values does.
    if (isList(have) ? !have.some(ok) : !ok(have)) return false;
  }
  return true;
}

function isList(v: string | number | boolean | readonly string[]): v is readonly string[] {
  return Array.isArray(v);
}

function boostMatches(b: Boost, item: number, m: ItemMeta | undefined): boolean {
  if (b.items && !b.items.includes(item)) return false;
  if (b.category !== undefined && !inCategory(m?.category, b.category)) return false;
  if (b.brand !== undefined && m?.brand?.toLowerCase() !== b.brand.toLowerCase()) return false;
  if (b.attributes && !attributesMatch(m, b.attributes)) return false;
  return true;
}

/** Moves pinned items (taken from the filtered list, else from the originals) to their positions. */
function pin<T extends Candidate>(list: T[], originals: readonly T[], pins: { item: number; position: number }[]): T[] {
  if (pins.length === 0) return list;
  const pinned = new Set(pins.map((p) => p.item));
  const rest = list.filter((c) => !pinned.has(c.item));
  const sorted = [...pins].sort((a, b) => a.position - b.position);
  for (const p of sorted) {
    const c = list.find((x) => x.item === p.item) ?? originals.find((x) => x.item === p.item);
    if (c === undefined || !list.includes(c)) continue; // a pin never resurrects a filtered item
    rest.splice(Math.min(Math.max(0, p.position), rest.length), 0, c);
  }
  return rest;
}
