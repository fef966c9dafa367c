/** `daogou classify` on CSV files the test writes: one prediction per input row in order, clear errors. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDaogou } from '../helpers/run-cli.js';

describe('daogou classify', () => {
  let dir: string;
  const file = (name: string, text: string): string => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  let train: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-cli-classify-'));
    const rows = [
      ['where is my order', 'order'],
      ['track my parcel', 'order'],
      ['has my package shipped', 'order'],
      ['我的快递到哪了', 'order'],
      ['查物流', 'order'],
      ['I want a refund', 'refund'],
      ['give me my money back', 'refund'],
      ['how do I get a refund', 'refund'],
      ['我要退款', 'refund'],
      ['退钱', 'refund'],
    ];
    // A BOM and a quoted comma, as spreadsheet exports have them.
    train = file(
      'train.csv',
      `\ufeffid,utterance,intent\n${rows.map((r, i) => `${i},"${r[0]}",${r[1]}`).join('\n')}\n`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one {label, score} line per row of IN, in order', async () => {
    const input = file('in.csv', 'utterance,other\n"refund, please",x\nwhere is my parcel,y\n我的订单物流,z\n');
    const out = path.join(dir, 'out.jsonl');
    const run = await runDaogou([
      'classify',
      '--train',
      train,
      '--text',
      'utterance',
      '--label',
      'intent',
      '--in',
      input,
      '--out',
      out,
      '--epochs',
      '30',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { label: string; score: number });
    expect(lines.map((l) => l.label)).toEqual(['refund', 'order', 'order']);
    for (const l of lines) expect(l.score).toBeGreaterThan(0.5);
    expect(run.stderr).toMatch(/trained on 10 rows \(2 labels\); classified 3 rows/);
  });

  it('names a missing column or file and exits non-zero without writing', async () => {
    const input = file('in2.csv', 'text\nhello\n');
    const out = path.join(dir, 'never.jsonl');
    const missingColumn = await runDaogou([
      'classify',
      '--train',
      train,
      '--text',
      'utterance',
      '--label',
      'intent',
      '--in',
      input,
      '--out',
      out,
    ]);
    expect(missingColumn.code).not.toBe(0);
    expect(missingColumn.stderr).toMatch(/--in .*in2\.csv.*no column "utterance"/);
    const missingLabel = await runDaogou([
      'classify',
      '--train',
      train,
      '--text',
      'utterance',
      '--label',
      'nope',
      '--in',
      input,
      '--out',
      out,
    ]);
    expect(missingLabel.code).not.toBe(0);
    expect(missingLabel.stderr).toMatch(/no column "nope"/);
    const missingFile = await runDaogou([
      'classify',
      '--train',
      path.join(dir, 'absent.csv'),
      '--text',
      'utterance',
      '--label',
      'intent',
      '--in',
      input,
      '--out',
      out,
    ]);
    expect(missingFile.code).not.toBe(0);
    expect(missingFile.stderr).toMatch(/--train.*file not found/);
    expect(existsSync(out)).toBe(false);
  });
});
