/** Interactions as parallel typed arrays, grouped by user in time order, with id↔index maps. */
import { DEFAULT_EVENT_WEIGHTS, eventCode, eventWeight } from './event-weights.js';
import type { EventWeights } from './event-weights.js';
import type { History } from './history.js';

/** One input row; ids are strings, the timestamp is in seconds. */
export interface InteractionRow {
  userId: string;
  itemId: string;
  timestamp: number;
  eventType?: string;
  value?: number;
  /** The order (basket) the event belongs to, where the source has one. */
  orderId?: string;
}

/** Options for building a log. */
export interface InteractionLogOptions {
  eventWeights?: Partial<EventWeights>;
  /** Pre-assigned item ids (e.g. the catalogue) so item indices stay stable across logs. */
  itemIds?: readonly string[];
}

/** Columns of an already-indexed log. */
export interface IndexedColumns {
  userIds: readonly string[];
  itemIds: readonly string[];
  users: Int32Array;
  items: Int32Array;
  timestamps: Float64Array;
  events: Uint8Array;
  values: Float32Array;
  eventWeights?: Partial<EventWeights>;
}

/** An immutable interaction log sorted by (user, timestamp, input order). */
export class InteractionLog {
  private userIndexMap: Map<string, number> | undefined;
  private itemIndexMap: Map<string, number> | undefined;
  /** Per-event weight from the event type and value. */
  readonly weights: Float32Array;
  /** Row i's events are positions `userPtr[i] .. userPtr[i+1]`. */
  readonly userPtr: Int32Array;
  readonly eventWeights: EventWeights;

  private constructor(
    readonly userIds: readonly string[],
    readonly itemIds: readonly string[],
    readonly users: Int32Array,
    readonly items: Int32Array,
    readonly timestamps: Float64Array,
    readonly events: Uint8Array,
    readonly values: Float32Array,
    eventWeights: Partial<EventWeights> | undefined,
  ) {
    this.eventWeights = { ...DEFAULT_EVENT_WEIGHTS, ...eventWeights };
    const n = users.length;
    this.weights = new Float32Array(n);
    for (let k = 0; k < n; k++) this.weights[k] = eventWeight(events[k]!, values[k]!, this.eventWeights);
    this.userPtr = new Int32Array(userIds.length + 1);
    for (let k = 0; k < n; k++) this.userPtr[users[k]! + 1]!++;
    for (let u = 0; u < userIds.length; u++) this.userPtr[u + 1]! += this.userPtr[u]!;
  }

  /** Builds a log from rows, assigning indices in first-seen order. */
  static fromRows(rows: Iterable<InteractionRow>, opts: InteractionLogOptions = {}): InteractionLog {
    const userIndex = new Map<string, number>();
    const itemIndex = new Map<string, number>((opts.itemIds ?? []).map((id, i) => [id, i]));
    const u: number[] = [];
    const it: number[] = [];
    const ts: number[] = [];
    const ev: number[] = [];
    const val: number[] = [];
    for (const row of rows) {
      let ui = userIndex.get(row.userId);
      if (ui === undefined) userIndex.set(row.userId, (ui = userIndex.size));
      let ii = itemIndex.get(row.itemId);
      if (ii === undefined) itemIndex.set(row.itemId, (ii = itemIndex.size));
      u.push(ui);
      it.push(ii);
      ts.push(row.timestamp);
      ev.push(eventCode(row.eventType));
      val.push(row.value ?? Number.NaN);
    }
    return InteractionLog.fromIndexed({
      userIds: [...userIndex.keys()],
      itemIds: [...itemIndex.keys()],
      users: Int32Array.from(u),
      items: Int32Array.from(it),
      timestamps: Float64Array.from(ts),
      events: Uint8Array.from(ev),
      values: Float32Array.from(val),
      eventWeights: opts.eventWeights,
    });
  }

