/** Incremental profile update: fold one event into a profile, in any order of arrival. */
import { DAY_MS, type CustomerEvent } from '../types.js';
import {
  DEFAULT_PROFILE_OPTIONS,
  emptyProfile,
  type CustomerProfile,
  type ProfileOptions,
} from './customer-profile.js';
import { addSignals, touchRecent } from './event-signals.js';

/** Multiplies every score of a map by `factor` (moving the decay reference forward). */
function scale(scores: Record<string, number>, factor: number): void {
  for (const k of Object.keys(scores)) scores[k] = scores[k]! * factor;
}

/**
 * Folds `event` into `profile` (mutated and returned; pass null to start a new one). A late event is
 * decayed back from the profile's reference time, so arrival order does not change the result.
 */
export function foldEvent(
  profile: CustomerProfile | null,
  event: CustomerEvent,
  options: ProfileOptions = DEFAULT_PROFILE_OPTIONS,
): CustomerProfile {
  return foldEvents(profile, [event], options, event.customerId);
}

/**
 * Folds a customer's events into `profile` at once (mutated and returned; null starts a new one): the same
 * profile as folding them one by one with {@link foldEvent}, up to floating-point rounding of the affinity
 * scores. The scores are decayed once, to the latest time, instead of at every event that moves time forward:
 * folding event by event rescaled every category, brand and price band of the profile per event (hundreds
 * of keys for an active customer), a large share of the tailer's CPU.
 */
export function foldEvents(
  profile: CustomerProfile | null,
  events: readonly CustomerEvent[],
  options: ProfileOptions = DEFAULT_PROFILE_OPTIONS,
  customerId: string = events[0]?.customerId ?? '',
): CustomerProfile {
  const p = profile ?? emptyProfile(customerId);
  const decayPerMs = Math.LN2 / (options.halfLifeDays * DAY_MS);
  let latest = p.affinityTime;
  for (const e of events) if (e.time > latest) latest = e.time;
  if (latest > p.affinityTime) {
    if (Number.isFinite(p.affinityTime)) {
      const factor = Math.exp(-(latest - p.affinityTime) * decayPerMs);
      scale(p.affinity.category, factor);
      scale(p.affinity.brand, factor);
      scale(p.affinity.priceBand, factor);
    }
    p.affinityTime = latest;
  }
  for (const event of events) {
    const t = event.time;
    addSignals(p, event, options, Math.exp(-(p.affinityTime - t) * decayPerMs));
    touchRecent(p, event);
    if (t < p.firstSeen) p.firstSeen = t;
    if (t > p.lastSeen) p.lastSeen = t;
    if (event.channel) p.channels[event.channel] = (p.channels[event.channel] ?? 0) + 1;
    if (event.kind === 'purchase') {
      p.orders++;
      p.revenue += event.amount;
      if (p.firstOrder === null || t < p.firstOrder) p.firstOrder = t;
      if (p.lastOrder === null || t > p.lastOrder) p.lastOrder = t;
    } else {
      p.behaviour[event.kind] = (p.behaviour[event.kind] ?? 0) + 1;
    }
  }
  return p;
}
