/**
 * Live scoring of a few hundred candidates instead of the whole catalogue. Each component with a real
 * weight proposes its best unseen items for the history (neighbour models from the rows of the newest
 * items, EASE over its modelled items, ALS from its longest factor vectors, popularity from its order,
 * others from their full scores) and the caller may add more (a customer's list from training time);
 * only those are scored and blended. Each component is normalised by its best unseen candidate, as the
 * full blend normalises by its best unseen item, which the candidates nearly always hold: on Amazon
 * Beauty the top 10 agree with full scoring for every sampled user (candidate-scorer.test.ts).
 */
import type { TopK } from '../math/top-k.js';
import { topK, topKSparse } from '../math/top-k.js';
import type { History } from './history.js';
import { ItemSubset } from './item-subset.js';
import type { Recommender } from './recommender.js';

/** The blend being scored: its components and their weights (a DefaultPipeline). */
export interface Blend {
  readonly models: readonly Recommender[];
  readonly weights: readonly number[];
  readonly numItems: number;
}

/** Options for {@link CandidateScorer}. */
export interface CandidateScorerOptions {
  /** Candidates each component proposes (default 100). */
  perComponent?: number;
  /**
   * Components whose weight is below this share of all weights only score candidates, they propose
   * none (default 0.05): a near-zero weight cannot lift an item into the list.
   */
  minProposingShare?: number;
}

/** Scores candidate sets of one blend; reuses its buffers, so one instance serves one request at a time. */
export class CandidateScorer {
  private readonly subset: ItemSubset;
  private readonly seen: Uint8Array;
  /** Full scores of the components that have no subset scoring, one buffer per component. */
  private readonly dense: (Float32Array | undefined)[];
  /** 1 where `dense` holds this request's scores of that component. */
  private readonly fresh: Uint8Array;
  private component = new Float32Array(512);
  private blended = new Float32Array(512);
  private keep = new Int32Array(512);

  constructor(
    private readonly blend: Blend,
    private readonly opts: CandidateScorerOptions = {},
  ) {
    this.subset = new ItemSubset(blend.numItems);
    this.seen = new Uint8Array(blend.numItems);
    this.dense = blend.models.map(() => undefined);
    this.fresh = new Uint8Array(blend.models.length);
  }

  /**
   * The best `limit` candidates for a history (each component's best unseen items, plus `extra`) with
   * their blended scores, best first; items in the history and items scoring 0 or less are left out.
   */
  score(history: History, extra?: ArrayLike<number>, limit = Number.MAX_SAFE_INTEGER): TopK {
    const { models, weights, numItems } = this.blend;
    const { subset, seen, fresh } = this;
    const per = this.opts.perComponent ?? 100;
    let total = 0;
    for (const w of weights) total += Math.max(0, w);
    const minWeight = total * (this.opts.minProposingShare ?? 0.05);
    for (let p = 0; p < history.items.length; p++) if (history.items[p]! < numItems) seen[history.items[p]!] = 1;
    try {
      models.forEach((m, c) => {
        fresh[c] = 0;
        if (weights[c]! < minWeight || weights[c] === 0) return;
        if (m.candidates && m.scoreSubset) m.candidates(history, per, seen, subset);
        else {
          // No cheap candidates: score everything once, and reuse those scores when blending.
          const dense = this.denseScores(c, history);
          subset.addAll(topK(dense, per, seen, 0).indices);
        }
      });
      if (extra) subset.addAll(extra);
      return this.blendSubset(history, limit);
    } finally {
      for (let p = 0; p < history.items.length; p++) if (history.items[p]! < numItems) seen[history.items[p]!] = 0;
      subset.clear();
    }
  }

  /** Blends the components' scores of the subset, each scaled so its best unseen candidate scores 1. */
  private blendSubset(history: History, limit: number): TopK {
    const { models, weights } = this.blend;
    const { subset, seen } = this;
    const size = subset.size;
    const items = subset.items;
    if (this.blended.length < size) {
      this.blended = new Float32Array(size * 2);
      this.component = new Float32Array(size * 2);
      this.keep = new Int32Array(size * 2);
    }
    const blended = this.blended.fill(0, 0, size);
    const out = this.component;
    for (let c = 0; c < models.length; c++) {
      const w = weights[c]!;
      if (w === 0) continue;
      const m = models[c]!;
      if (!this.fresh[c] && m.scoreSubset) m.scoreSubset(history, subset, out);
      else {
        const dense = this.fresh[c] ? this.dense[c]! : this.denseScores(c, history);
        for (let r = 0; r < size; r++) out[r] = dense[items[r]!]!;
      }
      let max = 0;
      for (let r = 0; r < size; r++) if (!seen[items[r]!] && out[r]! > max) max = out[r]!;
      // As the full blend: the best unseen candidate scores 1, or scores stay as they are when none is positive.
      const scale = max > 0 ? w / max : w;
      for (let r = 0; r < size; r++) blended[r]! += scale * out[r]!;
    }
    // The unseen, positive candidates are compacted in place (blended[kept] is read before it is written).
    const keep = this.keep;
    let kept = 0;
    for (let r = 0; r < size; r++) {
      if (seen[items[r]!] || !(blended[r]! > 0)) continue;
      keep[kept] = items[r]!;
      blended[kept++] = blended[r]!;
    }
    return topKSparse(keep, blended, kept, Math.min(kept, limit));
  }

  /** Component c's scores of every item (for components without subset scoring or cheap candidates). */
  private denseScores(c: number, history: History): Float32Array {
    const dense = (this.dense[c] ??= new Float32Array(this.blend.numItems));
    this.blend.models[c]!.score(history, dense);
    this.fresh[c] = 1;
    return dense;
  }
}
