/** `daogou vision similar` on folders of images the test draws itself. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDaogou } from '../helpers/run-cli.js';

/** Writes a 60×60 JPEG: a coloured block (striped or plain) on white. */
async function draw(file: string, rgb: [number, number, number], striped: boolean, shift: number): Promise<void> {
  const size = 60;
  const data = Buffer.alloc(size * size * 3, 255);
  for (let y = 10 + shift; y < 50; y++) {
    for (let x = 12; x < 48 + shift; x++) {
      const dark = striped && Math.floor(y / 4) % 2 === 0;
      data.set(dark ? [20, 20, 22] : rgb, (y * size + x) * 3);
    }
  }
  mkdirSync(path.dirname(file), { recursive: true });
  await sharp(data, { raw: { width: size, height: size, channels: 3 } })
    .jpeg({ quality: 90 })
    .toFile(file);
}

describe('daogou vision similar', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-cli-vision-'));
    for (let i = 0; i < 4; i++) {
      await draw(path.join(dir, 'gallery', 'red', `r${i}.jpg`), [200, 30, 40], false, i);
      await draw(path.join(dir, 'gallery', 'deep', 'blue', `b${i}.png`), [40, 90, 200], true, i);
    }
    // Query names say nothing (and the wrong thing): only pixels may count.
    await draw(path.join(dir, 'queries', 'blue-looking-name.jpg'), [200, 30, 40], false, 2);
    await draw(path.join(dir, 'queries', 'sub', 'x.jpg'), [40, 90, 200], true, 1);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one line per query with gallery-relative neighbours, the look-alikes first', async () => {
    const out = path.join(dir, 'out.jsonl');
    const run = await runDaogou([
      'vision',
      'similar',
      '--gallery',
      path.join(dir, 'gallery'),
      '--queries',
      path.join(dir, 'queries'),
      '--k',
      '4',
      '--out',
      out,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/indexed 8 gallery images, searched 2 queries/);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { query: string; neighbours: string[] });
    expect(lines.map((l) => path.relative(path.join(dir, 'queries'), l.query)).sort()).toEqual([
      'blue-looking-name.jpg',
      path.join('sub', 'x.jpg'),
    ]);
    for (const line of lines) {
      expect(line.neighbours).toHaveLength(4);
      const want = line.query.endsWith('x.jpg') ? 'deep/blue/' : 'red/';
      expect(line.neighbours.every((n) => n.startsWith(want))).toBe(true);
    }
  }, 120_000);

  it('exits non-zero naming the flag when a folder is missing or k is bad', async () => {
    const missing = await runDaogou([
      'vision',
      'similar',
      '--gallery',
      path.join(dir, 'nope'),
      '--queries',
      dir,
      '--out',
      'x',
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/--gallery: not a folder/);
    const badK = await runDaogou(['vision', 'similar', '--gallery', dir, '--queries', dir, '--k', '0', '--out', 'x']);
    expect(badK.code).not.toBe(0);
    expect(badK.stderr).toMatch(/--k: must be a positive integer/);
  });
});
