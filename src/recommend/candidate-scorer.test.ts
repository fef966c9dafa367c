/** Candidate scoring against full scoring: exact on a small catalogue, and the same lists on Amazon Beauty. */
import { describe, expect, it } from 'vitest';
import { datasetPath, missingDatasetMessage } from '../datasets/location.js';
import { topK } from '../math/top-k.js';
import { CandidateScorer } from './candidate-scorer.js';
import { DefaultPipeline } from './default-pipeline.js';
import { parseItemAttributes, parseSequences, readText } from './evaluate/loaders.js';
import { leaveLastOut } from './evaluate/splits.js';
import { InteractionLog } from './interaction-log.js';
import type { Recommender } from './recommender.js';
import { PopularityRecommender } from './recommenders/popularity-recommender.js';
import { groupedLog, idx } from './test-fixtures.js';

/** Full scoring's top k unseen items. */
function fullTop(p: DefaultPipeline, items: number[], k: number): { item: number; score: number }[] {
  const out = new Float32Array(p.numItems);
  p.score({ items }, out);
  const seen = new Uint8Array(p.numItems);
  for (const i of items) seen[i] = 1;
  const top = topK(out, k, seen, 0);
  return [...top.indices].map((item, r) => ({ item, score: top.scores[r]! }));
}

describe('CandidateScorer', () => {
  const log = groupedLog(30);
  const pipeline = new DefaultPipeline({ easeMaxItems: 20 });
  pipeline.fit(log);

  it('equals full scoring when the candidates cover every item', () => {
    const scorer = new CandidateScorer(pipeline);
    for (const history of [idx(log, 'a0', 'a1'), idx(log, 'b2'), idx(log, 'a3', 'hit', 'b0')]) {
      const got = scorer.score({ items: history });
      const want = fullTop(pipeline, history, 5);
      expect([...got.indices.subarray(0, want.length)]).toEqual(want.map((w) => w.item));
      want.forEach((w, r) => expect(got.scores[r]).toBeCloseTo(w.score, 5));
      expect([...got.indices].some((i) => history.includes(i))).toBe(false);
    }
  });

  it('adds extra candidates and works with components that only score the whole catalogue', () => {
    const plain: Recommender = new PopularityRecommender();
    plain.fit(log);
    // A component without candidates() or scoreSubset() is scored in full and gathered.
    const blend = { models: [{ ...withoutSubset(plain) }], weights: [1], numItems: log.numItems };
    const [b4] = idx(log, 'b4');
    const got = new CandidateScorer(blend, { perComponent: 1 }).score({ items: idx(log, 'hit') }, [b4!]);
    expect(got.indices).toContain(b4);
    expect(got.indices.length).toBe(2);
  });
});

/** The same model seen only through score(). */
function withoutSubset(m: Recommender): Recommender {
  return {
    name: m.name,
    numItems: m.numItems,
    fit: (l) => m.fit(l),
    score: (h, o) => m.score(h, o),
    save: () => m.save(),
  };
}

const seq = datasetPath('amazon-beauty', 'Beauty.txt');
const attrs = datasetPath('amazon-beauty', 'Beauty_item2attributes.json');
if (!seq || !attrs) console.warn(missingDatasetMessage('amazon-beauty', 'Beauty.txt'));

describe.skipIf(!seq || !attrs)('CandidateScorer on amazon-beauty', () => {
  it('ranks the same top 10 as full scoring, with the same hit rate', { timeout: 180_000 }, async () => {
    // The first 8,000 customers keep the fit short; every component is still there.
    const rows = parseSequences(readText(seq!));
    const log = InteractionLog.fromRows(rows.filter((r) => Number(r.userId) <= 8000));
    const texts = new Map([...parseItemAttributes(readText(attrs!))].map(([id, tags]) => [id, { tags }]));
    const split = leaveLastOut(log, 0);
    // Every component, weights left at their defaults (validation is not what is tested here).
    const pipeline = new DefaultPipeline({ itemTexts: texts, easeMaxItems: 800, validation: 'none' });
    pipeline.fit(split.train);
    const scorer = new CandidateScorer(pipeline);
    let users = 0;
    let overlap = 0;
    let hitsFull = 0;
    let hitsCandidates = 0;
    for (const [u, targets] of split.test) {
      if (users === 800) break;
      if (u % 5 !== 0) continue;
      // Long synchronous stretches would starve the test runner's own messages.
      if (users % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      const items = Array.from(split.train.history(u).items);
      if (items.length === 0) continue;
      const want = fullTop(pipeline, items, 10).map((w) => w.item);
      const got = [...scorer.score({ items }).indices.subarray(0, 10)];
      users++;
      overlap += got.filter((i) => want.includes(i)).length / 10;
      if (want.some((i) => targets.includes(i))) hitsFull++;
      if (got.some((i) => targets.includes(i))) hitsCandidates++;
    }
    // Measured: overlap 0.99+, identical hits.
    expect(overlap / users).toBeGreaterThanOrEqual(0.97);
    expect(hitsCandidates).toBeGreaterThanOrEqual(hitsFull - Math.ceil(0.02 * users));
  });
});
