/** A bounded ranking of (slot, score) pairs by insertion: the k best seen, ties keeping the earlier first. */

/** A bounded ranking: insertion is O(k) in the worst case but O(1) for the common reject. */
export class BoundedRanking {
  /** Slots, best first. */
  readonly slots: number[] = [];
  /** Scores, best first. */
  readonly scores: number[] = [];
  private readonly k: number;

  /** Creates a ranking that keeps `k` entries. */
  constructor(k: number) {
    this.k = Math.max(0, k);
  }

  /**
   * Whether a candidate with this score would be turned away: callers skip the work of scoring a candidate
   * whose upper bound is turned away (the ranking is the same, as {@link push} would reject it).
   */
  rejects(score: number): boolean {
    const n = this.scores.length;
    return n === this.k && (this.k === 0 || score <= this.scores[n - 1]!);
  }

  /** Offers a candidate; ties keep the earlier one first. */
  push(slot: number, score: number): void {
    if (this.rejects(score)) return;
    const n = this.scores.length;
    let i = n;
    while (i > 0 && this.scores[i - 1]! < score) i--;
    this.scores.splice(i, 0, score);
    this.slots.splice(i, 0, slot);
    if (this.scores.length > this.k) {
      this.scores.pop();
      this.slots.pop();
    }
  }
}
