/** nDCG@k for graded relevance: ideal DCG from the judged items; unjudged items gain 0. */

/** nDCG@k of a ranking given gains of judged items (0 when no judged item has a positive gain). */
export function ndcgAt(k: number, ranked: readonly string[], gains: ReadonlyMap<string, number>): number {
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    const g = gains.get(ranked[i]!) ?? 0;
    if (g > 0) dcg += g / Math.log2(i + 2);
  }
  const ideal = [...gains.values()].sort((a, b) => b - a);
  let idcg = 0;
  for (let i = 0; i < Math.min(k, ideal.length); i++) if (ideal[i]! > 0) idcg += ideal[i]! / Math.log2(i + 2);
  return idcg > 0 ? dcg / idcg : 0;
}
