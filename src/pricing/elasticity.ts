/**
 * Price elasticity of demand from a store's own price variation: per item, a log-log regression of units
 * on price with controls (a time trend, the category's demand that period, a promotion flag), then each
 * item's estimate shrunk toward its category's (empirical Bayes, by precision): an item whose price barely
 * moved borrows almost everything from its category, one with a lot of variation keeps its own.
 */
import { ols } from './ols.js';

/** One period of one item's sales. */
export interface PricePoint {
  /** Period index (weeks, days…): only the order and spacing matter. */
  t: number;
  price: number;
  units: number;
  /** Whether a promotion ran (its effect is estimated apart from the price's). */
  promo?: boolean;
}

/** An item's price history, with its category. */
export interface ItemPriceHistory {
  itemId: string;
  category: string;
  points: PricePoint[];
}

/** An elasticity estimate with its uncertainty. */
export interface ElasticityEstimate {
  itemId: string;
  category: string;
  /** Point estimate (negative: demand falls as price rises). */
  elasticity: number;
  /** Standard error and 95% interval. */
  se: number;
  low: number;
  high: number;
  /** Where the estimate comes from: the item's own variation, shrunk, or only the category. */
  source: 'item' | 'shrunk' | 'category';
  /** The item's own regression (before shrinkage), when it had enough price variation. */
  own?: { elasticity: number; se: number; observations: number };
  /** Promotion effect as a multiplier of units, when the history had promotions. */
  promoLift?: { lift: number; low: number; high: number };
  /** Share of the item's weight that is its own (1 − shrinkage). */
  ownWeight: number;
  /**
   * The category's average elasticity with its 95% interval, and how many of its items had enough price
   * variation for their own regression (0: the fallback prior, not an estimate).
   */
  categoryElasticity: { value: number; low: number; high: number; items: number };
}

/** Tuning of {@link estimateElasticities}. */
export interface ElasticityOptions {
  /** Least standard deviation of log price for an item's own regression (default 0.02, i.e. ~2%). */
  minLogPriceSd?: number;
  /** Fewest periods with sales for an item's own regression (default 8). */
  minObservations?: number;
  /** Prior when a category has no item with variation (default −1.5 ± 1, a common retail range). */
  fallback?: { elasticity: number; se: number };
}

const Z95 = 1.959964;

interface OwnFit {
  elasticity: number;
  se: number;
  observations: number;
  promo?: { coef: number; se: number };
}

/** The item's own log-log regression, or undefined when its price did not vary enough. */
function ownRegression(
  points: PricePoint[],
  categoryIndex: ReadonlyMap<number, number>,
  options: Required<Omit<ElasticityOptions, 'fallback'>>,
): OwnFit | undefined {
  const rows = points.filter((p) => p.units > 0 && p.price > 0);
  if (rows.length < options.minObservations) return undefined;
  const lp = rows.map((p) => Math.log(p.price));
  const mean = lp.reduce((a, b) => a + b, 0) / lp.length;
  const sd = Math.sqrt(lp.reduce((a, b) => a + (b - mean) ** 2, 0) / lp.length);
  if (sd < options.minLogPriceSd) return undefined;
  const hasPromo = rows.some((p) => p.promo) && rows.some((p) => !p.promo);
  const withCategory = rows.every((p) => categoryIndex.has(p.t));
  const d = 3 + (withCategory ? 1 : 0) + (hasPromo ? 1 : 0);
  const x = new Float64Array(rows.length * d);
  const y = new Float64Array(rows.length);
  const t0 = rows[0]!.t;
  const span = Math.max(rows[rows.length - 1]!.t - t0, 1);
  rows.forEach((p, i) => {
    let c = i * d;
    x[c++] = 1;
    x[c++] = lp[i]! - mean;
    x[c++] = (p.t - t0) / span;
    if (withCategory) x[c++] = categoryIndex.get(p.t)!;
    if (hasPromo) x[c++] = p.promo ? 1 : 0;
    y[i] = Math.log(p.units);
  });
  const fit = ols(x, y, d);
  if (!fit) return undefined;
  return {
    elasticity: fit.coef[1]!,
    se: fit.se[1]!,
    observations: rows.length,
    ...(hasPromo ? { promo: { coef: fit.coef[d - 1]!, se: fit.se[d - 1]! } } : {}),
  };
}

