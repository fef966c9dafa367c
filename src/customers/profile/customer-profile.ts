/** The stored, JSON-serialisable customer profile and the options that shape it. */
import type { BehaviourKind } from '../types.js';

/** Action names in the recent-activity index. */
export type RecentAction = 'purchase' | 'view' | 'cart';

/**
 * A profile is a fold over a customer's events. Affinity scores are recency-decayed sums valued at
 * `affinityTime` (the latest event seen), so folding events in any order gives the same profile.
 */
export interface CustomerProfile {
  customerId: string;
  firstSeen: number;
  lastSeen: number;
  /** Epoch ms of the first and last purchase, or null before the first purchase. */
  firstOrder: number | null;
  lastOrder: number | null;
  orders: number;
  revenue: number;
  /** Non-purchase event counts by kind. */
  behaviour: Partial<Record<BehaviourKind, number>>;
  /** Events per channel (web, app, pos, …). */
  channels: Record<string, number>;
  /** Decayed affinity scores by category, brand and price band label. */
  affinity: { category: Record<string, number>; brand: Record<string, number>; priceBand: Record<string, number> };
  affinityTime: number;
  /** Last time of each action per key: `*` (any), `c:<category>`, `b:<brand>`. */
  recent: Record<RecentAction, Record<string, number>>;
}

/** Options shared by the incremental fold and the batch builder (both must get the same ones). */
export interface ProfileOptions {
  /** Half-life of affinity weights in days (default 90). */
  halfLifeDays: number;
  /** Ascending lower bounds of price bands (default 0, 10, 25, 50, 100, 250, 500, 1000). */
  priceBands: number[];
  /** Affinity weight of one event of each kind (purchases count per order line). */
  weights: Record<BehaviourKind | 'purchase', number>;
}

/** Defaults: purchases weigh most, then carts and wishlists, then views and clicks. */
export const DEFAULT_PROFILE_OPTIONS: ProfileOptions = {
  halfLifeDays: 90,
  priceBands: [0, 10, 25, 50, 100, 250, 500, 1000],
  weights: { purchase: 5, add_to_cart: 3, wishlist: 2, view: 1, click: 1, search: 0 },
};

/** A profile with no events yet. */
export function emptyProfile(customerId: string): CustomerProfile {
  return {
    customerId,
    firstSeen: Infinity,
    lastSeen: -Infinity,
    firstOrder: null,
    lastOrder: null,
    orders: 0,
    revenue: 0,
    behaviour: {},
    channels: {},
    affinity: { category: {}, brand: {}, priceBand: {} },
    affinityTime: -Infinity,
    recent: { purchase: {}, view: {}, cart: {} },
  };
}

/** The label of the price band holding `price`, e.g. `25-50` or `1000+`. */
export function priceBandLabel(price: number, bands: readonly number[]): string {
  let i = 0;
  while (i + 1 < bands.length && price >= bands[i + 1]!) i++;
  const next = bands[i + 1];
  return next === undefined ? `${bands[i]}+` : `${bands[i]}-${next}`;
}

/** A price range; an open top band has `max` = Number.MAX_VALUE. */
export interface PriceRange {
  min: number;
  max: number;
}

/** The range a {@link priceBandLabel} names (`25-50`, `1000+`), or null for a label it never writes. */
export function priceBandRange(label: string): PriceRange | null {
  const open = /^(\d+(?:\.\d+)?)\+$/.exec(label);
  if (open) return { min: Number(open[1]), max: Number.MAX_VALUE };
  const range = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(label);
  return range ? { min: Number(range[1]), max: Number(range[2]) } : null;
}
