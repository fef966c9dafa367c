/**
 * EASE (Steck 2019): closed-form item–item linear model. Exact over every item when the catalogue is
 * small (dense item inverse) or the users are few (dual form, ease-dual.ts); otherwise over the most
 * popular items, the neighbourhood models of the blend carrying the tail.
 */
import { CsrMatrix } from '../../math/csr-matrix.js';
import { getArray, pack, unpack } from '../../math/pack.js';
import { invertSpdInPlace } from '../../math/spd-inverse.js';
import { recencyWeights } from '../history.js';
import type { History, RecencyOptions } from '../history.js';
import type { ItemSubset } from '../item-subset.js';
import { topK } from '../../math/top-k.js';
import type { InteractionLog } from '../interaction-log.js';
import type { Recommender } from '../recommender.js';
import { dualScratch, fitEaseDual, scoreEaseDual } from './ease-dual.js';
import type { DualScratch, EaseDual } from './ease-dual.js';

/** Options for {@link EaseRecommender}. */
export interface EaseOptions extends RecencyOptions {
  /** L2 regularisation λ added to the Gram diagonal. */
  lambda?: number;
  /**
   * Items modelled (the most popular ones). The inverse costs n³ flops in JS, ≈ 6 s at 2,000 and
   * ≈ 50 s at 4,000 items on a 2-core machine, so the default stays at 2,000; others score 0.
   */
  maxItems?: number;
  /**
   * With fewer users than items and at most this many, EASE is solved exactly in user space (u³ instead
   * of n³; each score then costs users² + the log's size). 0 turns the dual form off.
   */
  maxDualUsers?: number;
}

/** Users up to which the dual form is used by default: its u³ inverse then costs what the 1,500-item one does. */
export const DEFAULT_MAX_DUAL_USERS = 1500;

/** B = I − P·diag(1/diag P) with P = (XᵀX + λI)⁻¹ over a popular-item subset; scores = w·B. */
export class EaseRecommender implements Recommender {
  readonly name = 'ease';
  private n = 0;
  private subset = new Int32Array(0);
  private weightsB = new Float32Array(0);
  private local = new Int32Array(0);
  private last: { history: History; scores: Float32Array } | undefined;
  /** The dual form when the model was fitted that way (then `subset` is every item). */
  private dual: EaseDual | undefined;
  private scratch: DualScratch | undefined;
  /** Scratch of candidates(), kept: typed arrays made per request slow young-generation collections. */
  private skip: Uint8Array | undefined;

  constructor(readonly opts: EaseOptions = {}) {}

  /** Number of items scored. */
  get numItems(): number {
    return this.n;
  }

  /** Whether the fitted model covers every item with interactions ('exact') or the popular ones only. */
  get form(): 'primal' | 'dual' | 'top-items' {
    if (this.dual) return 'dual';
    return this.truncated ? 'top-items' : 'primal';
  }
  private truncated = false;

  /** Builds the Gram matrix of binary user×item data on the subset and inverts it (or the dual form). */
  fit(log: InteractionLog): void {
    this.last = undefined;
    this.dual = undefined;
    this.scratch = undefined;
    this.n = log.numItems;
    const counts = log.itemCounts();
    const order = Array.from(counts.keys()).filter((i) => counts[i]! > 0);
    const maxItems = this.opts.maxItems ?? 2000;
    const lambda = this.opts.lambda ?? 200;
    // The dual form is exact and costs u³ rather than n³: used whenever users are fewer than items.
    if (log.numUsers < order.length && log.numUsers <= (this.opts.maxDualUsers ?? DEFAULT_MAX_DUAL_USERS)) {
      this.dual = fitEaseDual(log, lambda);
      this.subset = Int32Array.from({ length: this.n }, (_, i) => i);
      this.local = this.subset;
      this.truncated = false;
      return;
    }
    order.sort((a, b) => counts[b]! - counts[a]! || a - b);
    const m = Math.min(order.length, maxItems);
    this.truncated = m < order.length;
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
    if (this.dual) {
      this.scoreDual(history, out);
      return;
    }
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
    if (this.dual) {
      // The dual form covers every item: local index = item index.
      this.scoreDual(history, scores);
      this.last = { history, scores };
      return scores;
    }
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

  private scoreDual(history: History, out: Float32Array): void {
    const dual = this.dual!;
    this.scratch ??= dualScratch(dual);
    scoreEaseDual(dual, history.items, recencyWeights(history, this.opts), out, this.scratch);
  }

  /** Items whose weight from this item is largest. */
  similar(item: number, out: Float32Array): void {
    this.score({ items: [item] }, out);
  }

  /** Subset and dense weights, or the dual form's matrices. */
  save(): Uint8Array {
    const d = this.dual;
    if (d)
      return pack(
        { name: this.name, opts: this.opts, n: this.n, dual: true, users: d.userItems.rows },
        { ptr: d.userItems.indptr, idx: d.userItems.indices, kinv: d.kInverse, diag: d.diag },
      );
    return pack(
      { name: this.name, opts: this.opts, n: this.n, truncated: this.truncated },
      { subset: this.subset, b: this.weightsB },
    );
  }

  /** Restores a model written by {@link save}. */
  static load(bytes: Uint8Array): EaseRecommender {
    const { meta, arrays } = unpack<{
      opts: EaseOptions;
      n: number;
      dual?: boolean;
      users?: number;
      truncated?: boolean;
    }>(bytes);
    const e = new EaseRecommender(meta.opts);
    e.n = meta.n;
    e.truncated = meta.truncated ?? false;
    if (meta.dual) {
      const idx = getArray(arrays, 'idx', Int32Array);
      const userItems = new CsrMatrix(
        meta.users ?? 0,
        meta.n,
        getArray(arrays, 'ptr', Int32Array),
        idx,
        new Float32Array(idx.length).fill(1),
      );
      e.dual = {
        userItems,
        itemUsers: userItems.transpose(),
        kInverse: getArray(arrays, 'kinv', Float32Array),
        diag: getArray(arrays, 'diag', Float32Array),
      };
      e.subset = Int32Array.from({ length: e.n }, (_, i) => i);
      e.local = e.subset;
      return e;
    }
    e.subset = getArray(arrays, 'subset', Int32Array);
    e.weightsB = getArray(arrays, 'b', Float32Array);
    e.local = new Int32Array(e.n).fill(-1);
    e.subset.forEach((item, l) => (e.local[item] = l));
    return e;
  }
}
