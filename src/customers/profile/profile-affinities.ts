/** A profile's affinities as typed shares: what other capabilities (search re-ranking) read of a profile. */
import { priceBandRange, type CustomerProfile, type PriceRange } from './customer-profile.js';
import { preferences } from './profile-view.js';

/** A customer's strongest affinities, each a share in [0, 1]; price bands as numeric ranges. */
export interface ProfileAffinities {
  /** Category path → share. */
  categories: Record<string, number>;
  /** Brand → share. */
  brands: Record<string, number>;
  /** Preferred price ranges with their shares. */
  priceBands: (PriceRange & { weight: number })[];
}

/** The top categories, brands and price bands of a profile, or null when it has none. */
export function profileAffinities(p: CustomerProfile): ProfileAffinities | null {
  const categories = preferences(p.affinity.category, 10);
  const brands = preferences(p.affinity.brand, 10);
  const bands = preferences(p.affinity.priceBand, 5);
  if (categories.length + brands.length + bands.length === 0) return null;
  return {
    categories: Object.fromEntries(categories.map((c) => [c.key, c.weight])),
    brands: Object.fromEntries(brands.map((b) => [b.key, b.weight])),
    priceBands: bands.flatMap((b) => {
      const range = priceBandRange(b.key);
      return range ? [{ ...range, weight: b.weight }] : [];
    }),
  };
}
