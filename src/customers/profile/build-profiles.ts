/**
 * Batch profile build. It computes the decayed sums directly against each customer's latest event
 * instead of folding, so the property test comparing it with {@link foldEvent} checks two derivations.
 */
import { DAY_MS, type CustomerEvent } from '../types.js';
import {
  DEFAULT_PROFILE_OPTIONS,
  emptyProfile,
  type CustomerProfile,
  type ProfileOptions,
} from './customer-profile.js';
import { addSignals, touchRecent } from './event-signals.js';

/** Builds every customer's profile from a batch of events (any order). */
export function buildProfiles(
  events: readonly CustomerEvent[],
  options: ProfileOptions = DEFAULT_PROFILE_OPTIONS,
): Map<string, CustomerProfile> {
  const profiles = new Map<string, CustomerProfile>();
  // Pass 1: the reference time of every profile is its latest event.
  for (const e of events) {
    let p = profiles.get(e.customerId);
    if (!p) {
      p = emptyProfile(e.customerId);
      profiles.set(e.customerId, p);
    }
    if (e.time > p.affinityTime) p.affinityTime = e.time;
  }
  const decayPerMs = Math.LN2 / (options.halfLifeDays * DAY_MS);
  for (const e of events) {
    const p = profiles.get(e.customerId)!;
    const t = e.time;
    addSignals(p, e, options, Math.exp(-(p.affinityTime - t) * decayPerMs));
    touchRecent(p, e);
    p.firstSeen = Math.min(p.firstSeen, t);
    p.lastSeen = Math.max(p.lastSeen, t);
    if (e.channel) p.channels[e.channel] = (p.channels[e.channel] ?? 0) + 1;
    if (e.kind === 'purchase') {
      p.orders++;
      p.revenue += e.amount;
      p.firstOrder = p.firstOrder === null ? t : Math.min(p.firstOrder, t);
      p.lastOrder = p.lastOrder === null ? t : Math.max(p.lastOrder, t);
    } else {
      p.behaviour[e.kind] = (p.behaviour[e.kind] ?? 0) + 1;
    }
  }
  return profiles;
}
