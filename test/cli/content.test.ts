/** `daogou content generate`: copy from a CSV (no database) and for a stored item, JSON lines out, clear errors. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { runDaogou } from '../helpers/run-cli.js';
import { testConfig } from '../helpers/test-time.js';

describe('daogou content generate', () => {
  let dir: string;
  let db: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-cli-content-'));
    db = `sqlite:${path.join(dir, 'store.db')}`;
    const engine = await createEngine(testConfig({ databaseUrl: db, dataDir: dir }));
    await engine.items.upsert([
      {
        id: 'lamp',
        title: 'HomeJoy 金色 落地灯',
        category: '家居/灯具',
        brand: 'HomeJoy',
        price: 399,
        attributes: { color: '金色' },
      },
    ]);
    await engine.close();
    writeFileSync(
      path.join(dir, 'items.csv'),
      'id,title,brand,category,price,attributes.color,attributes.material\n' +
        'a1,Basico 白色 棉 衬衫,Basico,男装/衬衫,89.9,白色,棉\n' +
        'a2,Zenflow 红色 跑鞋,Zenflow,运动/跑鞋,979,红色,网面\n',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Three Chinese descriptions and SEO titles for each item of the CSV, written to `out`. */
  const generateFromCsv = (out: string) =>
    runDaogou([
      'content',
      'generate',
      '--in',
      path.join(dir, 'items.csv'),
      '--kind',
      'description,seo_title',
      '--locale',
      'zh',
      '--variants',
      '3',
      '--out',
      out,
    ]);

  it('writes grounded variants for every item of a CSV, one line per item and kind', async () => {
    const out = path.join(dir, 'copy.jsonl');
    const run = await generateFromCsv(out);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/texts written .*0 candidates refused/);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            itemId: string;
            kind: string;
            variants: { text: string; grounding: { grounded: boolean } }[];
          },
      );
    expect(lines.map((l) => `${l.itemId}:${l.kind}`)).toEqual([
      'a1:description',
      'a1:seo_title',
      'a2:description',
      'a2:seo_title',
    ]);
    expect(lines[0]!.variants).toHaveLength(3);
    for (const l of lines) for (const v of l.variants) expect(v.grounding.grounded).toBe(true);
    expect(lines[0]!.variants.some((v) => v.text.includes('¥89.9'))).toBe(true);
    // Same seed, same copy.
    const again = path.join(dir, 'again.jsonl');
    await generateFromCsv(again);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(out, 'utf8'));
  });

  it('writes for a stored item', async () => {
    const out = path.join(dir, 'lamp.jsonl');
    const run = await runDaogou([
      '--database',
      db,
      'content',
      'generate',
      '--item',
      'lamp',
      '--kind',
      'push',
      '--locale',
      'en',
      '--variants',
      '2',
      '--out',
      out,
    ]);
    expect(run.code).toBe(0);
    const line = JSON.parse(readFileSync(out, 'utf8').trim()) as { itemId: string; variants: { text: string }[] };
    expect(line.itemId).toBe('lamp');
    expect(line.variants.length).toBeGreaterThan(0);
  });

  it('refuses bad input with a message and a non-zero exit', async () => {
    const out = path.join(dir, 'bad.jsonl');
    const kind = await runDaogou([
      'content',
      'generate',
      '--in',
      path.join(dir, 'items.csv'),
      '--kind',
      'poem',
      '--out',
      out,
    ]);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/--kind.*poem/);
    const both = await runDaogou(['content', 'generate', '--out', out]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--item ID or --in FILE/);
    const missing = await runDaogou(['content', 'generate', '--in', path.join(dir, 'nope.csv'), '--out', out]);
    expect(missing.stderr).toMatch(/not a file/);
    expect(existsSync(out)).toBe(false); // refused input leaves no output file behind
  });
});
