/** A customer's search affinities from their stored profile, cached briefly so a search costs no query. */
import type { CustomerProfile } from '../../customers/profile/customer-profile.js';
import { preferences } from '../../customers/profile/profile-view.js';
import type { Clock } from '../../platform/clock.js';
import type { Store } from '../../store/store.js';
import type { CustomerAffinities } from '../ranking/personalize.js';

const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

/** Reads price band labels of profiles: '25-50' or '1000+'. */
function parseBand(label: string): { min: number; max: number } | null {
  const open = /^(\d+(?:\.\d+)?)\+$/.exec(label);
  if (open) return { min: Number(open[1]), max: Number.MAX_VALUE };
  const range = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(label);
  return range ? { min: Number(range[1]), max: Number(range[2]) } : null;
}

/** Turns a profile's decayed affinities into the shares the search re-ranker uses. */
export function profileAffinities(p: CustomerProfile): CustomerAffinities | null {
  const categories = preferences(p.affinity.category, 10);
  const brands = preferences(p.affinity.brand, 10);
  const bands = preferences(p.affinity.priceBand, 5);
  if (categories.length + brands.length + bands.length === 0) return null;
  return {
    categories: Object.fromEntries(categories.map((c) => [c.key, c.weight])),
    brands: Object.fromEntries(brands.map((b) => [b.key, b.weight])),
    priceBands: bands.flatMap((b) => {
      const band = parseBand(b.key);
      return band ? [{ ...band, weight: b.weight }] : [];
    }),
  };
}

/** Looks up affinities by customer id with a small time-limited cache. */
export class AffinityCache {
  private readonly entries = new Map<string, { at: number; value: CustomerAffinities | null }>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The customer's affinities, or null without a profile. */
  async get(customerId: string): Promise<CustomerAffinities | null> {
    const now = this.clock();
    const hit = this.entries.get(customerId);
    if (hit && now - hit.at < TTL_MS) return hit.value;
    const record = await this.store.profiles.get<CustomerProfile>(customerId);
    const value = record ? profileAffinities(record.profile) : null;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(customerId, { at: now, value });
    return value;
  }

  /** Drops a customer (after erasure). */
  forget(customerId: string): void {
    this.entries.delete(customerId);
  }
}
