/** `daogou search-batch` on files the test writes, and `daogou search query|stats|reindex|refresh` on a SQLite store. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../helpers/test-time.js';
import { createEngine } from '../../src/engine/engine.js';
import { runDaogou } from '../helpers/run-cli.js';
import { loadSmallStore } from '../helpers/small-store.js';

describe('daogou search commands', () => {
  let dir: string;
  let db: string;
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-cli-search-'));
    db = `sqlite:${path.join(dir, 'daogou.db')}`;
    const engine = await createEngine(testConfig({ databaseUrl: db, dataDir: dir }));
    try {
      await loadSmallStore(engine);
    } finally {
      await engine.close();
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('search-batch writes one line per query with the top k ids', async () => {
    const items = file(
      'items.csv',
      [
        'id,title,description,category,brand,price,extra',
        'a1,"Red Silk Dress, Fitted",A dress,Women/Dresses,Lumière,199,x',
        'a2,Blue Cotton Shirt,,Men/Shirts,Basico,89.9,',
        'a3,Wireless Headphones,Noise cancelling,Electronics/Audio,Sonique,599,',
        'a4,红色 连衣裙,,女装/连衣裙,云裳,259,',
      ].join('\n'),
    );
    const queries = file('queries.txt', 'red dress\n\nheadphnes\n连衣裙\nnothing-matches-this\n');
    const out = path.join(dir, 'results.jsonl');
    const run = await runDaogou(['search-batch', '--items', items, '--queries', queries, '--k', '2', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { query: string; items: string[] });
    expect(lines.map((l) => l.query)).toEqual(['red dress', 'headphnes', '连衣裙', 'nothing-matches-this']);
    expect(lines[0]!.items[0]).toBe('a1');
    expect(lines[0]!.items.length).toBeLessThanOrEqual(2);
    expect(lines[1]!.items).toEqual(['a3']);
    expect(lines[2]!.items).toEqual(['a4']);
    expect(lines[3]!.items).toEqual([]);
  });

  it('search-batch names the line and field of a bad CSV and exits non-zero', async () => {
    const queries = file('q.txt', 'x\n');
    const out = path.join(dir, 'bad.jsonl');
    const badPrice = file('bad-price.csv', 'id,title,price\nb1,Lamp,12\nb2,Chair,cheap\n');
    let run = await runDaogou(['search-batch', '--items', badPrice, '--queries', queries, '--out', out]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/bad-price\.csv:3 price/);
    const noTitle = file('no-title.csv', 'id,name\nb1,Lamp\n');
    run = await runDaogou(['search-batch', '--items', noTitle, '--queries', queries, '--out', out]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/no-title\.csv:1 title/);
    const emptyId = file('empty-id.csv', 'id,title\n,Lamp\n');
    run = await runDaogou(['search-batch', '--items', emptyId, '--queries', queries, '--out', out]);
    expect(run.stderr).toMatch(/empty-id\.csv:2 id/);
    run = await runDaogou(['search-batch', '--items', badPrice, '--queries', queries, '--out', out, '--k', '0']);
    expect(run.stderr).toMatch(/--k must be a positive integer/);
  });

  it('queries the store, refreshes, reindexes and reports stats', async () => {
    const cli = (...args: string[]) => runDaogou(['--database', db, 'search', ...args]);
    let run = await cli('query', '连衣裙', '--limit', '3');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/results for "连衣裙"/);
    run = await cli('query', 'red dress', '--json');
    expect(JSON.parse(run.stdout).items.length).toBeGreaterThan(0);
    run = await cli('refresh', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).itemsWithPrior).toBeGreaterThan(0);
    run = await cli('reindex');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/indexed \d+ searchable items/);
    run = await cli('stats', '--days', '3650', '--json');
    expect(run.code, run.stderr).toBe(0);
    const stats = JSON.parse(run.stdout);
    expect(stats.searches).toBeGreaterThan(0);
    expect(stats.topQueries.length).toBeGreaterThan(0);
    run = await cli('stats', '--days', '3650');
    expect(run.stdout).toMatch(/Top queries:/);
  });
});
