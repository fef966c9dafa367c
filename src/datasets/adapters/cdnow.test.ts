import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, countKinds, recordValue } from '../collect.js';
import { datasetPath, missingDatasetMessage } from '../location.js';
import { cdnow, parseYyyymmdd } from './cdnow.js';

const dir = mkdtempSync(path.join(tmpdir(), 'daogou-cdnow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cdnow', () => {
  it('maps lines to purchases of the generic CD, with or without a header', async () => {
    const transactions = path.join(dir, 'CDNOW_master.txt');
    writeFileSync(
      transactions,
      ' customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n 00002 19970112  5   77.00\r\n 00002 1997\r\n',
    );
    const out = await collect(cdnow.read({ transactions }));
    expect(out.map((r) => r.kind)).toEqual(['items', 'customers', 'customers', 'events', 'events', 'issue']);
    expect(recordValue(out[0])).toMatchObject({ id: 'cdnow-cd', title: 'CD' });
    expect(out[4]).toEqual({
      kind: 'events',
      value: {
        id: 'cdnow-3',
        type: 'purchase',
        customerId: 'cdnow-00002',
        itemId: 'cdnow-cd',
        quantity: 5,
        revenue: 77,
        currency: 'USD',
        channel: 'web',
        timestamp: Date.UTC(1997, 0, 12),
      },
      source: { file: transactions, line: 3 },
    });
  });

  it('rejects impossible dates', () => {
    expect(parseYyyymmdd('19970231')).toBeNull();
    expect(parseYyyymmdd('19971231')).toBe(Date.UTC(1997, 11, 31));
  });
});

const master = datasetPath('cdnow', 'CDNOW_master.txt');
if (!master) console.warn(missingDatasetMessage('cdnow', 'CDNOW_master.txt'));

describe.skipIf(!master)('cdnow on CDNOW_master.txt', () => {
  it('yields every transaction and customer', async () => {
    expect(await countKinds(cdnow.read({ transactions: master ?? '' }))).toEqual({
      items: 1,
      customers: 23570,
      events: 69659,
      issue: 0,
    });
  });
});
