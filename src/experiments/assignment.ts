/**
 * Deterministic assignment: the same unit (customer or anonymous id) always lands in the same variant of an
 * experiment, with no state, by hashing the id with the experiment's salt. Separate hashes decide whether the
 * unit is in the experiment's traffic share and which slice of a layer it falls in, so the three decisions are
 * independent; experiments that own disjoint slices of one layer never share a unit (mutual exclusion).
 */

/** One arm of an experiment and its share of the experiment's traffic (any positive scale). */
export interface VariantWeight {
  name: string;
  weight: number;
}

/** What assignment needs to know about an experiment. */
export interface AssignmentPlan {
  salt: string;
  variants: readonly VariantWeight[];
  /** Share of eligible units in the experiment, 0..1. */
  traffic: number;
  /** A mutually exclusive layer and the slice [start, end) of it this experiment owns. */
  layer?: { name: string; start: number; end: number } | null;
}

/** The outcome for one unit: its variant, or why it has none. */
export type Assignment =
  { variant: string; bucket: number } | { variant: null; reason: 'outside-layer-slice' | 'outside-traffic' };

/** 32-bit FNV-1a of a string (UTF-16 code units), as an unsigned integer. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A uniform number in [0, 1) from a salt and an id; a final avalanche spreads FNV's weak low bits. */
export function hashToUnit(salt: string, id: string): number {
  let h = fnv1a32(`${salt}\u0000${id}`);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** The variant (or the reason for none) of `unitId` under a plan. */
export function assignVariant(plan: AssignmentPlan, unitId: string): Assignment {
  if (plan.layer) {
    const slot = hashToUnit(`layer:${plan.layer.name}`, unitId);
    if (slot < plan.layer.start || slot >= plan.layer.end) return { variant: null, reason: 'outside-layer-slice' };
  }
  if (plan.traffic < 1 && hashToUnit(`traffic:${plan.salt}`, unitId) >= plan.traffic) {
    return { variant: null, reason: 'outside-traffic' };
  }
  const bucket = hashToUnit(plan.salt, unitId);
  let total = 0;
  for (const v of plan.variants) total += v.weight;
  let edge = 0;
  for (const v of plan.variants) {
    edge += v.weight / total;
    if (bucket < edge) return { variant: v.name, bucket };
  }
  // Rounding can leave the last edge a hair under 1.
  return { variant: plan.variants[plan.variants.length - 1]!.name, bucket };
}
