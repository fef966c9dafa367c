/** Picks demo customers worth "browsing as" in the storefront: active buyers with different tastes. */
import type { CustomerProfile } from '../customers/index.js';
import type { Engine } from './engine.js';

/** A customer the storefront offers to browse as, described in a few words. */
export interface DemoShopper {
  id: string;
  name: string;
  description: string;
}

const CANDIDATES = 600;

function topKey(weights: Record<string, number>): string | undefined {
  let best: string | undefined;
  let bestWeight = -Infinity;
  for (const [key, weight] of Object.entries(weights)) {
    if (weight > bestWeight) [best, bestWeight] = [key, weight];
  }
  return best;
}

/** Up to `count` shoppers with the most orders whose favourite top-level categories differ, so switching shows. */
export async function pickDemoShoppers(engine: Engine, count = 6): Promise<DemoShopper[]> {
  const customers = await engine.store.customers.list({ limit: CANDIDATES });
  const profiles = await engine.store.profiles.getMany<CustomerProfile>(customers.map((c) => c.id));
  const ranked = customers
    .map((customer) => {
      const profile = profiles.get(customer.id)?.profile;
      const category = profile ? topKey(profile.affinity.category) : undefined;
      return { customer, profile, area: category?.split('/')[0] };
    })
    .sort((a, b) => (b.profile?.orders ?? 0) - (a.profile?.orders ?? 0));
  const chosen: typeof ranked = [];
  const areas = new Set<string | undefined>();
  for (const entry of ranked) {
    if (chosen.length >= count) break;
    // Profiles are built in the background; until then, any customers will do.
    if (entry.profile && areas.has(entry.area)) continue;
    areas.add(entry.area);
    chosen.push(entry);
  }
  return chosen.map(({ customer, profile, area }) => {
    const traits = customer.traits;
    const name = typeof traits.name === 'string' ? traits.name : customer.id;
    const city = typeof traits.city === 'string' ? traits.city : undefined;
    const parts = [
      city,
      area !== undefined ? `likes ${area}` : undefined,
      profile ? `${profile.orders} orders` : undefined,
    ];
    return { id: customer.id, name, description: parts.filter((p) => p !== undefined).join(' · ') };
  });
}
