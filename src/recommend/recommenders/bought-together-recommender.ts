/** Frequently bought together: item pairs within baskets, ranked by lift with support and confidence floors. */
import { CsrMatrix } from '../../math/csr-matrix.js';
import { getArray, pack, unpack } from '../../math/pack.js';
import { topKSparse } from '../../math/top-k.js';
import { eventCode } from '../event-weights.js';
import type { History } from '../history.js';
import type { InteractionLog } from '../interaction-log.js';
import type { Recommender } from '../recommender.js';

/** Options for {@link BoughtTogetherRecommender}. */
export interface BoughtTogetherOptions {
  /** Events of one user closer than this (seconds) belong to one basket. */
  basketGapSeconds?: number;
  /** Event types that count as buying (default purchase; `interaction` too for logs without types). */
  eventTypes?: string[];
  /** Minimum number of baskets containing both items. */
  minSupport?: number;
  /** Minimum P(j | i). */
  minConfidence?: number;
  /** Partners kept per item. */
  neighbours?: number;
}

/** One association rule i → j. */
export interface Association {
  item: number;
  support: number;
  confidence: number;
  lift: number;
}

/** Stores, per item, partners sorted by lift; scores a cart by summed lift. */
export class BoughtTogetherRecommender implements Recommender {
  readonly name = 'bought-together';
  private lift = new CsrMatrix(0, 0, new Int32Array(1), new Int32Array(0), new Float32Array(0));
  private supportM = this.lift;
  private confidenceM = this.lift;

  constructor(readonly opts: BoughtTogetherOptions = {}) {}

  /** Number of items scored. */
  get numItems(): number {
    return this.lift.rows;
  }

  /** Splits purchases into baskets by time gap and counts pairs. */
  fit(log: InteractionLog): void {
    this.fitBaskets(log);
  }

  /**
   * Like {@link fit}, with each event's order (basket) code where one is known (-1 where not): purchases
   * of one order form one basket, and two orders never share one however close in time; events without
   * an order fall back to the time gap.
   */
  fitBaskets(log: InteractionLog, orderOf?: ArrayLike<number>): void {
    const codes = new Set((this.opts.eventTypes ?? ['purchase', 'interaction']).map(eventCode));
    const gap = this.opts.basketGapSeconds ?? 3600;
    const itemBaskets = new Float64Array(log.numItems);
    const pairs = new Map<number, number>();
    let baskets = 0;
    const basket = new Set<number>();
    const flush = (): void => {
      if (basket.size === 0) return;
      baskets++;
      const items = [...basket];
      for (const i of items) itemBaskets[i]!++;
      for (const i of items)
        for (const j of items) if (i !== j) pairs.set(i * log.numItems + j, (pairs.get(i * log.numItems + j) ?? 0) + 1);
      basket.clear();
    };
    for (let u = 0; u < log.numUsers; u++) {
      let last = -Infinity;
      let order = -1;
      for (let k = log.userPtr[u]!; k < log.userPtr[u + 1]!; k++) {
        if (!codes.has(log.events[k]!)) continue;
        const o = orderOf?.[k] ?? -1;
        if (o >= 0 || order >= 0 ? o !== order : log.timestamps[k]! - last > gap) flush();
        basket.add(log.items[k]!);
        last = log.timestamps[k]!;
        order = o;
      }
      flush();
    }
    const minSupport = this.opts.minSupport ?? 2;
    const minConf = this.opts.minConfidence ?? 0.01;
    const r: number[] = [];
    const c: number[] = [];
    const lifts: number[] = [];
    const sup: number[] = [];
    const conf: number[] = [];
    for (const [key, n] of pairs) {
      const i = Math.floor(key / log.numItems);
      const j = key % log.numItems;
      const confidence = n / itemBaskets[i]!;
      if (n < minSupport || confidence < minConf) continue;
      r.push(i);
      c.push(j);
      sup.push(n / baskets);
      conf.push(confidence);
      lifts.push(confidence / (itemBaskets[j]! / baskets));
    }
    const keep = this.opts.neighbours ?? 50;
    this.lift = keepTop(CsrMatrix.fromCoo(log.numItems, log.numItems, r, c, lifts), keep);
    this.supportM = CsrMatrix.fromCoo(log.numItems, log.numItems, r, c, sup);
    this.confidenceM = CsrMatrix.fromCoo(log.numItems, log.numItems, r, c, conf);
  }

