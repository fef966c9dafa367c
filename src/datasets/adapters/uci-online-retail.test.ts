import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, countKinds, recordValue } from '../collect.js';
import { datasetPath, missingDatasetMessage } from '../location.js';
import { parseUciDate, uciOnlineRetail } from './uci-online-retail.js';

const dir = mkdtempSync(path.join(tmpdir(), 'daogou-uci-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIXTURE = [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '536370,22728,ALARM CLOCK PINK,24,12/1/2010 8:45,3.75,12583,France',
  '536370,POST,POSTAGE,3,12/1/2010 8:45,18,12583,France',
  '536371,22728,ALARM CLOCK PINK ,2,12/2/2010 9:00,3.95,,France',
  'C537893,22728,"CLOCK, PINK",-1,12/9/2010 10:14,3.35,12721.0,France',
  '537894,22728,broken',
  '537895,22729,CLOCK RED,x,13/40/2010,1.1,12721,France',
].join('\n');

describe('uciOnlineRetail', () => {
  it('maps items, customers, purchases, refunds and anonymous lines', async () => {
    const file = path.join(dir, 'retail.csv');
    writeFileSync(file, FIXTURE);
    const out = await collect(uciOnlineRetail.read({ invoices: file }));
    expect(out.map((r) => r.kind)).toEqual([
      'items',
      'items',
      'items',
      'customers',
      'customers',
      'events',
      'events',
      'events',
      'events',
      'issue',
      'events',
    ]);
    expect(recordValue(out[0])).toEqual({ id: '22728', title: 'ALARM CLOCK PINK', price: 3.35, currency: 'GBP' });
    expect(recordValue(out[1])).toMatchObject({ id: 'POST', attributes: { nonProduct: true } });
    expect(recordValue(out[3])).toEqual({ id: '12583', traits: { country: 'France' } });
    expect(recordValue(out[4])).toEqual({ id: '12721', traits: { country: 'France' } });
    expect(out[5]).toEqual({
      kind: 'events',
      value: {
        id: 'uci-536370-2',
        type: 'purchase',
        customerId: '12583',
        itemId: '22728',
        quantity: 24,
        price: 3.75,
        revenue: 90,
        currency: 'GBP',
        orderId: '536370',
        channel: 'web',
        timestamp: Date.UTC(2010, 11, 1, 8, 45),
      },
      source: { file, line: 2 },
    });
    expect(recordValue(out[7])).toMatchObject({ anonymousId: 'uci-guest-536371', quantity: 2, revenue: 7.9 });
    expect(recordValue(out[8])).toMatchObject({
      type: 'refund',
      customerId: '12721',
      quantity: 1,
      revenue: 3.35,
      orderId: 'C537893',
      properties: { cancelledInvoice: 'C537893' },
    });
    expect(out[9]).toMatchObject({ kind: 'issue', source: { line: 6 } });
    // Bad cells stay as text so validation reports the field.
    expect(recordValue(out[10])).toMatchObject({ quantity: 'x', timestamp: '13/40/2010' });
  });

  it('parses invoice dates as UTC', () => {
    expect(parseUciDate('12/9/2010 10:14')).toBe(Date.parse('2010-12-09T10:14:00Z'));
    expect(parseUciDate('2010-12-09')).toBeNull();
  });
});

const france = datasetPath('online-retail-france', 'online_retail_france.csv');
if (!france) console.warn(missingDatasetMessage('online-retail-france', 'online_retail_france.csv'));

describe.skipIf(!france)('uciOnlineRetail on the France slice', () => {
  it('yields one event per line, refunds included', async () => {
    const counts = await countKinds(uciOnlineRetail.read({ invoices: france ?? '' }));
    expect(counts).toEqual({ items: 1543, customers: 87, events: 8557, issue: 0 });
    let refunds = 0;
    for await (const r of uciOnlineRetail.read({ invoices: france ?? '' }))
      if (r.kind === 'events' && (recordValue(r) as { type: string }).type === 'refund') refunds++;
    expect(refunds).toBe(149);
  });
});
