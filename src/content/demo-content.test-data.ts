/**
 * The demo catalogue with each item's review facts as the engine computes them (demo review events →
 * built-in sentiment → aspects → summary), for the content tests and benchmark.
 */
import { planDemoStore } from '../demo/index.js';
import { builtinSentimentModel, extractAspects, summarizeAspects } from '../reviews/index.js';
import type { ContentItem, ReviewFacts } from './content-types.js';

/** Demo items and the review facts of those with reviews. */
export interface DemoContent {
  items: ContentItem[];
  reviews: Map<string, ReviewFacts>;
}

/** The default demo catalogue (seed 42, 3,000 items) with review facts from the first `days` days of history. */
export function demoContent(days = 180): DemoContent {
  const plan = planDemoStore({ anchor: Date.UTC(2026, 0, 1) });
  const texts = new Map<string, string[]>();
  let day = 0;
  for (const batch of plan.eventBatches()) {
    if (day++ >= days) break;
    for (const e of batch) {
      if (e.type !== 'review' || !e.review || !e.itemId) continue;
      const list = texts.get(e.itemId) ?? [];
      list.push(e.review);
      texts.set(e.itemId, list);
    }
  }
  const model = builtinSentimentModel();
  const reviews = new Map<string, ReviewFacts>();
  for (const [itemId, list] of texts) {
    const scores = list.map((t) => model.probability(t));
    const summary = summarizeAspects(list.map((t) => extractAspects(t, (c) => model.probability(c))));
    reviews.set(itemId, {
      reviews: list.length,
      positiveShare: scores.filter((s) => s >= 0.5).length / list.length,
      aspects: summary.aspects.map((a) => ({
        aspect: a.aspect,
        positive: a.positive.reviews,
        negative: a.negative.reviews,
      })),
    });
  }
  return { items: plan.items, reviews };
}
