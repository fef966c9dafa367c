/** What a recommendation request may ask for, and how it becomes the library's rule set. */
import type { AttributeFilter, Boost, RuleSet } from '../rules.js';

/** Per-request options shared by every surface; everything optional. */
export interface RecommendOptions {
  /** How many items (1–100, default 10). */
  k?: number;
  /** Keep items in any of these categories or below them. */
  categories?: string[];
  priceMin?: number;
  priceMax?: number;
  /** Only items in stock (untracked stock counts as in stock). */
  inStock?: boolean;
  /** Attribute filters: each key must equal the value or one of the listed values ("red,blue" in text). */
  attributes?: Record<string, string | number | boolean | (string | number | boolean)[]>;
  /** Item ids never to return. */
  exclude?: string[];
  /** Leave out what the customer bought (default true). */
  excludePurchased?: boolean;
  /** Leave out what the customer interacted with in the last N days (default 30; 0 keeps seen items). */
  excludeSeenDays?: number;
  /** 0 (pure relevance) … 1 (most varied categories); default 0.2. */
  diversity?: number;
  /** Channel for popularity fallbacks and trending (web, app, store, social, …). */
  channel?: string;
  /** Multiply the scores of matching items. */
  boosts?: { factor: number; category?: string; brand?: string; itemIds?: string[] }[];
  /** Put items at fixed 0-based positions (if they pass the filters). */
  pins?: { itemId: string; position: number }[];
}

/** Defaults. */
export const DEFAULT_K = 10;
/** Default seen-window, days. */
export const DEFAULT_EXCLUDE_SEEN_DAYS = 30;
/** Default diversity. */
export const DEFAULT_DIVERSITY = 0.2;

/** Whether any filter that needs a catalogue scan is set. */
export function hasFilters(o: RecommendOptions): boolean {
  return (
    (o.categories?.length ?? 0) > 0 ||
    o.priceMin !== undefined ||
    o.priceMax !== undefined ||
    o.inStock === true ||
    (o.attributes !== undefined && Object.keys(o.attributes).length > 0)
  );
}

/** The filter part of the options as a library rule set. */
export function filterRules(o: RecommendOptions): RuleSet {
  const rules: RuleSet = {};
  if (o.categories && o.categories.length > 0) rules.categories = o.categories;
  if (o.priceMin !== undefined) rules.minPrice = o.priceMin;
  if (o.priceMax !== undefined) rules.maxPrice = o.priceMax;
  if (o.inStock) rules.inStockOnly = true;
  if (o.attributes && Object.keys(o.attributes).length > 0) rules.attributes = attributeFilter(o.attributes);
  return rules;
}

/** Boosts and pins with item ids turned into model indices (unknown ids dropped). */
export function orderingRules(o: RecommendOptions, index: ReadonlyMap<string, number>): RuleSet {
  const boosts: Boost[] = (o.boosts ?? []).map((b) => ({
    factor: b.factor,
    ...(b.category !== undefined ? { category: b.category } : {}),
    ...(b.brand !== undefined ? { brand: b.brand } : {}),
    ...(b.itemIds ? { items: b.itemIds.map((id) => index.get(id) ?? -1) } : {}),
  }));
  const pins = (o.pins ?? [])
    .map((p) => ({ item: index.get(p.itemId) ?? -1, position: p.position }))
    .filter((p) => p.item >= 0);
  return { boosts, pins };
}

/**
 * Query strings carry text: "true", "42" also match boolean and numeric attributes, and a comma list
 * ("red,blue") any of its values.
 */
function attributeFilter(attrs: NonNullable<RecommendOptions['attributes']>): AttributeFilter {
  const f: AttributeFilter = {};
  for (const [key, value] of Object.entries(attrs)) {
    const values: (string | number | boolean)[] = [];
    for (const v of Array.isArray(value) ? value : [value])
      if (typeof v === 'string') values.push(...v.split(',').map((x) => x.trim()));
      else values.push(v);
    const alts: (string | number | boolean)[] = [];
    for (const v of values) {
      if (v === '') continue;
      alts.push(v);
      if (typeof v !== 'string') continue;
      if (v === 'true' || v === 'false') alts.push(v === 'true');
      if (Number.isFinite(Number(v))) alts.push(Number(v));
    }
    f[key] = alts;
  }
  return f;
}