  /** Summed lift from every item of the history (e.g. the current cart). */
  score(history: History, out: Float32Array): void {
    out.fill(0);
    for (let p = 0; p < history.items.length; p++) {
      const i = history.items[p]!;
      if (i >= 0 && i < this.lift.rows) this.lift.addRowTo(i, 1, out);
    }
  }

  /** Partners of one item by lift. */
  similar(item: number, out: Float32Array): void {
    this.score({ items: [item] }, out);
  }

  /** The `limit` partners of one item with the highest lift, best first (cheaper than associations()). */
  partners(item: number, limit: number): number[] {
    if (item < 0 || item >= this.lift.rows) return [];
    const out: number[] = [];
    for (let k = this.lift.indptr[item]!; k < this.lift.indptr[item + 1]!; k++) out.push(k);
    // Positions sorted by lift, ties to the lower item, as associations() orders them.
    const { indices, values } = this.lift;
    out.sort((a, b) => values[b]! - values[a]! || indices[a]! - indices[b]!);
    return out.slice(0, limit).map((k) => indices[k]!);
  }

  /** Rules i → j with support, confidence and lift, best lift first. */
  associations(item: number): Association[] {
    const out: Association[] = [];
    if (item < 0 || item >= this.lift.rows) return out;
    for (let k = this.lift.indptr[item]!; k < this.lift.indptr[item + 1]!; k++) {
      const j = this.lift.indices[k]!;
      out.push({
        item: j,
        lift: this.lift.values[k]!,
        support: this.supportM.get(item, j),
        confidence: this.confidenceM.get(item, j),
      });
    }
    return out.sort((a, b) => b.lift - a.lift || a.item - b.item);
  }

  /** Lift, support and confidence matrices. */
  save(): Uint8Array {
    const arrays: Record<string, Int32Array | Float32Array> = {};
    for (const [name, m] of [
      ['l', this.lift],
      ['s', this.supportM],
      ['c', this.confidenceM],
    ] as const) {
      arrays[`${name}p`] = m.indptr;
      arrays[`${name}i`] = m.indices;
      arrays[`${name}v`] = m.values;
    }
    return pack({ name: this.name, opts: this.opts, n: this.lift.rows }, arrays);
  }

  /** Restores a model written by {@link save}. */
  static load(bytes: Uint8Array): BoughtTogetherRecommender {
    const { meta, arrays } = unpack<{ opts: BoughtTogetherOptions; n: number }>(bytes);
    const m = new BoughtTogetherRecommender(meta.opts);
    const get = (p: string): CsrMatrix =>
      new CsrMatrix(
        meta.n,
        meta.n,
        getArray(arrays, `${p}p`, Int32Array),
        getArray(arrays, `${p}i`, Int32Array),
        getArray(arrays, `${p}v`, Float32Array),
      );
    m.lift = get('l');
    m.supportM = get('s');
    m.confidenceM = get('c');
    return m;
  }
}

/** Keeps each row's `keep` largest entries. */
function keepTop(m: CsrMatrix, keep: number): CsrMatrix {
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < m.rows; i++) {
    const a = m.indptr[i]!;
    const top = topKSparse(m.indices.subarray(a), m.values.subarray(a), m.rowLength(i), keep);
    for (let t = 0; t < top.indices.length; t++) {
      r.push(i);
      c.push(top.indices[t]!);
      v.push(top.scores[t]!);
    }
  }
  return CsrMatrix.fromCoo(m.rows, m.cols, r, c, v);
}
