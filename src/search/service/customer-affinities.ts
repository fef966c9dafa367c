/** A customer's search affinities from their stored profile, cached briefly so a search costs no query. */
import { profileAffinities, type CustomerProfile } from '../../customers/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Store } from '../../store/store.js';
import type { CustomerAffinities } from '../ranking/personalize.js';

const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

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
