/** Sequential next-item model: decayed multi-step item transitions P(j follows i). */
import { CsrMatrix } from '../../math/csr-matrix.js';
import { packWithMatrix, unpackWithMatrix } from '../../math/pack-csr.js';
import { cooccurrence } from '../cooccurrence.js';
import { recencyWeights } from '../history.js';
import type { History } from '../history.js';
import type { InteractionLog } from '../interaction-log.js';
import type { ItemSubset } from '../item-subset.js';
import {
  neighbourCandidates,
  scoreNeighbourSubset,
  scoreNeighbours,
  strongestContributor,
} from '../neighbour-scoring.js';
import type { Recommender } from '../recommender.js';

/** Options for {@link TransitionRecommender}. */
export interface TransitionOptions {
  /** Transitions up to this many steps ahead count (1 = first-order Markov chain). */
  steps?: number;
  /** Weight multiplier per extra step ahead. */
  stepDecay?: number;
  /** Weight of reverse transitions (j before i); small values help sparse data. */
  backwardWeight?: number;
  /** Score weight multiplier per position back from the newest history event. */
  positionDecay?: number;
  /** Only the newest events of a history are used. */
  maxLength?: number;
  /** Successors kept per item. */
  neighbours?: number;
  /** Additive smoothing in the row normaliser, so rare items do not get overconfident rows. */
  smoothing?: number;
}

/** Scores j by Σ over recent history items i of decay(i) · c(i→j) / (n_i + smoothing). */
export class TransitionRecommender implements Recommender {
  readonly name = 'transitions';
  private trans = new CsrMatrix(0, 0, new Int32Array(1), new Int32Array(0), new Float32Array(0));

  constructor(readonly opts: TransitionOptions = {}) {}

  /** Number of items scored. */
  get numItems(): number {
    return this.trans.rows;
  }

  /** Counts forward (and optionally backward) transitions within the step window. */
  fit(log: InteractionLog): void {
    const n = log.itemCounts();
    const smoothing = this.opts.smoothing ?? 5;
    this.trans = cooccurrence(
      log,
      {
        window: this.opts.steps ?? 4,
        proximityDecay: this.opts.stepDecay ?? 0.6,
        forwardWeight: 1,
        backwardWeight: this.opts.backwardWeight ?? 0.3,
        neighbours: this.opts.neighbours ?? 200,
      },
      (i, _j, c) => c / (n[i]! + smoothing),
    );
  }

  /** Σ over recent history of positional decay × transition probability. */
  score(history: History, out: Float32Array): void {
    out.fill(0);
    scoreNeighbours(this.trans, history, this.weights(history), out);
  }

  /** The strongest neighbours of the newest history items. */
  candidates(history: History, limit: number, seen: Uint8Array, into: ItemSubset): void {
    neighbourCandidates(this.trans, history, this.weights(history), limit, seen, into);
  }

  /** {@link score} for the subset's items only. */
  scoreSubset(history: History, subset: ItemSubset, out: Float32Array): void {
    scoreNeighbourSubset(this.trans, history, this.weights(history), subset, out);
  }

  /** The most likely successors of one item. */
  similar(item: number, out: Float32Array): void {
    out.fill(0);
    if (item >= 0 && item < this.trans.rows) this.trans.addRowTo(item, 1, out);
  }

  /** The history event whose transitions gave `item` the most. */
  explain(history: History, item: number): number {
    return strongestContributor(this.trans, history, this.weights(history), item);
  }

  private weights(h: History): ArrayLike<number> {
    // Event types matter less for "what comes next" than order does, so only position decays.
    return recencyWeights(
      { items: h.items },
      { positionDecay: this.opts.positionDecay ?? 0.5, maxLength: this.opts.maxLength ?? 8 },
    );
  }

  /** Options plus the transition matrix. */
  save(): Uint8Array {
    return packWithMatrix({ name: this.name, opts: this.opts }, this.trans);
  }

  /** Restores a model written by {@link save}. */
  static load(bytes: Uint8Array): TransitionRecommender {
    const { meta, matrix } = unpackWithMatrix<{ opts: TransitionOptions }>(bytes);
    const m = new TransitionRecommender(meta.opts);
    m.trans = matrix;
    return m;
  }
}
