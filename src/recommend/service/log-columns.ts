/** Reads the event log (by seq, in pages) into the compact columns the recommenders train on. */
import { InteractionLog } from '../interaction-log.js';
import { eventCode } from '../event-weights.js';
import type { StoredEvent } from '../../domain/index.js';
import type { Store } from '../../store/store.js';
import type { TrainingWindowLimits } from '../../store/repositories/training-log-repository.js';
import { ColumnBuilder } from './column-builder.js';

/** Event types that carry no interest in the item they name (or name none). */
const IGNORED_TYPES = new Set(['search', 'refund', 'identify', 'review']);

/** The log as columns, plus each event's channel code (for per-channel popularity). */
export interface LogColumns {
  log: InteractionLog;
  /** Channel code per event of `log`, in the log's (user, time) order. */
  channels: Uint8Array;
  channelNames: string[];
  /** Order code per event of `log` (same order), -1 for events without an order id: baskets for bought-together. */
  orders?: Int32Array;
  /** The newest position in the log when it was read (the model covers the events up to it). */
  lastSeq: number;
}

/** Whether an event says something about interest in its item. */
export function usableEvent(e: Pick<StoredEvent, 'type' | 'itemId'>): boolean {
  return e.itemId !== null && !IGNORED_TYPES.has(e.type) && !e.type.startsWith('custom:');
}

/** The value an event contributes to its weight: quantity for purchases, stars for ratings. */
export function eventValue(e: Pick<StoredEvent, 'type' | 'quantity' | 'rating'>): number {
  if (e.type === 'purchase') return e.quantity ?? Number.NaN;
  if (e.type === 'rating') return e.rating ?? Number.NaN;
  return Number.NaN;
}

/** How {@link readLogColumns} reads: which window of the log, and progress after each page. */
export interface LogReadOptions {
  /** Bounds of the window read (default: the whole log). */
  limits?: TrainingWindowLimits;
  /** Called after each page with the events read so far and the window's positions (an upper bound). */
  onPage?: (read: number, positions: number) => void | Promise<void>;
  pageSize?: number;
}

/**
 * Streams the usable events of a window of the log (by default all of it) into an interaction log whose item
 * index starts with `itemIds` (the catalogue), so catalogue items without events are still known to content
 * models (cold items). Events go straight into typed columns (26 bytes an event), sorted once at the end.
 */
