/**
 * What one event contributes to a profile: weighted affinity signals and recent-activity keys. Shared by
 * the incremental fold and the batch build so both count the same things; they differ only in how decay
 * is applied. Hot path: no callbacks, and key strings are interned once instead of built per event.
 */
import { categoryAncestors } from '../../domain/index.js';
import type { CustomerEvent } from '../types.js';
import { priceBandLabel, type CustomerProfile, type ProfileOptions, type RecentAction } from './customer-profile.js';

const categoryKeys = new Map<string, string[]>();
const brandKeys = new Map<string, string>();
const bandLabels = new WeakMap<readonly number[], string[]>();

function prefixed(cache: Map<string, string>, prefix: string, name: string): string {
  let key = cache.get(name);
  if (key === undefined) {
    key = prefix + name;
    // The cache is bounded by the number of distinct categories and brands, which is small.
    if (cache.size < 100_000) cache.set(name, key);
  }
  return key;
}

/**
 * Recent-activity keys of a category path and its ancestors (`c:女装`, `c:女装/连衣裙`), so a rule on a
 * department matches purchases in any of its subcategories.
 */
function categoryPathKeys(path: string): string[] {
  let keys = categoryKeys.get(path);
  if (keys === undefined) {
    keys = categoryAncestors(path).map((level) => 'c:' + level);
    if (categoryKeys.size < 100_000) categoryKeys.set(path, keys);
  }
  return keys;
}

function bandOf(price: number, bands: readonly number[]): string {
  let labels = bandLabels.get(bands);
  if (!labels) {
    labels = bands.map((b) => priceBandLabel(b, bands));
    bandLabels.set(bands, labels);
  }
  let i = 0;
  while (i + 1 < bands.length && price >= bands[i + 1]!) i++;
  return labels[i]!;
}

function add(scores: Record<string, number>, key: string, amount: number): void {
  scores[key] = (scores[key] ?? 0) + amount;
}

/** Adds the event's affinity signals to the profile, each multiplied by `factor` (its decay). */
export function addSignals(p: CustomerProfile, event: CustomerEvent, options: ProfileOptions, factor: number): void {
  const a = p.affinity;
  if (event.kind === 'purchase') {
    const w = options.weights.purchase * factor;
    for (const item of event.items ?? []) {
      if (item.category) add(a.category, item.category, w);
      if (item.brand) add(a.brand, item.brand, w);
      add(a.priceBand, bandOf(item.price, options.priceBands), w);
    }
    return;
  }
  const w = options.weights[event.kind] * factor;
  if (!(w > 0)) return;
  if (event.category) add(a.category, event.category, w);
  if (event.brand) add(a.brand, event.brand, w);
  if (event.price !== undefined) add(a.priceBand, bandOf(event.price, options.priceBands), w);
}

/** The recent-activity action an event counts as, if any. */
export function recentAction(event: CustomerEvent): RecentAction | null {
  if (event.kind === 'purchase') return 'purchase';
  if (event.kind === 'view' || event.kind === 'click') return 'view';
  if (event.kind === 'add_to_cart') return 'cart';
  return null;
}

function touch(recent: Record<string, number>, key: string, t: number): void {
  const previous = recent[key];
  if (previous === undefined || t > previous) recent[key] = t;
}

/**
 * Records the event time under `*`, `c:<category>` (and each ancestor of a `/` path) and `b:<brand>`. Item ids are left out on purpose:
 * they would make the index grow with the catalogue and slow every profile.
 */
export function touchRecent(p: CustomerProfile, event: CustomerEvent): void {
  const action = recentAction(event);
  if (!action) return;
  const recent = p.recent[action];
  const t = event.time;
  touch(recent, '*', t);
  if (event.kind === 'purchase') {
    for (const item of event.items ?? []) {
      if (item.category) for (const key of categoryPathKeys(item.category)) touch(recent, key, t);
      if (item.brand) touch(recent, prefixed(brandKeys, 'b:', item.brand), t);
    }
    return;
  }
  if (event.category) for (const key of categoryPathKeys(event.category)) touch(recent, key, t);
  if (event.brand) touch(recent, prefixed(brandKeys, 'b:', event.brand), t);
}
