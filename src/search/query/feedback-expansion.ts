/** Pseudo-relevance feedback: terms common in the best first-pass results expand the query (catalogue-learned). */
import { Bm25fScorer } from '../ranking/bm25f-scorer.js';
import type { InvertedIndex } from '../indexing/inverted-index.js';
import type { Clause } from './query-plan.js';

/** Bonus clauses from the top `slots` of a first pass: the `terms` terms most concentrated in them. */
export function feedbackClauses(
  index: InvertedIndex,
  clauses: readonly Clause[],
  slots: readonly number[],
  weight: number,
  terms = 8,
): Clause[] {
  if (slots.length < 2 || clauses.length === 0) return [];
  const inQuery = new Set<number>();
  for (const c of clauses) for (const a of c.alternatives) for (const t of a.termIds) inQuery.add(t);
  const counts = new Map<number, number>();
  for (const s of slots) {
    for (const t of index.termsOfSlot(s) ?? []) {
      if (!inQuery.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
  }
  const n = index.size;
  const scored: { tid: number; w: number }[] = [];
  for (const [tid, c] of counts) {
    // Only terms shared by several top results say something about the query rather than one item.
    if (c < 2) continue;
    scored.push({ tid, w: (c / slots.length) * Bm25fScorer.idf(n, index.docFreq(tid)) });
  }
  scored.sort((a, b) => b.w - a.w);
  const top = scored.slice(0, terms);
  const maxW = top[0]?.w ?? 1;
  const token = clauses[0]!.token;
  return top.map((t) => ({
    token,
    alternatives: [{ termIds: [t.tid], weight: (weight * t.w) / maxW, via: 'related' as const }],
    boost: 1,
    optional: true,
  }));
}
