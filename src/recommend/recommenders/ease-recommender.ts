/** EASE (Steck 2019): closed-form item–item linear model, dense, over the most popular items. */
import { getArray, pack, unpack } from '../../math/pack.js';
import { invertSpdInPlace } from '../../math/spd-inverse.js';
import { recencyWeights } from '../history.js';
import type { History, RecencyOptions } from '../history.js';
import type { ItemSubset } from '../item-subset.js';
import { topK } from '../../math/top-k.js';
import type { InteractionLog } from '../interaction-log.js';
import type { Recommender } from '../recommender.js';

/** Options for {@link EaseRecommender}. */
export interface EaseOptions extends RecencyOptions {
  /** L2 regularisation λ added to the Gram diagonal. */
  lambda?: number;
  /**
   * Items modelled (the most popular ones). The inverse costs n³ flops in JS, ≈ 6 s at 2,000 and
   * ≈ 50 s at 4,000 items on a 2-core machine, so the default stays at 2,000; others score 0.
   */
  maxItems?: number;
}

/** B = I − P·diag(1/diag P) with P = (XᵀX + λI)⁻¹ over a popular-item subset; scores = w·B. */
export class EaseRecommender implements Recommender {
  readonly name = 'ease';
  private n = 0;
  private subset = new Int32Array(0);
  private weightsB = new Float32Array(0);
  private local = new Int32Array(0);
  private last: { history: History; scores: Float32Array } | undefined;
  /** Scratch of candidates(), kept: typed arrays made per request slow young-generation collections. */
  private skip: Uint8Array | undefined;

  constructor(readonly opts: EaseOptions = {}) {}

  /** Number of items scored. */
  get numItems(): number {
    return this.n;
  }

  /** Builds the Gram matrix of binary user×item data on the subset and inverts it. */
  fit(log: InteractionLog): void {
    this.last = undefined;
    this.n = log.numItems;
    const counts = log.itemCounts();
    const order = Array.from(counts.keys()).filter((i) => counts[i]! > 0);
    order.sort((a, b) => counts[b]! - counts[a]! || a - b);
    const m = Math.min(order.length, this.opts.maxItems ?? 2000);
    this.subset = Int32Array.from(order.slice(0, m));
    this.local = new Int32Array(this.n).fill(-1);
    this.subset.forEach((item, l) => (this.local[item] = l));
    const g = new Float64Array(m * m);
    const rowItems = new Int32Array(m);
    const stamp = new Int32Array(m).fill(-1);
    for (let u = 0; u < log.numUsers; u++) {
      let len = 0;
      for (let k = log.userPtr[u]!; k < log.userPtr[u + 1]!; k++) {
        const l = this.local[log.items[k]!]!;
        // The stamp marks items already counted for this user, keeping X binary without a Set.
        if (l >= 0 && stamp[l] !== u) {
          stamp[l] = u;
          rowItems[len++] = l;
        }
      }
      for (let x = 0; x < len; x++) {
        const row = rowItems[x]! * m;
        for (let y = 0; y < len; y++) g[row + rowItems[y]!]!++;
      }
    }
    const lambda = this.opts.lambda ?? 200;
    for (let i = 0; i < m; i++) g[i * m + i]! += lambda;
    invertSpdInPlace(g, m);
    const b = new Float32Array(m * m);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) b[i * m + j] = i === j ? 0 : -g[i * m + j]! / g[j * m + j]!;
    }
    this.weightsB = b;
  }

  /** Σ over history items in the subset of recency weight × B row. */
  score(history: History, out: Float32Array): void {
    out.fill(0);
    const w = recencyWeights(history, this.opts);
    const m = this.subset.length;
    for (let p = 0; p < history.items.length; p++) {
      const item = history.items[p]!;
      const l = item >= 0 && item < this.n ? this.local[item]! : -1;
      if (l < 0 || w[p] === 0) continue;
      const wp = w[p]!;
      const row = l * m;
      for (let j = 0; j < m; j++) out[this.subset[j]!]! += wp * this.weightsB[row + j]!;
    }
  }

  /** The best unseen items of the modelled subset. */
  candidates(history: History, limit: number, seen: Uint8Array, into: ItemSubset): void {
    const local = this.localScores(history);
    const m = this.subset.length;
    const skip = this.skip?.length === m ? this.skip : (this.skip = new Uint8Array(m));
    for (let l = 0; l < m; l++) skip[l] = seen[this.subset[l]!]!;
    const top = topK(local, limit, skip, 0);
    for (let r = 0; r < top.indices.length; r++) into.add(this.subset[top.indices[r]!]!);
  }

  /** {@link score} for the subset's items only (items outside the modelled subset score 0). */
  scoreSubset(history: History, subset: ItemSubset, out: Float32Array): void {
    const local = this.localScores(history);
    const items = subset.items;
    for (let r = 0; r < items.length; r++) {
      const l = items[r]! < this.n ? this.local[items[r]!]! : -1;
      out[r] = l >= 0 ? local[l]! : 0;
    }
  }

  /**
   * Scores over the modelled items only (m, not the catalogue), kept for the last history so that
   * candidates() and scoreSubset() of one request compute them once.
   */
  private localScores(history: History): Float32Array {
    if (this.last?.history === history) return this.last.scores;
    const m = this.subset.length;
    const scores = this.last?.scores.length === m ? this.last.scores.fill(0) : new Float32Array(m);
    const w = recencyWeights(history, this.opts);
    for (let p = 0; p < history.items.length; p++) {
      const item = history.items[p]!;
      const l = item >= 0 && item < this.n ? this.local[item]! : -1;
      if (l < 0 || w[p] === 0) continue;
      const wp = w[p]!;
      const row = l * m;
      for (let j = 0; j < m; j++) scores[j]! += wp * this.weightsB[row + j]!;
    }
    this.last = { history, scores };
    return scores;
  }

  /** Items whose weight from this item is largest. */
  similar(item: number, out: Float32Array): void {
    this.score({ items: [item] }, out);
  }

  /** Subset and dense weights. */
  save(): Uint8Array {
    return pack({ name: this.name, opts: this.opts, n: this.n }, { subset: this.subset, b: this.weightsB });
  }

  /** Restores a model written by {@link save}. */
  static load(bytes: Uint8Array): EaseRecommender {
    const { meta, arrays } = unpack<{ opts: EaseOptions; n: number }>(bytes);
    const e = new EaseRecommender(meta.opts);
    e.n = meta.n;
    e.subset = getArray(arrays, 'subset', Int32Array);
    e.weightsB = getArray(arrays, 'b', Float32Array);
    e.local = new Int32Array(e.n).fill(-1);
    e.subset.forEach((item, l) => (e.local[item] = l));
    return e;
  }
}
