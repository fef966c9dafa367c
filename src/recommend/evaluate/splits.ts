/** Train/test splits over an interaction log; the item index space is shared by both sides. */
import { seededRandom, shuffleInPlace } from '../../math/random.js';
import type { InteractionLog } from '../interaction-log.js';

/** A training log plus each test user's relevant items. */
export interface Split {
  train: InteractionLog;
  /** user index → relevant item indices */
  test: Map<number, number[]>;
}

/**
 * Leave-last-out: `offset` 0 makes each user's last event the test item and trains on the rest;
 * offset 1 holds out the second-to-last (validation) and trains on everything before it.
 * Users with fewer than offset + 2 events keep all events in training and are not evaluated.
 */
export function leaveLastOut(log: InteractionLog, offset = 0): Split {
  const keep = new Uint8Array(log.size).fill(1);
  const test = new Map<number, number[]>();
  for (let u = 0; u < log.numUsers; u++) {
    const a = log.userPtr[u]!;
    const b = log.userPtr[u + 1]!;
    if (b - a < offset + 2) continue;
    const target = b - 1 - offset;
    for (let k = target; k < b; k++) keep[k] = 0;
    test.set(u, [log.items[target]!]);
  }
  return { train: log.select(keep), test };
}

/**
 * Last basket out: each user's events at their newest timestamp (one order, one import batch) are the
 * test set, new items only; users whose events all share one time stay in training untested.
 */
export function lastBasketOut(log: InteractionLog): Split {
  const keep = new Uint8Array(log.size).fill(1);
  for (let u = 0; u < log.numUsers; u++) {
    const a = log.userPtr[u]!;
    const b = log.userPtr[u + 1]!;
    if (b - a < 2) continue;
    const newest = log.timestamps[b - 1]!;
    let first = b - 1;
    while (first > a && log.timestamps[first - 1] === newest) first--;
    if (first === a) continue;
    for (let k = first; k < b; k++) keep[k] = 0;
  }
  return splitByMask(log, keep);
}

/** Random split stratified by item (or user): each group's events go ratio/(1−ratio), seeded. */
export function stratifiedSplit(log: InteractionLog, ratio = 0.75, seed = 42, by: 'item' | 'user' = 'item'): Split {
  const rand = seededRandom(seed);
  const groups = new Map<number, number[]>();
  const key = by === 'item' ? log.items : log.users;
  for (let k = 0; k < log.size; k++) {
    const g = groups.get(key[k]!);
    if (g) g.push(k);
    else groups.set(key[k]!, [k]);
  }
  const keep = new Uint8Array(log.size);
  for (const events of groups.values()) {
    shuffleInPlace(events, rand);
    const nTrain = Math.round(events.length * ratio);
    for (let p = 0; p < nTrain; p++) keep[events[p]!] = 1;
  }
  return splitByMask(log, keep);
}

/** Events before the cutoff time train; later events of users seen in training are the test. */
export function timeSplit(log: InteractionLog, cutoff: number): Split {
  const keep = new Uint8Array(log.size);
  for (let k = 0; k < log.size; k++) keep[k] = log.timestamps[k]! < cutoff ? 1 : 0;
  return splitByMask(log, keep);
}

/** The timestamp below which `fraction` of the events fall. */
export function timeQuantile(log: InteractionLog, fraction: number): number {
  const ts = Float64Array.from(log.timestamps).sort();
  return ts[Math.min(ts.length - 1, Math.floor(fraction * ts.length))] ?? 0;
}

/** Held-out events of users that also have training events, de-duplicated and minus train items. */
function splitByMask(log: InteractionLog, keep: Uint8Array): Split {
  const train = log.select(keep);
  const test = new Map<number, number[]>();
  for (let u = 0; u < log.numUsers; u++) {
    const a = log.userPtr[u]!;
    const b = log.userPtr[u + 1]!;
    const seen = new Set<number>();
    let hasTrain = false;
    for (let k = a; k < b; k++) {
      if (!keep[k]) continue;
      hasTrain = true;
      seen.add(log.items[k]!);
    }
    if (!hasTrain) continue;
    const rel = new Set<number>();
    for (let k = a; k < b; k++) if (!keep[k] && !seen.has(log.items[k]!)) rel.add(log.items[k]!);
    if (rel.size > 0) test.set(u, [...rel]);
  }
  return { train, test };
}
