/** Ranking metrics for top-k lists with binary relevance. */

/** Metric values averaged over evaluated users. */
export interface RankingMetrics {
  users: number;
  hr: number;
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  mrr: number;
  coverage: number;
}

/** Accumulates per-user metrics for ranked lists at cut-off k. */
export class MetricsAccumulator {
  private n = 0;
  private sums = { hr: 0, precision: 0, recall: 0, ndcg: 0, map: 0, mrr: 0 };
  private recommended: Uint8Array;

  constructor(
    readonly k: number,
    numItems: number,
  ) {
    this.recommended = new Uint8Array(numItems);
  }

  /** Adds one user's ranked list (best first) against the set of relevant items. */
  add(ranked: ArrayLike<number>, relevant: ReadonlySet<number>): void {
    if (relevant.size === 0) return;
    const k = Math.min(this.k, ranked.length);
    let hits = 0;
    let dcg = 0;
    let ap = 0;
    let rr = 0;
    for (let r = 0; r < k; r++) {
      const item = ranked[r]!;
      if (item < this.recommended.length) this.recommended[item] = 1;
      if (!relevant.has(item)) continue;
      hits++;
      dcg += 1 / Math.log2(r + 2);
      ap += hits / (r + 1);
      if (rr === 0) rr = 1 / (r + 1);
    }
    let idcg = 0;
    for (let r = 0; r < Math.min(this.k, relevant.size); r++) idcg += 1 / Math.log2(r + 2);
    this.n++;
    this.sums.hr += hits > 0 ? 1 : 0;
    this.sums.precision += hits / this.k;
    this.sums.recall += hits / relevant.size;
    this.sums.ndcg += dcg / idcg;
    // Normalised by the number of relevant items, as Microsoft Recommenders' map_at_k does.
    this.sums.map += ap / relevant.size;
    this.sums.mrr += rr;
  }

  /** Averages so far. */
  result(): RankingMetrics {
    const d = Math.max(1, this.n);
    let covered = 0;
    for (let i = 0; i < this.recommended.length; i++) covered += this.recommended[i]!;
    return {
      users: this.n,
      hr: this.sums.hr / d,
      precision: this.sums.precision / d,
      recall: this.sums.recall / d,
      ndcg: this.sums.ndcg / d,
      map: this.sums.map / d,
      mrr: this.sums.mrr / d,
      coverage: covered / Math.max(1, this.recommended.length),
    };
  }
}
