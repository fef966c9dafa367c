/** Popularity and trending: event weights summed with an optional exponential time decay. */
import { pack, unpack, getArray } from '../../math/pack.js';
import { topK } from '../../math/top-k.js';
import type { TopK } from '../../math/top-k.js';
import type { History } from '../history.js';
import type { ItemSubset } from '../item-subset.js';
import type { InteractionLog } from '../interaction-log.js';
import type { Recommender } from '../recommender.js';

/** Options for {@link PopularityRecommender}. */
export interface PopularityOptions {
  /** Half-life in seconds relative to the log's newest event; 0 = all-time popularity. */
  halfLifeSeconds?: number;
  /** Count each (user, item) once instead of summing event weights. */
  distinctUsers?: boolean;
}

/** The same score for every user: overall or trending popularity. */
export class PopularityRecommender implements Recommender {
  readonly name: string;
  private pop = new Float32Array(0);
  /** Items by descending popularity, computed on first use (candidates walk it from the top). */
  private order: Int32Array | undefined;

  constructor(readonly opts: PopularityOptions = {}) {
    this.name = opts.halfLifeSeconds ? 'trending' : 'popularity';
  }

  /** Number of items scored. */
  get numItems(): number {
    return this.pop.length;
  }

  /** Sums (decayed) event weights per item. */
  fit(log: InteractionLog): void {
    this.order = undefined;
    const now = log.maxTimestamp;
    const half = this.opts.halfLifeSeconds ?? 0;
    const pop = new Float64Array(log.numItems);
    const seen = this.opts.distinctUsers ? new Set<number>() : null;
    for (let k = 0; k < log.size; k++) {
      const item = log.items[k]!;
      if (seen) {
        const key = log.users[k]! * log.numItems + item;
        if (seen.has(key)) continue;
        seen.add(key);
      }
      const w = seen ? 1 : Math.max(0, log.weights[k]!);
      pop[item]! += half > 0 ? w * Math.pow(0.5, (now - log.timestamps[k]!) / half) : w;
    }
    this.pop = Float32Array.from(pop);
  }

  /** Copies the popularity vector. */
  score(_history: History, out: Float32Array): void {
    out.fill(0);
    out.set(this.pop.subarray(0, Math.min(out.length, this.pop.length)));
  }

  /** The most popular unseen items. */
  candidates(_history: History, limit: number, seen: Uint8Array, into: ItemSubset): void {
    this.order ??= topK(this.pop, this.pop.length, undefined, 0).indices;
    let added = 0;
    for (let r = 0; r < this.order.length && added < limit; r++) {
      const i = this.order[r]!;
      if (seen[i]) continue;
      into.add(i);
      added++;
    }
  }

  /** The popularity of the subset's items. */
  scoreSubset(_history: History, subset: ItemSubset, out: Float32Array): void {
    const items = subset.items;
    for (let r = 0; r < items.length; r++) out[r] = items[r]! < this.pop.length ? this.pop[items[r]!]! : 0;
  }

  /** The top items of each group (e.g. category or channel code per item; negative = no group). */
  topByGroup(groupOf: ArrayLike<number>, k: number): Map<number, TopK> {
    const groups = new Set<number>();
    for (let i = 0; i < this.pop.length; i++) if ((groupOf[i] ?? -1) >= 0) groups.add(groupOf[i]!);
    const out = new Map<number, TopK>();
    const masked = new Float32Array(this.pop.length);
    for (const g of groups) {
      for (let i = 0; i < masked.length; i++) masked[i] = groupOf[i] === g ? this.pop[i]! : -Infinity;
      out.set(g, topK(masked, k));
    }
    return out;
  }

  /** The popularity vector. */
  save(): Uint8Array {
    return pack({ name: this.name, opts: this.opts }, { pop: this.pop });
  }

  /** Restores a model written by {@link save}. */
  static load(bytes: Uint8Array): PopularityRecommender {
    const { meta, arrays } = unpack<{ opts: PopularityOptions }>(bytes);
    const m = new PopularityRecommender(meta.opts);
    m.pop = getArray(arrays, 'pop', Float32Array);
    return m;
  }
}
