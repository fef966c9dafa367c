/** `daogou recommend` on CSV files written here, `daogou train` on a small store, `daogou evaluate` on a dataset. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../helpers/test-time.js';
import { datasetPath, missingDatasetMessage } from '../../src/datasets/location.js';
import { createEngine } from '../../src/engine/engine.js';
import { runDaogou } from '../helpers/run-cli.js';
import { loadSmallStore } from '../helpers/small-store.js';

const movielens = datasetPath('movielens-latest-small', 'ratings.csv');
if (!movielens) console.warn(missingDatasetMessage('movielens-latest-small', 'ratings.csv'));

/** A CSV as someone else might write it: quoted fields, an extra column, ISO timestamps, a BOM. */
function interactionsCsv(): string {
  const lines = ['\uFEFFuser_id,"item_id",timestamp,event_type,value,note'];
  const items = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
  for (let u = 0; u < 40; u++) {
    // Users walk a ring of items, so the next item is predictable.
    for (let s = 0; s < 4; s++) {
      const item = items[(u + s) % items.length]!;
      const when = new Date(Date.UTC(2024, 0, 1 + u, s)).toISOString();
      lines.push(
        `"user ${u}","item ${item}",${when},${s === 3 ? 'purchase' : 'view'},${s === 3 ? 1 : ''},"free, text"`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

describe('daogou recommend / train / evaluate', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-cli-recommend-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one JSON line per user with k items the user does not have yet', async () => {
    const csv = path.join(dir, 'train.csv');
    const out = path.join(dir, 'recs.jsonl');
    writeFileSync(csv, interactionsCsv());
    const run = await runDaogou(['recommend', '--interactions', csv, '--k', '3', '--out', out]);
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/wrote 40 users/);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { user_id: string; items: string[] });
    expect(lines).toHaveLength(40);
    const first = lines.find((l) => l.user_id === 'user 0')!;
    expect(first.items).toHaveLength(3);
    for (const had of ['item A', 'item B', 'item C', 'item D']) expect(first.items).not.toContain(had);
    expect(first.items[0]).toBe('item E'); // the ring continues
  });

  it('names the line and field of a bad CSV and exits non-zero', async () => {
    const csv = path.join(dir, 'bad.csv');
    writeFileSync(csv, 'user_id,item_id,timestamp\nu1,i1,2024-01-01\nu1,i2,not-a-time\n');
    const run = await runDaogou(['recommend', '--interactions', csv, '--out', path.join(dir, 'x.jsonl')]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/line 3/);
    expect(run.stderr).toMatch(/timestamp/);
    const noColumn = path.join(dir, 'nocol.csv');
    writeFileSync(noColumn, 'user,item_id,timestamp\nu1,i1,1\n');
    const run2 = await runDaogou(['recommend', '--interactions', noColumn, '--out', path.join(dir, 'y.jsonl')]);
    expect(run2.code).toBe(2);
    expect(run2.stderr).toMatch(/user_id/);
  });

  it('trains on a small store with progress, stores the model and prints its metrics', async () => {
    const db = `sqlite:${path.join(dir, 'daogou.db')}`;
    const engine = await createEngine(testConfig({ databaseUrl: db, dataDir: dir }));
    try {
      await loadSmallStore(engine);
    } finally {
      await engine.close();
    }
    const run = await runDaogou(['--database', db, 'train']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/model\s+rm_/);
    expect(run.stdout).toMatch(/validation\s+NDCG@10/);
    expect(run.stderr).toMatch(/training/);
    const again = await createEngine(testConfig({ databaseUrl: db, dataDir: dir }));
    try {
      expect((await again.recommendations.currentModel())?.id).toMatch(/^rm_/);
    } finally {
      await again.close();
    }
  }, 120_000);

  it.skipIf(!movielens)(
    'evaluates models on MovieLens with a table per model',
    async () => {
      const run = await runDaogou([
        'evaluate',
        '--dataset',
        'movielens-latest-small',
        '--models',
        'popularity,item-knn',
        '--max-users',
        '200',
        '--json',
      ]);
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout) as { protocol: string; rows: Record<string, number | string>[] };
      expect(result.protocol).toBe('random');
      expect(result.rows.map((r) => r.model)).toEqual(['popularity', 'item-knn']);
      // Item-kNN beats popularity on MovieLens by a wide margin; both well above zero.
      expect(Number(result.rows[1]!['NDCG@10'])).toBeGreaterThan(Number(result.rows[0]!['NDCG@10']));
      expect(Number(result.rows[0]!['NDCG@10'])).toBeGreaterThan(0.05);
    },
    120_000,
  );

  it('says clearly when a dataset is missing', async () => {
    const before = process.env.DAOGOU_DATASETS_DIR;
    process.env.DAOGOU_DATASETS_DIR = path.join(dir, 'nowhere');
    try {
      const run = await runDaogou(['evaluate', '--dataset', 'amazon-beauty']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/amazon-beauty.*not found/);
    } finally {
      if (before === undefined) delete process.env.DAOGOU_DATASETS_DIR;
      else process.env.DAOGOU_DATASETS_DIR = before;
    }
  });
});
