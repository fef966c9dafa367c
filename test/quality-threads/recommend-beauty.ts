/** Thread side of src/recommend/quality.test.ts: the light default pipeline on Amazon Beauty, leave-last-out. */
import { DefaultPipeline } from '../../src/recommend/default-pipeline.js';
import { evaluateRanking } from '../../src/recommend/evaluate/evaluate.js';
import { parseItemAttributes, parseSequences, readText } from '../../src/recommend/evaluate/loaders.js';
import { leaveLastOut } from '../../src/recommend/evaluate/splits.js';
import { InteractionLog } from '../../src/recommend/interaction-log.js';
import { postResult } from './post-result.js';

await postResult(({ seq, attrs }: { seq: string; attrs: string }) => {
  const log = InteractionLog.fromRows(parseSequences(readText(seq)));
  const texts = new Map([...parseItemAttributes(readText(attrs))].map(([id, tags]) => [id, { tags }]));
  const split = leaveLastOut(log, 0);
  // The lighter configuration (no EASE/ALS) keeps the test fast; the benchmark runs the full one.
  const pipeline = new DefaultPipeline({ itemTexts: texts, easeMaxItems: 0, als: false, seed: 42 });
  pipeline.fit(split.train);
  const m = evaluateRanking((h, o) => pipeline.score(h, o), split, { k: 10, maxUsers: 6000, seed: 7 });
  return { hr: m.hr, ndcg: m.ndcg };
});
