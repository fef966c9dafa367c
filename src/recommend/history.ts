/** A user's or anonymous session's history and the recency weighting recommenders share. */

/** Events oldest first: item indices, optional per-event weights (event type) and timestamps (seconds). */
export interface History {
  items: ArrayLike<number>;
  weights?: ArrayLike<number>;
  timestamps?: ArrayLike<number>;
}

/** How much older events count. */
export interface RecencyOptions {
  /** Multiplier per position back from the newest event (1 = no positional decay). */
  positionDecay?: number;
  /** Half-life in seconds for time decay relative to the newest event (0 = off). */
  halfLifeSeconds?: number;
  /** Only the newest `maxLength` events count (0 = all). */
  maxLength?: number;
}

/**
 * Combined weight of each history event: event weight × positional decay × time decay.
 * Positional decay is the default because sequences often carry only an order, not real times.
 */
export function recencyWeights(h: History, opts: RecencyOptions, out?: Float32Array): Float32Array | number[] {
  const n = h.items.length;
  // A plain array by default: typed arrays made per request made every young-generation collection
  // several times slower (each has a backing store to free); values stay Float32 as before.
  const w: Float32Array | number[] = out && out.length >= n ? out : new Array<number>(n);
  const decay = opts.positionDecay ?? 1;
  const half = opts.halfLifeSeconds ?? 0;
  const maxLen = opts.maxLength ?? 0;
  const last = h.timestamps && n > 0 ? h.timestamps[n - 1]! : 0;
  let pos = 1;
  for (let i = n - 1; i >= 0; i--, pos *= decay) {
    if (maxLen > 0 && n - 1 - i >= maxLen) {
      w[i] = 0;
      continue;
    }
    let x = (h.weights ? h.weights[i]! : 1) * pos;
    if (half > 0 && h.timestamps) x *= Math.pow(0.5, (last - h.timestamps[i]!) / half);
    w[i] = Math.fround(x);
  }
  return w;
}

/** The items of a history as a set, for excluding seen items. */
export function seenSet(h: History): Set<number> {
  const s = new Set<number>();
  for (let i = 0; i < h.items.length; i++) s.add(h.items[i]!);
  return s;
}
