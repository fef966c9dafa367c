/**
 * The content capability's review port, filled from the reviews capability: an item's stored review scores
 * summarised into aspect counts (without the drop signal, which a bulk run over the catalogue does not need).
 */
import type { ReviewFacts, ReviewFactsSource } from '../content/index.js';
import { summarizeAspects, type AspectMention } from '../reviews/index.js';
import type { Store } from '../store/store.js';

/** Review facts of an item from its latest 1,000 scored reviews; undefined without reviews. */
export function contentReviewFacts(store: Store): ReviewFactsSource {
  return async (itemId: string): Promise<ReviewFacts | undefined> => {
    const rows = await store.reviews.forItem<AspectMention>(itemId);
    if (rows.length === 0) return undefined;
    const summary = summarizeAspects(rows.map((r) => r.aspects));
    return {
      reviews: rows.length,
      positiveShare: rows.filter((r) => r.score >= 0.5).length / rows.length,
      aspects: summary.aspects.map((a) => ({
        aspect: a.aspect,
        positive: a.positive.reviews,
        negative: a.negative.reviews,
      })),
    };
  };
}
