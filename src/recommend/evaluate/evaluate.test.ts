import { describe, expect, it } from 'vitest';
import { InteractionLog } from '../interaction-log.js';
import { evaluateRanking } from './evaluate.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadMovieLensMovies, loadMovieLensRatings, parseItemAttributes, parseSequences } from './loaders.js';
import { MetricsAccumulator } from './metrics.js';
import { lastBasketOut, leaveLastOut, stratifiedSplit, timeQuantile, timeSplit } from './splits.js';

describe('MetricsAccumulator', () => {
  it('computes HR, precision, recall, NDCG, MAP (by #relevant) and MRR by hand', () => {
    const m = new MetricsAccumulator(3, 10);
    m.add([5, 1, 2], new Set([1, 2, 9])); // hits at ranks 2 and 3
    const r = m.result();
    expect(r.hr).toBe(1);
    expect(r.precision).toBeCloseTo(2 / 3);
    expect(r.recall).toBeCloseTo(2 / 3);
    const dcg = 1 / Math.log2(3) + 1 / Math.log2(4);
    expect(r.ndcg).toBeCloseTo(dcg / (1 + 1 / Math.log2(3) + 1 / Math.log2(4)));
    expect(r.map).toBeCloseTo((1 / 2 + 2 / 3) / 3);
    expect(r.mrr).toBeCloseTo(1 / 2);
    expect(r.coverage).toBeCloseTo(3 / 10);
  });

  it('ignores users without relevant items', () => {
    const m = new MetricsAccumulator(10, 5);
    m.add([1], new Set());
    expect(m.result().users).toBe(0);
  });
});

describe('splits', () => {
  const log = InteractionLog.fromRows(parseSequences('1 a b c d\n2 b c\n3 x\n'));
  it('leave-last-out holds out the last item (offset 0) or the second-to-last (offset 1)', () => {
    const test = leaveLastOut(log, 0);
    expect(test.train.size).toBe(5); // user 3 has one event: kept for training, not evaluated
    expect([...test.test.entries()].map(([u, i]) => [log.userIds[u], log.itemIds[i[0]!]])).toEqual([
      ['1', 'd'],
      ['2', 'c'],
    ]);
    const val = leaveLastOut(log, 1);
    expect([...val.test.values()].map((i) => log.itemIds[i[0]!])).toEqual(['c']);
    expect(val.train.size).toBe(2 + 2 + 1);
  });

  it('stratified split keeps about 75% of each item in training, reproducibly', () => {
    const rows = [];
    for (let u = 0; u < 40; u++) for (const it of ['p', 'q']) rows.push({ userId: `u${u}`, itemId: it, timestamp: u });
    const big = InteractionLog.fromRows(rows);
    const a = stratifiedSplit(big, 0.75, 1);
    const b = stratifiedSplit(big, 0.75, 1);
    expect([...a.train.itemCounts()]).toEqual([30, 30]);
    expect([...a.test.entries()]).toEqual([...b.test.entries()]);
  });

  it("last basket out holds out the events of each user's newest time, new items only", () => {
    const baskets = InteractionLog.fromRows([
      { userId: 'a', itemId: 'x', timestamp: 1 },
      { userId: 'a', itemId: 'y', timestamp: 1 },
      { userId: 'a', itemId: 'x', timestamp: 9 },
      { userId: 'a', itemId: 'z', timestamp: 9 },
      { userId: 'b', itemId: 'x', timestamp: 4 },
      { userId: 'b', itemId: 'z', timestamp: 4 },
    ]);
    const s = lastBasketOut(baskets);
    expect(s.train.size).toBe(4); // b has a single basket: kept, not tested
    expect(
      [...s.test.entries()].map(([u, items]) => [baskets.userIds[u], items.map((i) => baskets.itemIds[i])]),
    ).toEqual([['a', ['z']]]);
  });

  it('time split trains on events before the cutoff', () => {
    const cut = timeQuantile(log, 0.5);
    const s = timeSplit(log, cut);
    for (let k = 0; k < s.train.size; k++) expect(s.train.timestamps[k]!).toBeLessThan(cut);
  });
});

describe('evaluateRanking', () => {
  it('removes seen items and scores an oracle perfectly', () => {
    const log = InteractionLog.fromRows(parseSequences('1 a b c\n2 b c a\n'));
    const split = leaveLastOut(log, 0);
    const oracle = (h: { items: ArrayLike<number> }, out: Float32Array): void => {
      out.fill(0);
      const first = h.items[0]!;
      out[first] = 100; // a seen item with the best score must be skipped
      for (const [u, rel] of split.test) if (split.train.history(u).items[0] === first) out[rel[0]!] = 1;
    };
    const r = evaluateRanking(oracle, split, { k: 1 });
    expect(r.hr).toBe(1);
    expect(r.ndcg).toBe(1);
  });
});

describe('loaders', () => {
  it('parses S3-Rec sequences and attributes', () => {
    const rows = parseSequences('7 3 4\n\n8 4\n');
    expect(rows).toEqual([
      { userId: '7', itemId: '3', timestamp: 0 },
      { userId: '7', itemId: '4', timestamp: 1 },
      { userId: '8', itemId: '4', timestamp: 0 },
    ]);
    expect(parseItemAttributes('{"3": [1, 2]}').get('3')).toEqual(['attr1', 'attr2']);
  });

  it('parses MovieLens ratings (times in seconds) and movies', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'daogou-ml-'));
    const write = (name: string, text: string) => {
      writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    const r = await loadMovieLensRatings(write('ratings.csv', 'userId,movieId,rating,timestamp\n1,10,4.5,964982703\n'));
    expect(r).toEqual([{ userId: '1', itemId: '10', timestamp: 964982703, eventType: 'rating', value: 4.5 }]);
    const m = await loadMovieLensMovies(
      write('movies.csv', 'movieId,title,genres\n10,"GoldenEye, (1995)",Action|Adventure\n'),
    );
    expect(m.get('10')).toEqual({ title: 'GoldenEye, (1995)', genres: ['Action', 'Adventure'] });
    rmSync(dir, { recursive: true, force: true });
  });
});
