import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvColumnsError, readCsvTable } from './adapters/csv-table.js';
import { collect } from './collect.js';
import { splitCsvRecord, readCsvRows } from './csv-rows.js';
import type { ReadResult } from './parse-issue.js';
import { readCsv } from './read-csv.js';
import { readJsonl } from './read-jsonl.js';
import { detectFormat, readRecords } from './read-records.js';

const dir = mkdtempSync(path.join(tmpdir(), 'daogou-readers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe('readJsonl', () => {
  it('yields one record per line with line numbers, skips blanks and reports bad JSON in place', async () => {
    const file = write('events.jsonl', '\ufeff{"type":"view","itemId":"a"}\r\n\n{oops\n{"type":"purchase"}');
    const out = await collect(readJsonl(file, 'events'));
    expect(out).toEqual([
      { kind: 'events', value: { type: 'view', itemId: 'a' }, source: { file, line: 1 } },
      {
        kind: 'issue',
        recordKind: 'events',
        message: expect.stringContaining('not valid JSON') as string,
        source: { file, line: 3 },
      },
      { kind: 'events', value: { type: 'purchase' }, source: { file, line: 4 } },
    ]);
  });

  it('reads gzip files', async () => {
    const file = write('items.ndjson.gz', gzipSync('{"id":"1","title":"T"}\n{"id":"2","title":"U"}\n'));
    const out = await collect(readRecords(file, 'items'));
    expect(out.map((r) => r.source.line)).toEqual([1, 2]);
    expect(out[1]).toMatchObject({ kind: 'items', value: { id: '2' } });
  });

  it('fails with the error of a missing file', async () => {
    await expect(collect(readJsonl(path.join(dir, 'nope.jsonl'), 'items'))).rejects.toThrow(/ENOENT/);
  });
});

describe('splitCsvRecord', () => {
  it('handles quotes, doubled quotes, delimiters in quotes and empty fields', () => {
    expect(splitCsvRecord('a,"b,c","say ""hi""",,')).toEqual(['a', 'b,c', 'say "hi"', '', '']);
    expect(splitCsvRecord('"open')).toBeNull();
    expect(splitCsvRecord('x\ty', '\t')).toEqual(['x', 'y']);
  });
});

describe('readCsvRows', () => {
  it('gives the starting line of multi-line rows and recovers from an unclosed quote', async () => {
    const file = write('rows.csv', 'a,b\n"multi\nline",2\n\n3,"never closed\n4,5\n');
    const rows = await collect(readCsvRows(file));
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['multi\nline', '2'] },
      { line: 5, error: 'a quoted field is never closed' },
      { line: 6, fields: ['4', '5'] },
    ]);
  });
});

describe('readCsv', () => {
  it('builds nested objects from dotted headers and converts typed fields', async () => {
    const file = write(
      'items.csv',
      '\ufeffid,title,price,stock,active,tags,images,attributes.color,translations.en.title,createdAt\r\n' +
        'sku-1,连衣裙,199.5,3,true,summer|dress,a.jpg|b.jpg,red,Dress,1700000000000\r\n' +
        'sku-2,Hat,cheap,,0,,,,,2024-01-02T03:04:05Z\r\n',
    );
    const out = await collect(readCsv(file, 'items'));
    expect(out).toEqual([
      {
        kind: 'items',
        value: {
          id: 'sku-1',
          title: '连衣裙',
          price: 199.5,
          stock: 3,
          active: true,
          tags: ['summer', 'dress'],
          images: ['a.jpg', 'b.jpg'],
          attributes: { color: 'red' },
          translations: { en: { title: 'Dress' } },
          createdAt: 1700000000000,
        },
        source: { file, line: 2 },
      },
      {
        kind: 'items',
        // 'cheap' stays text so validation reports the price field by name.
        value: { id: 'sku-2', title: 'Hat', price: 'cheap', active: false, createdAt: '2024-01-02T03:04:05Z' },
        source: { file, line: 3 },
      },
    ]);
  });

  it('maps customers and events fields', async () => {
    const customers = write('customers.csv', 'id,traits.email,consent.email,consent.sms\nc1,a@b.c,1,no\n');
    expect((await collect(readCsv(customers, 'customers')))[0]).toMatchObject({
      kind: 'customers',
      value: { id: 'c1', traits: { email: 'a@b.c' }, consent: { email: true, sms: 'no' } },
    });
    const events = write(
      'events.tsv',
      'type\tcustomerId\titemId\tquantity\trevenue\trating\tproperties.coupon\ttimestamp\n' +
        'purchase\tc1\ti1\t2\t19.90\t\tSAVE10\t1700000000000\n',
    );
    expect(await collect(readRecords(events, 'events'))).toEqual([
      {
        kind: 'events',
        value: {
          type: 'purchase',
          customerId: 'c1',
          itemId: 'i1',
          quantity: 2,
          revenue: 19.9,
          properties: { coupon: 'SAVE10' },
          timestamp: 1700000000000,
        },
        source: { file: events, line: 2 },
      },
    ]);
  });

  it('reports rows with the wrong number of fields and unusable headers', async () => {
    const ragged = write('ragged.csv', 'id,title\n1,A\n2\n3,C,extra\n');
    const out: ReadResult[] = await collect(readCsv(ragged, 'items'));
    expect(out.map((r) => [r.kind, r.source.line])).toEqual([
      ['items', 2],
      ['issue', 3],
      ['issue', 4],
    ]);
    for (const header of ['id,id', 'id,', 'attributes,attributes.color', '__proto__.x']) {
      const bad = write('bad.csv', `${header}\n1,2\n`);
      const issues = await collect(readCsv(bad, 'items'));
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ kind: 'issue', source: { line: 1 } });
    }
  });
});

describe('readCsvTable', () => {
  it('finds columns in any order and case, reads absent optional columns as empty and names short rows', async () => {
    const file = write('table.csv', 'Note,ID,Title\n"x, y", 1 ,Red shoe\nonly\n');
    const rows = [];
    for await (const row of readCsvTable(file, ['id', 'title'], { optional: ['price'], ignoreCase: true })) {
      rows.push(
        'error' in row
          ? row
          : { line: row.line, id: row.cell('id'), title: row.cell('title'), price: row.cell('price') },
      );
    }
    expect(rows).toEqual([
      { line: 2, id: '1', title: 'Red shoe', price: '' },
      { line: 3, error: 'row has 1 fields, expected at least 3' },
    ]);
  });

  it('keeps the white space around cells when asked not to trim', async () => {
    const file = write('corpus.csv', 'text,label\n" wan to check ", refund\n');
    const cells = [];
    for await (const row of readCsvTable(file, ['text', 'label'], { trim: false })) {
      if (!('error' in row)) cells.push([row.cell('text'), row.cell('label')]);
    }
    expect(cells).toEqual([[' wan to check ', ' refund']]);
  });

  it('fails on a header without a required column, naming the file and the column', async () => {
    const file = write('no-title.csv', 'id,name\n1,x\n');
    const read = collect(readCsvTable(file, ['id', 'title']));
    await expect(read).rejects.toBeInstanceOf(CsvColumnsError);
    await expect(collect(readCsvTable(file, ['id', 'title']))).rejects.toThrow(/no-title\.csv: missing columns title/);
  });
});

describe('detectFormat', () => {
  it('knows our extensions', () => {
    expect(['a.csv', 'a.CSV.gz', 'a.tsv', 'a.jsonl', 'a.ndjson.gz', 'a.json'].map(detectFormat)).toEqual([
      'csv',
      'csv',
      'tsv',
      'jsonl',
      'jsonl',
      null,
    ]);
  });
});
