/** The fields and functions segment rules may use, with their types and accessors. */
import { DAY_MS } from '../types.js';
import { lifecycleStage, LIFECYCLE_STAGES } from '../profile/lifecycle.js';
import { affinityShare, preferences } from '../profile/profile-view.js';
import type { RecentAction } from '../profile/customer-profile.js';
import { RFM_GROUPS } from '../rfm/rfm-groups.js';
import type { SegmentSubject } from './segment-subject.js';

/** Value types of the language (`key` is a string or the keyword `any`). */
export type RuleType = 'number' | 'string' | 'boolean' | 'duration' | 'key';

/** A run-time value. */
export type RuleValue = number | string | boolean;

/** An accessor over a subject at time `now` (epoch ms). */
export type Getter = (s: SegmentSubject, now: number) => RuleValue;

/** A field: its type, allowed values for enumerations, and accessor. */
export interface FieldSpec {
  type: 'number' | 'string' | 'boolean';
  doc: string;
  values?: readonly string[];
  get: Getter;
}

/** A function: literal parameter types, result type, and a factory specialising it to its arguments. */
export interface FunctionSpec {
  params: readonly RuleType[];
  returns: 'number' | 'boolean';
  doc: string;
  /** Arguments are literals: strings, numbers, milliseconds for durations, null for `any`. */
  make: (args: readonly (RuleValue | null)[]) => Getter;
}

/** The names a rule can refer to. */
export interface FieldCatalogue {
  fields: Record<string, FieldSpec>;
  functions: Record<string, FunctionSpec>;
}

const top = (scores: Record<string, number>): string => preferences(scores, 1)[0]?.key ?? '';

const recentFn = (action: RecentAction, doc: string): FunctionSpec => ({
  params: ['key', 'duration'],
  returns: 'boolean',
  doc,
  make: ([key, window]) => {
    const ms = window as number;
    if (key === null) {
      return (s, now) => (s.profile.recent[action]['*'] ?? -Infinity) >= now - ms;
    }
    // A name matches a category or a brand, whichever the customer touched last.
    const category = `c:${key as string}`;
    const brand = `b:${key as string}`;
    return (s, now) => {
      const seen = s.profile.recent[action];
      const since = now - ms;
      return (seen[category] ?? -Infinity) >= since || (seen[brand] ?? -Infinity) >= since;
    };
  },
});

const affinityFn = (dimension: 'category' | 'brand' | 'priceBand', doc: string): FunctionSpec => ({
  params: ['string'],
  returns: 'number',
  doc,
  make: ([key]) => {
    if (dimension === 'category') return (s) => categoryShare(s.profile.affinity.category, key as string);
    return (s) => affinityShare(s.profile.affinity[dimension], key as string);
  },
});

/** Share of a category path together with its subcategories (`女装` covers `女装/连衣裙`). */
function categoryShare(scores: Record<string, number>, path: string): number {
  const prefix = path + '/';
  let part = 0;
  let total = 0;
  for (const k in scores) {
    const v = scores[k]!;
    total += v;
    if (k === path || k.startsWith(prefix)) part += v;
  }
  return total > 0 ? part / total : 0;
}

/** The built-in catalogue: profile, lifecycle, RFM, prediction and cluster fields plus event functions. */
export const DEFAULT_CATALOGUE: FieldCatalogue = {
  fields: {
    orders: { type: 'number', doc: 'number of orders', get: (s) => s.profile.orders },
    revenue: { type: 'number', doc: 'total revenue', get: (s) => s.profile.revenue },
    aov: {
      type: 'number',
      doc: 'average order value (0 without orders)',
      get: (s) => (s.profile.orders > 0 ? s.profile.revenue / s.profile.orders : 0),
    },
    days_since_last_order: {
      type: 'number',
      doc: 'days since the last order (Infinity without orders)',
      get: (s, now) => (s.profile.lastOrder === null ? Infinity : (now - s.profile.lastOrder) / DAY_MS),
    },
    days_since_first_seen: {
      type: 'number',
      doc: 'days since the first event',
      get: (s, now) => (now - s.profile.firstSeen) / DAY_MS,
    },
    lifecycle: {
      type: 'string',
      doc: 'lifecycle stage at evaluation time',
      values: LIFECYCLE_STAGES,
      get: (s, now) => lifecycleStage(s.profile, now),
    },
    top_category: {
      type: 'string',
      doc: 'category with the highest affinity',
      get: (s) => top(s.profile.affinity.category),
    },
    top_brand: { type: 'string', doc: 'brand with the highest affinity', get: (s) => top(s.profile.affinity.brand) },
    price_band: {
      type: 'string',
      doc: 'favourite price band, e.g. "25-50"',
      get: (s) => top(s.profile.affinity.priceBand),
    },
    'rfm.group': { type: 'string', doc: 'named RFM group', values: RFM_GROUPS, get: (s) => s.rfm?.group ?? '' },
    'rfm.r': { type: 'number', doc: 'recency score', get: (s) => s.rfm?.r ?? NaN },
    'rfm.f': { type: 'number', doc: 'frequency score', get: (s) => s.rfm?.f ?? NaN },
    'rfm.m': { type: 'number', doc: 'monetary score', get: (s) => s.rfm?.m ?? NaN },
    churn_risk: {
      type: 'number',
      doc: 'P(no purchase in the churn horizon)',
      get: (s) => s.prediction?.churnRisk ?? NaN,
    },
    p_alive: {
      type: 'number',
      doc: 'BG/NBD probability the customer is active',
      get: (s) => s.prediction?.pAlive ?? NaN,
    },
    clv: { type: 'number', doc: 'predicted lifetime value over the horizon', get: (s) => s.prediction?.clv ?? NaN },
    expected_purchases: {
      type: 'number',
      doc: 'expected purchases over the horizon',
      get: (s) => s.prediction?.expectedPurchases ?? NaN,
    },
    cluster: { type: 'number', doc: 'behavioural cluster id', get: (s) => s.cluster ?? NaN },
  },
  functions: {
    'affinity.category': affinityFn('category', 'share (0..1) of decayed interest in a category'),
    'affinity.brand': affinityFn('brand', 'share (0..1) of decayed interest in a brand'),
    'affinity.price_band': affinityFn('priceBand', 'share (0..1) of decayed interest in a price band'),
    bought: recentFn('purchase', 'bought the category or brand (or anything) within the window'),
    viewed: recentFn('view', 'viewed or clicked the category or brand (or anything) within the window'),
    carted: recentFn('cart', 'added the category or brand (or anything) to the cart within the window'),
    used_channel: {
      params: ['string'],
      returns: 'boolean',
      doc: 'has any event on the channel',
      make:
        ([channel]) =>
        (s) =>
          (s.profile.channels[channel as string] ?? 0) > 0,
    },
  },
};
