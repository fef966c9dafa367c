/** The models the default pipeline blends, with starting weights. */
import type { InteractionLog } from './interaction-log.js';
import type { Recommender } from './recommender.js';
import { AlsRecommender } from './recommenders/als-recommender.js';
import { ContentRecommender } from './recommenders/content-recommender.js';
import type { ItemText } from './recommenders/content-recommender.js';
import { EaseRecommender } from './recommenders/ease-recommender.js';
import { ItemKnnRecommender } from './recommenders/item-knn-recommender.js';
import { PopularityRecommender } from './recommenders/popularity-recommender.js';
import { TransitionRecommender } from './recommenders/transition-recommender.js';
import { VisualRecommender } from './recommenders/visual-recommender.js';

/** A blend component: a factory (the pipeline fits fresh copies twice) and a starting weight. */
export interface ComponentSpec {
  create: () => Recommender;
  weight: number;
  /**
   * Hyperparameter settings validation may choose between, `create` being the first; each has a label
   * for the model status (e.g. "λ 200").
   */
  variants?: { label: string; create: () => Recommender }[];
}

/** Which optional models to include. */
export interface DefaultComponentOptions {
  /** Item texts by item id; adds the content model (helps cold items and sparse logs). */
  itemTexts?: ReadonlyMap<string, ItemText>;
  /** Image vectors by item id (the vision index's); adds the "looks similar" model. */
  itemImages?: ReadonlyMap<string, Float32Array>;
  /** Items in the dense EASE model (0 leaves EASE out); see EaseOptions.maxItems for the cost. */
  easeMaxItems?: number;
  /** Include implicit ALS (default true). */
  als?: boolean;
  /**
   * Whether order matters (predicting the next item): history is then recency-weighted. Off for
   * unordered tasks such as random hold-outs, where every past interaction counts the same.
   */
  sequential?: boolean;
}

/**
 * Transitions (order), two item neighbourhoods (sequence-proximity and plain co-occurrence),
 * EASE over popular items, ALS, content when texts exist, "looks similar" when item images have vectors,
 * and popularity as a tie-breaker.
 * Validation decides how much each counts, so models that do not help a store end up near zero.
 */
export function defaultComponents(log: InteractionLog, opts: DefaultComponentOptions = {}): ComponentSpec[] {
  const seq = opts.sequential ?? true;
  // Recency decay per position back from the newest event; 1 means "no decay".
  const decay = seq ? 0.7 : 1;
  const otherDecay = seq ? 0.9 : 0.97;
  const knn = (neighbours: number, positionDecay: number) => () =>
    new ItemKnnRecommender({ neighbours, positionDecay, shrink: 10 });
  const specs: ComponentSpec[] = [
    { create: () => new TransitionRecommender(), weight: seq ? 1 : 0.1 },
    {
      create: () => new ItemKnnRecommender({ neighbours: 100, positionDecay: decay, proximityDecay: 0.7, shrink: 10 }),
      weight: seq ? 0.5 : 0.1,
    },
    {
      create: knn(100, decay),
      weight: 0.3,
      variants: [
        { label: `k 100, decay ${decay}`, create: knn(100, decay) },
        { label: `k 30, decay ${decay}`, create: knn(30, decay) },
        { label: `k 250, decay ${decay}`, create: knn(250, decay) },
        { label: `k 100, decay ${otherDecay}`, create: knn(100, otherDecay) },
      ],
    },
    { create: () => new PopularityRecommender(), weight: 0.01 },
  ];
  const easeItems = Math.min(opts.easeMaxItems ?? 1500, log.numItems);
  const ease = (lambda: number) => () => new EaseRecommender({ maxItems: easeItems, positionDecay: decay, lambda });
  if (easeItems > 1)
    specs.push({
      create: ease(200),
      weight: seq ? 0.2 : 1,
      variants: [200, 80, 500].map((l) => ({ label: `λ ${l}`, create: ease(l) })),
    });
  const als = (factors: number, regularization: number) => () =>
    new AlsRecommender({ factors, iterations: 8, regularization, positionDecay: seq ? 0.8 : 1 });
  if (opts.als ?? true)
    specs.push({
      create: als(32, 0.05),
      weight: 0.2,
      variants: [
        { label: 'f 32, reg 0.05', create: als(32, 0.05) },
        { label: 'f 48, reg 1', create: als(48, 1) },
      ],
    });
  if (opts.itemTexts && opts.itemTexts.size > 0) {
    const texts = opts.itemTexts;
    specs.push({ create: () => new ContentRecommender(texts, { positionDecay: decay }), weight: 0.2 });
  }
  if (opts.itemImages && opts.itemImages.size > 0) {
    const images = opts.itemImages;
    specs.push({ create: () => new VisualRecommender(images, { positionDecay: decay }), weight: 0.1 });
  }
  return specs;
}
