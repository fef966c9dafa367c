/** Thread side of src/recommend/quality-shapes.test.ts: the default pipeline and EASE on a 200-user MovieLens sample. */
import { seededRandom, shuffleInPlace } from '../../src/math/random.js';
import { DefaultPipeline } from '../../src/recommend/default-pipeline.js';
import { evaluateRanking } from '../../src/recommend/evaluate/evaluate.js';
import { loadMovieLensRatings } from '../../src/recommend/evaluate/loaders.js';
import { stratifiedSplit } from '../../src/recommend/evaluate/splits.js';
import { InteractionLog } from '../../src/recommend/interaction-log.js';
import { storePipelineOptions } from '../../src/recommend/pipeline-options.js';
import { EaseRecommender } from '../../src/recommend/recommenders/ease-recommender.js';
import { postResult } from './post-result.js';

await postResult(async ({ ratings }: { ratings: string }) => {
  const rows = await loadMovieLensRatings(ratings);
  const users = [...new Set(rows.map((r) => r.userId))];
  shuffleInPlace(users, seededRandom(5));
  const keep = new Set(users.slice(0, 200));
  const log = InteractionLog.fromRows(rows.filter((r) => keep.has(r.userId)));
  const split = stratifiedSplit(log, 0.75, 42, 'user');
  const pipeline = new DefaultPipeline(storePipelineOptions(split.train));
  pipeline.fit(split.train);
  const ease = new EaseRecommender({ lambda: 200 });
  ease.fit(split.train);
  return {
    protocol: pipeline.choice?.protocol,
    pipeline: evaluateRanking((h, o) => pipeline.score(h, o), split, { k: 10 }).ndcg,
    ease: evaluateRanking((h, o) => ease.score(h, o), split, { k: 10 }).ndcg,
  };
});
