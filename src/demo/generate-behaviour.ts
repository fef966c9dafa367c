/** Plays the history day by day: who visits, what they do; yields each day's events in time order. */
import type { EventInput } from '../domain/index.js';
import type { DemoCatalogue } from './generate-catalogue.js';
import type { DemoShoppers, ShopperProfile } from './generate-customers.js';
import { DAY_MS, dayTraffic } from './demo-time.js';
import type { Random } from './random.js';
import { SessionSimulator, type DeferredEvent, type Shopper, type ShopperState } from './simulate-session.js';

/** Days before sign-up during which a future customer may browse anonymously. */
const PRE_SIGNUP_DAYS = 14;

/**
 * Yields one batch per day, oldest first, each sorted by time with ids `demo-e0000001`… assigned in order,
 * so the whole log is in time order and only a day's events are held at once.
 */
export function* generateBehaviour(
  random: Random,
  catalogue: DemoCatalogue,
  shoppers: DemoShoppers,
  anchor: number,
  days: number,
): Generator<EventInput[], void, undefined> {
  const windowStart = anchor - days * DAY_MS;
  const simulator = new SessionSimulator(random, catalogue);
  const everyone = [...shoppers.profiles, ...shoppers.visitors];
  const states: ShopperState[] = everyone.map(() => ({ cart: [], consumables: [] }));
  const anonymousStates = new Map<string, ShopperState>();
  const pending = new Map<number, EventInput[]>();
  let meanTraffic = 0;
  for (let d = 0; d < days; d++) meanTraffic += dayTraffic(windowStart + d * DAY_MS) / days;
  let eventSeq = 0;

  for (let day = 0; day < days; day++) {
    const dayStart = windowStart + day * DAY_MS;
    const traffic = dayTraffic(dayStart) / meanTraffic;
    const batch: EventInput[] = pending.get(day) ?? [];
    pending.delete(day);
    const run = (profile: ShopperProfile, who: Shopper, state: ShopperState, notBefore = 0): void => {
      const { events, deferred } = simulator.session(profile, who, state, day, dayStart, notBefore);
      for (const e of events) batch.push(e);
      defer(pending, deferred, days);
    };

    everyone.forEach((profile, k) => {
      const state = states[k];
      if (!state) return;
      if (day >= profile.firstDay && day < profile.lastDay) {
        const rate = (profile.sessions / (profile.lastDay - profile.firstDay)) * traffic;
        if (random.chance(Math.min(0.9, rate))) {
          const who: Shopper = profile.customerId
            ? { customerId: profile.customerId }
            : { anonymousId: profile.anonymousId ?? 'anon-unknown' };
          run(profile, who, state, profile.customerId ? profile.signupAt : 0);
        }
      }
      // The same person before signing up: anonymous, same tastes; the loader merges the id afterwards.
      if (profile.customerId && profile.anonymousId) {
        const signupDay = Math.floor((profile.signupAt - windowStart) / DAY_MS);
        if (day >= signupDay - PRE_SIGNUP_DAYS && day < signupDay && random.chance(0.15 * traffic)) {
          let anonymous = anonymousStates.get(profile.anonymousId);
          if (!anonymous) anonymousStates.set(profile.anonymousId, (anonymous = { cart: [], consumables: [] }));
          run(profile, { anonymousId: profile.anonymousId }, anonymous);
        }
      }
    });

    // Stable sort: events of one session keep their order even when timestamps tie.
    batch.sort((a, b) => Number(a.timestamp) - Number(b.timestamp));
    for (const e of batch) e.id = `demo-e${String(++eventSeq).padStart(7, '0')}`;
    yield batch;
  }
}

function defer(pending: Map<number, EventInput[]>, deferred: readonly DeferredEvent[], days: number): void {
  for (const { day, event } of deferred) {
    if (day >= days) continue; // after the anchor: has not happened yet
    let list = pending.get(day);
    if (!list) pending.set(day, (list = []));
    list.push(event);
  }
}
