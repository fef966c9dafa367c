/** The interface every recommender implements. */
import type { InteractionLog } from './interaction-log.js';
import type { History } from './history.js';
import type { ItemSubset } from './item-subset.js';

/** A model fitted on an interaction log that scores every item for a history. */
export interface Recommender {
  /** Stable model name, also stored in saved bytes. */
  readonly name: string;
  /** Number of items the model scores (the log's item count at fit time). */
  readonly numItems: number;
  /** Learns from the log; replaces any earlier state. */
  fit(log: InteractionLog): void;
  /**
   * Writes a score for every item into `out` (length ≥ numItems); higher is better, 0 means no
   * evidence. Works for known users (`log.history(u)`) and anonymous sessions alike.
   */
  score(history: History, out: Float32Array): void;
  /**
   * Adds to `into` about `limit` items this model scores highest for the history, skipping items marked
   * in `seen`, without scoring the whole catalogue (live requests score such candidates only).
   */
  candidates?(history: History, limit: number, seen: Uint8Array, into: ItemSubset): void;
  /** Writes to out[r] what `score` gives `subset.items[r]`, at a cost that does not grow with the catalogue. */
  scoreSubset?(history: History, subset: ItemSubset, out: Float32Array): void;
  /** Scores items similar to one item, when the model has a notion of item similarity. */
  similar?(item: number, out: Float32Array): void;
  /** Index in `history` of the event that contributed most to `item`'s score, or -1. */
  explain?(history: History, item: number): number;
  /** Serialises the fitted state (load with the class's static `load`). */
  save(): Uint8Array;
}
