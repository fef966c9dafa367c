/** `daogou experiments …` against a real SQLite store and real files. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDaogou } from '../helpers/run-cli.js';

describe('daogou experiments', () => {
  let dir: string;
  let db: string;
  const cli = (...args: string[]) => runDaogou(['--database', db, ...args]);

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-cli-experiments-'));
    db = `sqlite:${path.join(dir, 'daogou.db')}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('analyses a summary file with the service’s engine (GrowthBook’s case)', async () => {
    const file = path.join(dir, 'summary.json');
    writeFileSync(
      file,
      JSON.stringify({
        variants: [
          { name: 'A', n: 3407, sum: 1396.87, sumSquares: 52377.9767 },
          { name: 'B', n: 3461, sum: 2422.7, sumSquares: 134698.29 },
        ],
      }),
    );
    const run = await runDaogou(['experiments', 'analyze', '--summary', file, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.variants).toHaveLength(1);
    const b = out.variants[0];
    expect(b.name).toBe('B');
    expect(b.mean).toBeCloseTo(0.7, 10);
    expect(b.relative.estimate).toBeCloseTo(0.70732, 4);
    expect(b.relative.ci[0]).toBeCloseTo(-0.03526, 4);
    expect(b.relative.ci[1]).toBeCloseTo(1.44989, 4);
    expect(b.relative.pValue).toBeCloseTo(0.06191, 4);
    expect(b.absolute.estimate).toBeCloseTo(0.29, 4);
    expect(b.absolute.ci[0]).toBeCloseTo(0.04538, 4);
    expect(b.absolute.ci[1]).toBeCloseTo(0.53462, 4);
    expect(b.absolute.pValue).toBeCloseTo(0.02016, 4);
    const text = await runDaogou(['experiments', 'analyze', '--summary', file]);
    expect(text.stdout).toMatch(/^B: mean 0\.7000; absolute 0\.2900/);
  });

  it('fails with a clear message and a non-zero exit on a bad file', async () => {
    const missing = await runDaogou(['experiments', 'analyze', '--summary', path.join(dir, 'nope.json'), '--json']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json: ENOENT/);
    const bad = path.join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        variants: [
          { name: 'A', n: 1, sum: 1, sumSquares: 1 },
          { name: 'B', n: 5, sum: 1 },
        ],
      }),
    );
    const run = await runDaogou(['experiments', 'analyze', '--summary', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/variants\/0\/n/);
    expect(run.stderr).toMatch(/variants\/1\/sumSquares/);
    writeFileSync(bad, '{"variants": ');
    expect((await runDaogou(['experiments', 'analyze', '--summary', bad])).stderr).toMatch(/is not JSON/);
  });

  it('creates, lists, stops and reads out an experiment', async () => {
    const created = await cli(
      'experiments',
      'create',
      '--name',
      'copy test',
      '--surface',
      'message',
      '--variants',
      'control,short=2',
      '--metric',
      'ctr:click',
      '--metric',
      'orders:conversion',
      '--json',
    );
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      name: 'copy test',
      status: 'running',
      variants: [
        { name: 'control', weight: 1 },
        { name: 'short', weight: 2 },
      ],
    });
    const wrong = await cli('experiments', 'create', '--name', 'x', '--surface', 'moon', '--variants', 'a');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/surface/);
    expect(wrong.stderr).toMatch(/variants/);
    expect((await cli('experiments', 'list')).stdout).toMatch(/running\s+ab\s+message\s+copy test/);
    const results = await cli('experiments', 'results', 'copy test');
    expect(results.code).toBe(0);
    expect(results.stdout).toMatch(/Keep running: control has 0 of the 100 units needed/);
    expect((await cli('experiments', 'stop', 'copy test')).stdout).toMatch(/stopped/);
    const unknown = await cli('experiments', 'show', 'nothing');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no experiment has id or name "nothing"/);
  });
});
