import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchSearch } from './batch-search.js';

describe('batchSearch', () => {
  it('indexes a CSV, runs every query and writes one JSON line each', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-batch-'));
    const items = path.join(dir, 'items.csv');
    const queries = path.join(dir, 'queries.txt');
    const out = path.join(dir, 'results.jsonl');
    writeFileSync(
      items,
      [
        'id,title,description,category,brand,price,extra',
        'a1,"Stainless Steel Sink, 33 in.","A deep ""farmhouse"" sink",Home/Kitchen,Glacier Bay,199,x',
        'a2,Cast Iron Sink,,Home/Kitchen,Kohler,399,y',
        'a3,红色连衣裙,夏季,女装/连衣裙,花语,189,z',
      ].join('\n'),
    );
    writeFileSync(queries, 'stainless sink\n\n连衣裙\nnothing-matches-this\n');
    const summary = await batchSearch({ itemsCsvPath: items, queriesPath: queries, k: 2, outPath: out });
    expect(summary).toEqual({ items: 3, queries: 3 });
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { query: string; items: string[] });
    expect(lines).toEqual([
      { query: 'stainless sink', items: ['a1', 'a2'] },
      { query: '连衣裙', items: ['a3'] },
      { query: 'nothing-matches-this', items: [] },
    ]);
  });

  it('names the missing column', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-batch-'));
    writeFileSync(path.join(dir, 'items.csv'), 'sku,name\n1,x\n');
    writeFileSync(path.join(dir, 'q.txt'), 'x\n');
    await expect(
      batchSearch({
        itemsCsvPath: path.join(dir, 'items.csv'),
        queriesPath: path.join(dir, 'q.txt'),
        k: 3,
        outPath: path.join(dir, 'o'),
      }),
    ).rejects.toThrow(/items\.csv: missing columns id, title/);
  });
});
