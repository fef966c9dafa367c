import { describe, expect, it } from 'vitest';
import { InteractionLog, type InteractionRow } from '../interaction-log.js';
import { fitServingModel, precomputeLists } from './recommend-model.js';

describe('lists precomputed per customer', () => {
  it('go to the most recently active customers when there are more than the cap, the same lists as uncapped', async () => {
    const rows: InteractionRow[] = [];
    for (let u = 0; u < 10; u++)
      for (let s = 0; s < 4; s++)
        rows.push({ userId: `u${u}`, itemId: `i${(u + s) % 6}`, timestamp: 1000 + u * 10 + s, eventType: 'view' });
    // An anonymous visitor, newest of all, never gets a list.
    rows.push({ userId: 'anon:x', itemId: 'i1', timestamp: 5000, eventType: 'view' });
    const log = InteractionLog.fromRows(rows);
    const cols = { log, channels: new Uint8Array(log.size), channelNames: ['web'], lastSeq: log.size };
    const pipeline = (await fitServingModel(cols, new Map())).model.pipeline!;
    const all = precomputeLists(log, pipeline, 5);
    expect(all.userIds).toHaveLength(10);
    const capped = precomputeLists(log, pipeline, 5, 3);
    expect(capped.userIds).toEqual(['u7', 'u8', 'u9']);
    const row = (l: typeof all, id: string) => {
      const r = l.userIds.indexOf(id);
      return Array.from(l.items.subarray(r * 5, r * 5 + 5));
    };
    for (const id of capped.userIds) expect(row(capped, id)).toEqual(row(all, id));
  });
});
