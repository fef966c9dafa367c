/** Diversity re-ranking over candidates: a per-category cap and maximal marginal relevance. */
import type { Candidate, MetaLookup } from './item-meta.js';

/**
 * Keeps score order but at most `maxPerCategory` items per (full) category path; items
 * over the cap are appended after the others only when fewer than k remain (so k is still filled).
 */
export function capPerCategory<T extends Candidate>(
  candidates: readonly T[],
  meta: MetaLookup,
  maxPerCategory: number,
  k = candidates.length,
): T[] {
  const counts = new Map<string, number>();
  const out: T[] = [];
  const overflow: T[] = [];
  for (const c of candidates) {
    const cat = meta(c.item)?.category?.trim().toLowerCase() ?? '';
    const n = counts.get(cat) ?? 0;
    // Items without a category are never capped: there is nothing to diversify by.
    if (cat !== '' && n >= maxPerCategory) overflow.push(c);
    else {
      counts.set(cat, n + 1);
      out.push(c);
    }
    if (out.length >= k) return out;
  }
  return [...out, ...overflow].slice(0, k);
}

/**
 * Maximal marginal relevance: repeatedly picks argmax λ·rel(i) − (1−λ)·max_{j∈picked} sim(i, j),
 * with relevance scaled to [0, 1] by the best score. λ = 1 keeps the input order.
 */
export function mmr<T extends Candidate>(
  candidates: readonly T[],
  similarity: (a: number, b: number) => number,
  lambda: number,
  k = candidates.length,
): T[] {
  const pool = [...candidates];
  const maxScore = pool.reduce((m, c) => Math.max(m, c.score), 0) || 1;
  // Plain arrays: typed arrays made per request slow young-generation collections down.
  const maxSim = new Array<number>(pool.length).fill(0);
  const taken = new Array<boolean>(pool.length).fill(false);
  const out: T[] = [];
  while (out.length < Math.min(k, pool.length)) {
    let best = -1;
    let bestVal = -Infinity;
    for (let i = 0; i < pool.length; i++) {
      if (taken[i]) continue;
      const v = (lambda * pool[i]!.score) / maxScore - (1 - lambda) * maxSim[i]!;
      if (v > bestVal) {
        bestVal = v;
        best = i;
      }
    }
    const chosen = pool[best]!;
    taken[best] = true;
    out.push(chosen);
    for (let i = 0; i < pool.length; i++)
      if (!taken[i]) maxSim[i] = Math.max(maxSim[i]!, similarity(pool[i]!.item, chosen.item));
  }
  return out;
}

/** A similarity for {@link mmr}: 1 for the same category path, 0.5 for the same top level, else 0. */
export function categorySimilarity(meta: MetaLookup): (a: number, b: number) => number {
  return (a, b) => {
    const ca = meta(a)?.category?.toLowerCase();
    const cb = meta(b)?.category?.toLowerCase();
    if (!ca || !cb) return 0;
    if (ca === cb) return 1;
    return ca.split(/[>/]/)[0]!.trim() === cb.split(/[>/]/)[0]!.trim() ? 0.5 : 0;
  };
}
