import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchRecommend, parseTimestamp } from './batch-recommend.js';
import type { BatchProgress } from './batch-recommend.js';

describe('batchRecommend', () => {
  it('reads a CSV with quoted fields, ISO and numeric timestamps and extra columns, and writes JSON lines', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'daogou-batch-'));
    const csv = path.join(dir, 'train.csv');
    const lines = ['user_id,item_id,timestamp,event_type,value,channel'];
    for (let u = 0; u < 12; u++) {
      const g = u % 2 ? 'x' : 'y';
      lines.push(`"u${u}",${g}1,2024-01-0${1 + (u % 5)}T10:00:00Z,view,,web`);
      lines.push(`"u${u}","${g}2, special",${1704103200 + 60 + u},purchase,1,"app, ios"`);
      if (u < 10) lines.push(`u${u},${g}3,${(1704103200 + 120 + u) * 1000},add_to_cart,,web`);
    }
    writeFileSync(csv, lines.join('\n') + '\n');
    const out = path.join(dir, 'recs.jsonl');
    const stages: BatchProgress['stage'][] = [];
    const result = await batchRecommend({
      interactionsCsvPath: csv,
      k: 2,
      outPath: out,
      onProgress: (p) => stages.push(p.stage),
    });
    expect(result.users).toBe(12);
    expect(result.items).toBe(6);
    expect(stages[0]).toBe('read');
    expect(stages.at(-1)).toBe('done');
    const recs = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { user_id: string; items: string[] });
    expect(recs.length).toBe(12);
    const u11 = recs.find((r) => r.user_id === 'u11')!;
    // u11 has x1 and "x2, special"; its own group's x3 is the obvious next item, seen items are excluded.
    expect(u11.items[0]).toBe('x3');
    expect(u11.items).not.toContain('x1');
    expect(u11.items).not.toContain('x2, special');
    for (const r of recs) expect(r.items.length).toBeLessThanOrEqual(2);
  });

  it('names the line of a bad timestamp', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'daogou-batch-'));
    const csv = path.join(dir, 'bad.csv');
    writeFileSync(csv, 'user_id,item_id,timestamp\nu,i,yesterday\n');
    await expect(batchRecommend({ interactionsCsvPath: csv, k: 1, outPath: path.join(dir, 'o') })).rejects.toThrow(
      /bad\.csv:2: timestamp "yesterday"/,
    );
  });
});

describe('parseTimestamp', () => {
  it('accepts seconds, milliseconds and ISO 8601', () => {
    expect(parseTimestamp('1700000000')).toBe(1700000000);
    expect(parseTimestamp('1700000000000')).toBe(1700000000);
    expect(parseTimestamp('2024-01-01T00:00:00Z')).toBe(1704067200);
    expect(parseTimestamp('nope')).toBeNull();
  });
});
