/** Restores any saved recommender from its bytes by the name stored inside. */
import { unpack } from '../math/pack.js';
import type { Recommender } from './recommender.js';
import { AlsRecommender } from './recommenders/als-recommender.js';
import { BoughtTogetherRecommender } from './recommenders/bought-together-recommender.js';
import { ContentRecommender } from './recommenders/content-recommender.js';
import { EaseRecommender } from './recommenders/ease-recommender.js';
import { ItemKnnRecommender } from './recommenders/item-knn-recommender.js';
import { PopularityRecommender } from './recommenders/popularity-recommender.js';
import { TransitionRecommender } from './recommenders/transition-recommender.js';
import { VisualRecommender } from './recommenders/visual-recommender.js';

const LOADERS: Record<string, (bytes: Uint8Array) => Recommender> = {
  'item-knn': (b) => ItemKnnRecommender.load(b),
  transitions: (b) => TransitionRecommender.load(b),
  popularity: (b) => PopularityRecommender.load(b),
  trending: (b) => PopularityRecommender.load(b),
  ease: (b) => EaseRecommender.load(b),
  als: (b) => AlsRecommender.load(b),
  content: (b) => ContentRecommender.load(b),
  visual: (b) => VisualRecommender.load(b),
  'bought-together': (b) => BoughtTogetherRecommender.load(b),
};

/** Registers a loader for a model name (used by models defined outside this folder). */
export function registerLoader(name: string, load: (bytes: Uint8Array) => Recommender): void {
  LOADERS[name] = load;
}

/** Loads a recommender saved with `save()`. */
export function loadRecommender(bytes: Uint8Array): Recommender {
  const { meta } = unpack<{ name?: string }>(bytes);
  const load = meta.name === undefined ? undefined : LOADERS[meta.name];
  if (!load) throw new Error(`unknown recommender "${meta.name}" in saved bytes`);
  return load(bytes);
}
