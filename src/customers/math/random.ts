/** A small seeded pseudo-random generator (mulberry32) so fits, clusters and benches are reproducible. */

/** A function returning uniform numbers in [0, 1). */
export type Random = () => number;

/** Creates a seeded uniform generator. */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