  /** Builds a log from indexed columns, sorting them by (user, timestamp) stably. */
  static fromIndexed(c: IndexedColumns): InteractionLog {
    const n = c.users.length;
    const order = new Int32Array(n);
    for (let k = 0; k < n; k++) order[k] = k;
    let sorted = true;
    for (let k = 1; k < n && sorted; k++) {
      const du = c.users[k]! - c.users[k - 1]!;
      if (du < 0 || (du === 0 && c.timestamps[k]! < c.timestamps[k - 1]!)) sorted = false;
    }
    if (!sorted) order.sort((a, b) => c.users[a]! - c.users[b]! || c.timestamps[a]! - c.timestamps[b]! || a - b);
    const pick = <T extends Int32Array | Float64Array | Uint8Array | Float32Array>(src: T): T => {
      if (sorted) return src;
      const out = new (src.constructor as new (n: number) => T)(n);
      for (let k = 0; k < n; k++) out[k] = src[order[k]!]!;
      return out;
    };
    return new InteractionLog(
      c.userIds,
      c.itemIds,
      pick(c.users),
      pick(c.items),
      pick(c.timestamps),
      pick(c.events),
      pick(c.values),
      c.eventWeights,
    );
  }

  /**
   * Index of each user id, built on first use: training never asks for it, and at 1,000,000 customers the map
   * was ~60 MB of heap in the trainer's thread and in each fit thread (docs/scale.md).
   */
  get userIndex(): ReadonlyMap<string, number> {
    return (this.userIndexMap ??= indexOf(this.userIds));
  }

  /** Index of each item id, built on first use. */
  get itemIndex(): ReadonlyMap<string, number> {
    return (this.itemIndexMap ??= indexOf(this.itemIds));
  }

  /** Number of events. */
  get size(): number {
    return this.users.length;
  }
  /** Number of known users. */
  get numUsers(): number {
    return this.userIds.length;
  }
  /** Number of known items. */
  get numItems(): number {
    return this.itemIds.length;
  }

  /** The largest timestamp (the "now" of the log), 0 when empty. */
  get maxTimestamp(): number {
    let m = 0;
    for (let k = 0; k < this.timestamps.length; k++) m = Math.max(m, this.timestamps[k]!);
    return m;
  }

  /** A user's events as a history, oldest first (views into the log's arrays, no copy). */
  history(user: number): History {
    const a = this.userPtr[user]!;
    const b = this.userPtr[user + 1]!;
    return {
      items: this.items.subarray(a, b),
      weights: this.weights.subarray(a, b),
      timestamps: this.timestamps.subarray(a, b),
    };
  }

  /** A log with only the events where `keep[k]` is non-zero; id maps and indices are unchanged. */
  select(keep: Uint8Array): InteractionLog {
    let m = 0;
    for (let k = 0; k < keep.length; k++) if (keep[k]) m++;
    const users = new Int32Array(m);
    const items = new Int32Array(m);
    const ts = new Float64Array(m);
    const ev = new Uint8Array(m);
    const val = new Float32Array(m);
    let w = 0;
    for (let k = 0; k < this.size; k++) {
      if (!keep[k]) continue;
      users[w] = this.users[k]!;
      items[w] = this.items[k]!;
      ts[w] = this.timestamps[k]!;
      ev[w] = this.events[k]!;
      val[w] = this.values[k]!;
      w++;
    }
    return new InteractionLog(this.userIds, this.itemIds, users, items, ts, ev, val, this.eventWeights);
  }

  /** How many events each item has (a cheap popularity). */
  itemCounts(): Float64Array {
    const c = new Float64Array(this.numItems);
    for (let k = 0; k < this.size; k++) c[this.items[k]!]!++;
    return c;
  }
}

/** Position of each id (a loop: `new Map(ids.map(…))` made a pair array per id first). */
function indexOf(ids: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) index.set(ids[i]!, i);
  return index;
}
