/**
 * Which items customers buy again (consumables, refills): per item, the share of its buyers who bought it
 * on two or more occasions. A "buy again" list may name these even when purchases are excluded.
 */
import { eventCode } from './event-weights.js';
import type { InteractionLog } from './interaction-log.js';

/** Re-buyers an item needs before its share counts (one customer's habit is not a pattern). */
export const MIN_REBUYERS = 2;
/** Share of buyers who re-buy above which an item is offered again. */
export const REBUY_SHARE = 0.2;

/**
 * Per item: re-buyers ÷ buyers, where a re-buy is a purchase at a later time than the customer's first
 * purchase of the item (lines of one basket share a time, so they are one occasion); 0 for items with
 * fewer than {@link MIN_REBUYERS} re-buyers.
 */
export function rebuyShares(log: InteractionLog): Float32Array {
  const purchase = eventCode('purchase');
  const buyers = new Int32Array(log.numItems);
  const rebuyers = new Int32Array(log.numItems);
  const firstTime = new Float64Array(log.numItems);
  // Per item, the last user that bought it (index + 1) and whether they re-bought it already.
  const lastUser = new Int32Array(log.numItems);
  const counted = new Uint8Array(log.numItems);
  for (let u = 0; u < log.numUsers; u++) {
    for (let k = log.userPtr[u]!; k < log.userPtr[u + 1]!; k++) {
      if (log.events[k] !== purchase) continue;
      const i = log.items[k]!;
      if (lastUser[i] !== u + 1) {
        lastUser[i] = u + 1;
        counted[i] = 0;
        firstTime[i] = log.timestamps[k]!;
        buyers[i]!++;
      } else if (!counted[i] && log.timestamps[k]! > firstTime[i]!) {
        counted[i] = 1;
        rebuyers[i]!++;
      }
    }
  }
  const out = new Float32Array(log.numItems);
  for (let i = 0; i < log.numItems; i++) if (rebuyers[i]! >= MIN_REBUYERS) out[i] = rebuyers[i]! / buyers[i]!;
  return out;
}

/** Whether an item is bought again often enough to be offered again. */
export function isRebought(shares: Float32Array | null, item: number): boolean {
  return shares !== null && item >= 0 && item < shares.length && shares[item]! >= REBUY_SHARE;
}
