/** Read-time view of a profile: derived figures, normalised affinities and lifecycle at a given time. */
import { DAY_MS } from '../types.js';
import type { CustomerProfile } from './customer-profile.js';
import { DEFAULT_LIFECYCLE_OPTIONS, lifecycleStage, type LifecycleOptions, type LifecycleStage } from './lifecycle.js';

/** A weighted preference; weights of one dimension sum to 1. */
export interface Preference {
  key: string;
  weight: number;
}

/** What the API shows for a customer. */
export interface ProfileView {
  customerId: string;
  firstSeen: number;
  lastSeen: number;
  orders: number;
  revenue: number;
  averageOrderValue: number;
  daysSinceLastOrder: number | null;
  lifecycle: LifecycleStage;
  categories: Preference[];
  brands: Preference[];
  priceBands: Preference[];
  channels: string[];
}

/** Scores normalised to shares, highest first, at most `limit`. Decay to "now" cancels in the shares. */
export function preferences(scores: Record<string, number>, limit = 5): Preference[] {
  let total = 0;
  for (const v of Object.values(scores)) total += v;
  if (!(total > 0)) return [];
  return Object.entries(scores)
    .map(([key, v]) => ({ key, weight: v / total }))
    .sort((a, b) => b.weight - a.weight || (a.key < b.key ? -1 : 1))
    .slice(0, limit);
}

/** The share of one key in a dimension (0 when absent). */
export function affinityShare(scores: Record<string, number>, key: string): number {
  const v = scores[key];
  if (!v) return 0;
  let total = 0;
  for (const s of Object.values(scores)) total += s;
  return v / total;
}

/** Derives the read-time view of a profile at `now`. */
export function viewProfile(
  p: CustomerProfile,
  now: number,
  lifecycle: LifecycleOptions = DEFAULT_LIFECYCLE_OPTIONS,
): ProfileView {
  return {
    customerId: p.customerId,
    firstSeen: p.firstSeen,
    lastSeen: p.lastSeen,
    orders: p.orders,
    revenue: p.revenue,
    averageOrderValue: p.orders > 0 ? p.revenue / p.orders : 0,
    daysSinceLastOrder: p.lastOrder === null ? null : (now - p.lastOrder) / DAY_MS,
    lifecycle: lifecycleStage(p, now, lifecycle),
    categories: preferences(p.affinity.category),
    brands: preferences(p.affinity.brand),
    priceBands: preferences(p.affinity.priceBand),
    channels: Object.entries(p.channels)
      .sort((a, b) => b[1] - a[1])
      .map(([c]) => c),
  };
}
