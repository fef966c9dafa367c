import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, countKinds, recordValue } from '../collect.js';
import { datasetPath, missingDatasetMessage } from '../location.js';
import { taobaoUserBehavior } from './taobao-user-behavior.js';

const dir = mkdtempSync(path.join(tmpdir(), 'daogou-taobao-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('taobaoUserBehavior', () => {
  it('maps behaviours to event types', async () => {
    const behavior = path.join(dir, 'UserBehavior.csv');
    writeFileSync(
      behavior,
      '1,100,7,pv,1511544070\n1,100,7,cart,1511544071\n2,101,8,fav,1511544072\n2,100,7,buy,1511544073\n2,101,8,zap,1\n3,1\n',
    );
    const out = await collect(taobaoUserBehavior.read({ behavior }));
    expect(out.slice(0, 4).map(recordValue)).toEqual([
      { id: 'tb-100', title: 'Item 100', category: '7' },
      { id: 'tb-101', title: 'Item 101', category: '8' },
      { id: 'tb-1' },
      { id: 'tb-2' },
    ]);
    const events = out.slice(4);
    expect(events.map((r) => (r.kind === 'events' ? (recordValue(r) as { type: string }).type : r.kind))).toEqual([
      'view',
      'add_to_cart',
      'wishlist',
      'purchase',
      'zap',
      'issue',
    ]);
    expect(recordValue(events[0])).toEqual({
      id: 'tb-1',
      type: 'view',
      customerId: 'tb-1',
      itemId: 'tb-100',
      channel: 'app',
      timestamp: 1511544070000,
    });
  });
});

const sample = datasetPath('taobao-userbehavior-sample', 'UserBehavior_sample.csv');
if (!sample) console.warn(missingDatasetMessage('taobao-userbehavior-sample', 'UserBehavior_sample.csv'));

describe.skipIf(!sample)('taobaoUserBehavior on the sample', () => {
  it('yields one event per line', async () => {
    const counts = await countKinds(taobaoUserBehavior.read({ behavior: sample ?? '' }));
    // The README says 4,320 but the file holds 4,321 rows, all well formed and no header.
    expect(counts.events).toBe(4321);
    expect(counts.issue).toBe(0);
  });
});
