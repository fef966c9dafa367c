/** Small synthetic logs for tests: two groups of items that users browse in a fixed order. */
import { InteractionLog } from './interaction-log.js';
import type { InteractionRow } from './interaction-log.js';

/** Item ids of group A (a0..a4) and group B (b0..b4); users of each group view them in order. */
export function groupedLog(usersPerGroup = 20): InteractionLog {
  const rows: InteractionRow[] = [];
  for (const g of ['a', 'b']) {
    for (let u = 0; u < usersPerGroup; u++) {
      // Each user starts at a different item so every transition a_k → a_{k+1} is seen often.
      const start = u % 3;
      for (let s = 0; s < 3; s++) {
        rows.push({ userId: `${g}-user${u}`, itemId: `${g}${start + s}`, timestamp: 1000 + s * 60, eventType: 'view' });
      }
    }
  }
  // A globally popular item that everybody buys at the end.
  for (let u = 0; u < usersPerGroup; u++) {
    rows.push({ userId: `a-user${u}`, itemId: 'hit', timestamp: 2000, eventType: 'purchase' });
    rows.push({ userId: `b-user${u}`, itemId: 'hit', timestamp: 2000, eventType: 'purchase' });
  }
  return InteractionLog.fromRows(rows);
}

/** Item indices for ids in a log (throws on unknown ids, which would be a test bug). */
export function idx(log: InteractionLog, ...ids: string[]): number[] {
  return ids.map((id) => {
    const i = log.itemIndex.get(id);
    if (i === undefined) throw new Error(`unknown item ${id}`);
    return i;
  });
}
