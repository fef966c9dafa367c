import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, countKinds, recordValue } from '../collect.js';
import { datasetPath, missingDatasetMessage } from '../location.js';
import { S3REC_BASE_TIME, s3recAmazon } from './s3rec-amazon.js';

const dir = mkdtempSync(path.join(tmpdir(), 'daogou-s3rec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('s3recAmazon', () => {
  it('keeps sequence order with synthetic daily timestamps', async () => {
    const sequences = path.join(dir, 'Beauty.txt');
    const attributes = path.join(dir, 'Beauty_item2attributes.json');
    writeFileSync(sequences, '1 10 2 3\n2 3\n3\n');
    writeFileSync(attributes, JSON.stringify({ '2': [5, 6], '10': [7], '99': [1] }));
    const out = await collect(s3recAmazon.read({ sequences, attributes }, { idPrefix: 'beauty' }));
    expect(out.filter((r) => r.kind === 'items').map(recordValue)).toEqual([
      { id: 'beauty-2', title: 'Item 2', attributes: { attributeIds: ['5', '6'] } },
      { id: 'beauty-3', title: 'Item 3' },
      { id: 'beauty-10', title: 'Item 10', attributes: { attributeIds: ['7'] } },
      { id: 'beauty-99', title: 'Item 99', attributes: { attributeIds: ['1'] } },
    ]);
    expect(out.filter((r) => r.kind === 'customers').map(recordValue)).toEqual([
      { id: 'beauty-1' },
      { id: 'beauty-2' },
    ]);
    const events = out.filter((r) => r.kind === 'events').map((r) => recordValue(r) as Record<string, unknown>);
    expect(events.map((e) => [e.customerId, e.itemId, e.timestamp])).toEqual([
      ['beauty-1', 'beauty-10', S3REC_BASE_TIME],
      ['beauty-1', 'beauty-2', S3REC_BASE_TIME + 1000],
      ['beauty-1', 'beauty-3', S3REC_BASE_TIME + 2000],
      ['beauty-2', 'beauty-3', S3REC_BASE_TIME],
    ]);
    expect(events[0]).toMatchObject({ id: 'beauty-1-0', type: 'purchase', quantity: 1 });
    expect(out.at(-1)).toMatchObject({ kind: 'issue', source: { line: 3 } });
  });
});

const beauty = datasetPath('amazon-beauty');
if (!beauty) console.warn(missingDatasetMessage('amazon-beauty'));

describe.skipIf(!beauty)('s3recAmazon on Beauty', () => {
  it('yields every item, user and interaction', async () => {
    const paths = {
      sequences: path.join(beauty ?? '', 'Beauty.txt'),
      attributes: path.join(beauty ?? '', 'Beauty_item2attributes.json'),
    };
    expect(await countKinds(s3recAmazon.read(paths))).toEqual({
      items: 12101,
      customers: 22363,
      events: 198502,
      issue: 0,
    });
  });
});
