/**
 * Near-duplicate groups among perceptual hashes. Pairs within `maxDistance` bits are found through bands:
 * split the 64 bits into `maxDistance + 1` bands; two hashes that close agree exactly on at least one
 * band (pigeonhole), so only hashes sharing a band value are compared.
 */
import { hammingDistance } from './perceptual-hash.js';

/** One group of near-identical images. */
export interface DuplicateGroup {
  /** Indices into the input, ascending. */
  members: number[];
  /** Largest distance (bits) of a linking pair in the group. */
  maxDistance: number;
}

function bits(hash: string): string {
  return hash
    .split('')
    .map((h) => parseInt(h, 16).toString(2).padStart(4, '0'))
    .join('');
}

/** Groups hashes whose images are near-duplicates (linked by pairs within `maxDistance` bits); singletons left out. */
export function nearDuplicateGroups(hashes: readonly string[], maxDistance = 8): DuplicateGroup[] {
  const bands = Math.min(64, maxDistance + 1);
  const width = Math.floor(64 / bands);
  const parent = hashes.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const linkDistance = new Map<number, number>();
  const seen = new Set<string>();
  const bitStrings = hashes.map(bits);
  for (let band = 0; band < bands; band++) {
    const start = band * width;
    const end = band === bands - 1 ? 64 : start + width;
    const buckets = new Map<string, number[]>();
    for (let i = 0; i < hashes.length; i++) {
      const key = bitStrings[i]!.slice(start, end);
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    }
    for (const bucket of buckets.values()) {
      for (let x = 0; x < bucket.length; x++) {
        for (let y = x + 1; y < bucket.length; y++) {
          const i = bucket[x]!;
          const j = bucket[y]!;
          const pair = `${i},${j}`;
          if (seen.has(pair)) continue;
          seen.add(pair);
          const d = hammingDistance(hashes[i]!, hashes[j]!);
          if (d > maxDistance) continue;
          const ri = find(i);
          const rj = find(j);
          const root = Math.min(ri, rj);
          const worst = Math.max(d, linkDistance.get(ri) ?? 0, linkDistance.get(rj) ?? 0);
          parent[ri] = root;
          parent[rj] = root;
          linkDistance.set(root, worst);
        }
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < hashes.length; i++) {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  }
  return [...groups.entries()]
    .filter(([, members]) => members.length > 1)
    .map(([root, members]) => ({ members, maxDistance: linkDistance.get(root) ?? 0 }))
    .sort((a, b) => a.members[0]! - b.members[0]!);
}