export async function readLogColumns(
  store: Store,
  itemIds: readonly string[],
  options: LogReadOptions = {},
): Promise<LogColumns> {
  const { limits = { maxEvents: null, maxAgeMs: null }, onPage, pageSize = 1000 } = options;
  const window = await store.trainingLog.window(limits);
  const userIndex = new Map<string, number>();
  const itemIndex = new Map<string, number>(itemIds.map((id, i) => [id, i]));
  const channelIndex = new Map<string, number>();
  const orderIndex = new Map<string, number>();
  const cols = new ColumnBuilder(Math.min(window.positions, 1 << 20));
  let after = window.afterSeq;
  let read = 0;
  for (;;) {
    const page = await store.trainingLog.page(window, after, pageSize);
    for (const e of page) {
      read++;
      if (!usableEvent(e)) continue;
      // Anonymous visitors are users too: their sessions teach item-to-item models.
      const who = e.customerId ?? (e.anonymousId === null ? null : `anon:${e.anonymousId}`);
      if (who === null) continue;
      let u = userIndex.get(who);
      if (u === undefined) userIndex.set(who, (u = userIndex.size));
      let i = itemIndex.get(e.itemId!);
      if (i === undefined) itemIndex.set(e.itemId!, (i = itemIndex.size));
      let c = channelIndex.get(e.channel);
      if (c === undefined) channelIndex.set(e.channel, (c = channelIndex.size));
      let o = -1;
      if (e.orderId !== null) {
        o = orderIndex.get(e.orderId) ?? orderIndex.size;
        if (o === orderIndex.size) orderIndex.set(e.orderId, o);
      }
      cols.push(u, i, e.timestamp / 1000, eventCode(e.type), eventValue(e), c, o);
    }
    if (page.length > 0) after = page[page.length - 1]!.seq;
    await onPage?.(read, window.positions);
    if (page.length < pageSize) break;
    // SQLite answers synchronously, so without this the whole read would be one turn of the event loop
    // (seconds on a large log) and requests served by the same process would wait for all of it.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  orderIndex.clear();
  // fromIndexed sorts by (user, time); sort the channel codes the same (stable) way.
  const n = cols.size;
  const order = userTimeOrder(cols.users, cols.ts, n);
  const pick = <T extends Int32Array | Float64Array | Uint8Array | Float32Array>(src: T, out: T): T => {
    for (let k = 0; k < n; k++) out[k] = src[order[k]!]!;
    return out;
  };
  const log = InteractionLog.fromIndexed({
    userIds: [...userIndex.keys()],
    itemIds: [...itemIndex.keys()],
    users: pick(cols.users, new Int32Array(n)),
    items: pick(cols.items, new Int32Array(n)),
    timestamps: pick(cols.ts, new Float64Array(n)),
    events: pick(cols.codes, new Uint8Array(n)),
    values: pick(cols.values, new Float32Array(n)),
  });
  return {
    log,
    channels: pick(cols.channels, new Uint8Array(n)),
    channelNames: [...channelIndex.keys()],
    orders: pick(cols.orders, new Int32Array(n)),
    lastSeq: window.lastSeq,
  };
}

/**
 * Positions ordered by (user, time, position), as a comparator sort would, in linear time for logs read
 * in time order: a stable counting sort by user, then an insertion sort of each user's few out-of-order
 * events. A comparator sort of 200,000 events held the event loop for most of a second.
 */
function userTimeOrder(users: Int32Array, ts: Float64Array, n: number): Int32Array {
  let numUsers = 0;
  for (let k = 0; k < n; k++) numUsers = Math.max(numUsers, users[k]! + 1);
  const start = new Int32Array(numUsers + 1);
  for (let k = 0; k < n; k++) start[users[k]! + 1]!++;
  for (let u = 0; u < numUsers; u++) start[u + 1]! += start[u]!;
  const cursor = start.slice(0, numUsers);
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[cursor[users[k]!]!++] = k;
  for (let u = 0; u < numUsers; u++) {
    for (let a = start[u]! + 1; a < start[u + 1]!; a++) {
      const k = order[a]!;
      let b = a - 1;
      // Equal times keep log order: only strictly later events move right.
      while (b >= start[u]! && ts[order[b]!]! > ts[k]!) {
        order[b + 1] = order[b]!;
        b--;
      }
      order[b + 1] = k;
    }
  }
  return order;
}

/** Popularity vectors over a log's item index: trending (decayed) overall and per channel. */
export interface PopularityVectors {
  trending: Float32Array;
  byChannel: Map<string, Float32Array>;
}

/** Half-life of an event's weight in the trending lists, trained (here) or read before any model. */
export const TRENDING_HALF_LIFE_DAYS = 14;

/** Positive event weights, halved every `halfLifeSeconds` back from the log's newest event. */
export function popularityVectors(
  cols: LogColumns,
  halfLifeSeconds = TRENDING_HALF_LIFE_DAYS * 86_400,
): PopularityVectors {
  const { log } = cols;
  const now = log.maxTimestamp;
  const trending = new Float32Array(log.numItems);
  const per = cols.channelNames.map(() => new Float32Array(log.numItems));
  for (let k = 0; k < log.size; k++) {
    const w = Math.max(0, log.weights[k]!) * Math.pow(0.5, (now - log.timestamps[k]!) / halfLifeSeconds);
    const item = log.items[k]!;
    trending[item]! += w;
    per[cols.channels[k]!]![item]! += w;
  }
  return { trending, byChannel: new Map(cols.channelNames.map((c, i) => [c, per[i]!])) };
}
