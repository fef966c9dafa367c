/** Lifecycle stage from a profile, judged against the customer's own purchase cadence. */
import { DAY_MS } from '../types.js';
import type { CustomerProfile } from './customer-profile.js';

/** Stages in the order a customer typically passes through them. */
export type LifecycleStage = 'prospect' | 'new' | 'active' | 'at_risk' | 'lapsed' | 'churned';

/** All stages, for catalogues and validation. */
export const LIFECYCLE_STAGES: readonly LifecycleStage[] = [
  'prospect',
  'new',
  'active',
  'at_risk',
  'lapsed',
  'churned',
];

/** Thresholds; multipliers apply to the customer's cadence (mean days between orders). */
export interface LifecycleOptions {
  /** A one-order customer is `new` for this many days (default 30). */
  newDays: number;
  /** Cadence assumed for one-order customers (default 60 days; use the store's median gap). */
  defaultCadenceDays: number;
  /** Cadence is clamped to this range so daily or yearly buyers stay judged sensibly (default 7–365). */
  minCadenceDays: number;
  maxCadenceDays: number;
  /** Active up to 1.5 cadences since the last order, at risk to 3, lapsed to 6, then churned. */
  activeGaps: number;
  atRiskGaps: number;
  lapsedGaps: number;
}

/** The documented default thresholds. */
export const DEFAULT_LIFECYCLE_OPTIONS: LifecycleOptions = {
  newDays: 30,
  defaultCadenceDays: 60,
  minCadenceDays: 7,
  maxCadenceDays: 365,
  activeGaps: 1.5,
  atRiskGaps: 3,
  lapsedGaps: 6,
};

/** Mean days between a customer's orders, clamped; the default cadence for fewer than two orders. */
export function cadenceDays(p: CustomerProfile, o: LifecycleOptions = DEFAULT_LIFECYCLE_OPTIONS): number {
  const raw =
    p.orders >= 2 && p.firstOrder !== null && p.lastOrder !== null
      ? (p.lastOrder - p.firstOrder) / DAY_MS / (p.orders - 1)
      : o.defaultCadenceDays;
  return Math.min(o.maxCadenceDays, Math.max(o.minCadenceDays, raw));
}

/** The stage at time `now` (epoch ms). */
export function lifecycleStage(
  p: CustomerProfile,
  now: number,
  o: LifecycleOptions = DEFAULT_LIFECYCLE_OPTIONS,
): LifecycleStage {
  if (p.orders === 0 || p.lastOrder === null) return 'prospect';
  const since = (now - p.lastOrder) / DAY_MS;
  if (p.orders === 1 && since <= o.newDays) return 'new';
  const gap = cadenceDays(p, o);
  if (since <= o.activeGaps * gap) return 'active';
  if (since <= o.atRiskGaps * gap) return 'at_risk';
  if (since <= o.lapsedGaps * gap) return 'lapsed';
  return 'churned';
}