/** Log of a category's total units per period (centred), excluding nothing: a demand index to control for. */
function categoryIndexes(histories: readonly ItemPriceHistory[]): Map<string, Map<number, number>> {
  const totals = new Map<string, Map<number, number>>();
  for (const h of histories) {
    let byT = totals.get(h.category);
    if (!byT) totals.set(h.category, (byT = new Map<number, number>()));
    for (const p of h.points) byT.set(p.t, (byT.get(p.t) ?? 0) + p.units);
  }
  const out = new Map<string, Map<number, number>>();
  for (const [category, byT] of totals) {
    const logs = [...byT].map(([t, u]) => [t, Math.log(u + 1)] as const);
    const mean = logs.reduce((a, [, v]) => a + v, 0) / Math.max(logs.length, 1);
    // An index that is one item's own sales would soak up its price effect: only categories of several items.
    const items = histories.filter((h) => h.category === category).length;
    out.set(category, items >= 3 ? new Map(logs.map(([t, v]) => [t, v - mean])) : new Map<number, number>());
  }
  return out;
}

/** Elasticities of every item, shrunk toward their categories. */
export function estimateElasticities(
  histories: readonly ItemPriceHistory[],
  options: ElasticityOptions = {},
): ElasticityEstimate[] {
  const opts = { minLogPriceSd: options.minLogPriceSd ?? 0.02, minObservations: options.minObservations ?? 8 };
  const fallback = options.fallback ?? { elasticity: -1.5, se: 1 };
  const indexes = categoryIndexes(histories);
  const own = histories.map((h) => ownRegression(h.points, indexes.get(h.category) ?? new Map<number, number>(), opts));
  // Category prior: precision-weighted mean of its items, and the spread of true elasticities around it
  // (method of moments: observed variance minus the average sampling variance, floored).
  const prior = new Map<string, { mean: number; tau2: number; meanVar: number; se: number; items: number }>();
  for (const category of new Set(histories.map((h) => h.category))) {
    const fits = own.filter((f, i) => f && histories[i]!.category === category) as OwnFit[];
    if (fits.length === 0) {
      prior.set(category, { mean: fallback.elasticity, tau2: fallback.se ** 2, meanVar: 0, se: fallback.se, items: 0 });
      continue;
    }
    let wsum = 0;
    let wmean = 0;
    for (const f of fits) {
      const w = 1 / (f.se * f.se + 1e-6);
      wsum += w;
      wmean += w * f.elasticity;
    }
    wmean /= wsum;
    let spread = 0;
    let sampling = 0;
    for (const f of fits) {
      spread += (f.elasticity - wmean) ** 2;
      sampling += f.se * f.se;
    }
    const tau2 =
      fits.length >= 3 ? Math.max(spread / (fits.length - 1) - sampling / fits.length, 0.05) : fallback.se ** 2;
    prior.set(category, { mean: wmean, tau2, meanVar: 1 / wsum, se: Math.sqrt(1 / wsum + tau2), items: fits.length });
  }
  return histories.map((h, i) => {
    const p = prior.get(h.category)!;
    const f = own[i];
    // The average's own uncertainty; the fallback prior's spread stands in when no item could be fitted.
    const meanSe = p.items > 0 ? Math.sqrt(p.meanVar) : p.se;
    const categoryElasticity = {
      value: p.mean,
      low: p.mean - Z95 * meanSe,
      high: p.mean + Z95 * meanSe,
      items: p.items,
    };
    const promoLift = f?.promo
      ? {
          lift: Math.exp(f.promo.coef),
          low: Math.exp(f.promo.coef - Z95 * f.promo.se),
          high: Math.exp(f.promo.coef + Z95 * f.promo.se),
        }
      : undefined;
    if (!f) {
      return {
        itemId: h.itemId,
        category: h.category,
        elasticity: p.mean,
        se: p.se,
        low: p.mean - Z95 * p.se,
        high: p.mean + Z95 * p.se,
        source: 'category' as const,
        ownWeight: 0,
        categoryElasticity,
      };
    }
    const wOwn = 1 / (f.se * f.se);
    const wPrior = 1 / p.tau2;
    const ownWeight = wOwn / (wOwn + wPrior);
    const elasticity = ownWeight * f.elasticity + (1 - ownWeight) * p.mean;
    // The category mean is itself estimated: its variance passes on in the share the item borrows.
    const se = Math.sqrt(1 / (wOwn + wPrior) + (1 - ownWeight) ** 2 * p.meanVar);
    return {
      itemId: h.itemId,
      category: h.category,
      elasticity,
      se,
      low: elasticity - Z95 * se,
      high: elasticity + Z95 * se,
      source: ownWeight > 0.95 ? ('item' as const) : ('shrunk' as const),
      own: { elasticity: f.elasticity, se: f.se, observations: f.observations },
      ...(promoLift ? { promoLift } : {}),
      ownWeight,
      categoryElasticity,
    };
  });
}
