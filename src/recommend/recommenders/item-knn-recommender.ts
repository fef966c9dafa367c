/** Item-based k-nearest-neighbours with cosine or asymmetric cosine similarity. */
import { CsrMatrix } from '../../math/csr-matrix.js';
import { packWithMatrix, unpackWithMatrix } from '../../math/pack-csr.js';
import { cooccurrence } from '../cooccurrence.js';
import type { CooccurrenceOptions } from '../cooccurrence.js';
import { recencyWeights } from '../history.js';
import type { History, RecencyOptions } from '../history.js';
import type { InteractionLog } from '../interaction-log.js';
import type { ItemSubset } from '../item-subset.js';
import {
  neighbourCandidates,
  scoreNeighbourSubset,
  scoreNeighbours,
  strongestContributor,
} from '../neighbour-scoring.js';
import type { Recommender } from '../recommender.js';

/** Options for {@link ItemKnnRecommender}. */
export interface ItemKnnOptions extends CooccurrenceOptions, RecencyOptions {
  /** 0.5 is cosine; larger favours neighbours j that are common relative to i (asymmetric cosine). */
  alpha?: number;
  /** Added to the similarity denominator so pairs with little support shrink towards 0. */
  shrink?: number;
}

/** Similarity s(i,j) = c(i,j) / (n_i^α · n_j^(1−α) + shrink); history scored with recency weights. */
export class ItemKnnRecommender implements Recommender {
  readonly name = 'item-knn';
  private sims = new CsrMatrix(0, 0, new Int32Array(1), new Int32Array(0), new Float32Array(0));

  constructor(readonly opts: ItemKnnOptions = {}) {}

  /** Number of items scored. */
  get numItems(): number {
    return this.sims.rows;
  }

  /** Builds the sparse neighbour matrix. */
  fit(log: InteractionLog): void {
    const alpha = this.opts.alpha ?? 0.5;
    const shrink = this.opts.shrink ?? 0;
    const n = log.itemCounts();
    const pa = n.map((x) => Math.pow(x, alpha));
    const pb = n.map((x) => Math.pow(x, 1 - alpha));
    this.sims = cooccurrence(log, this.opts, (i, j, c) => c / (pa[i]! * pb[j]! + shrink));
  }

  /** Σ over history of recency weight × similarity. */
  score(history: History, out: Float32Array): void {
    out.fill(0);
    scoreNeighbours(this.sims, history, recencyWeights(history, this.opts), out);
  }

  /** The strongest neighbours of the newest history items. */
  candidates(history: History, limit: number, seen: Uint8Array, into: ItemSubset): void {
    neighbourCandidates(this.sims, history, recencyWeights(history, this.opts), limit, seen, into);
  }

  /** {@link score} for the subset's items only. */
  scoreSubset(history: History, subset: ItemSubset, out: Float32Array): void {
    scoreNeighbourSubset(this.sims, history, recencyWeights(history, this.opts), subset, out);
  }

  /** The item's neighbour row. */
  similar(item: number, out: Float32Array): void {
    out.fill(0);
    if (item >= 0 && item < this.sims.rows) this.sims.addRowTo(item, 1, out);
  }

  /** The history event whose neighbours gave `item` the most. */
  explain(history: History, item: number): number {
    return strongestContributor(this.sims, history, recencyWeights(history, this.opts), item);
  }

  /** Options plus the neighbour matrix. */
  save(): Uint8Array {
    return packWithMatrix({ name: this.name, opts: this.opts }, this.sims);
  }

  /** Restores a model written by {@link save}. */
  static load(bytes: Uint8Array): ItemKnnRecommender {
    const { meta, matrix } = unpackWithMatrix<{ opts: ItemKnnOptions }>(bytes);
    const m = new ItemKnnRecommender(meta.opts);
    m.sims = matrix;
    return m;
  }
}
