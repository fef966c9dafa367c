/** The assistant's review port over the reviews capability: an item's summary as counts, aspect labels and one quote per side. */
import type { ReviewSource } from '../assistant/index.js';
import { ASPECT_LABELS, type ReviewService } from '../reviews/index.js';

/** Reads `reviews.itemSummary` and keeps what a reply may state. */
export function reviewDigestSource(reviews: ReviewService): ReviewSource {
  return async (itemId, locale) => {
    const s = await reviews.itemSummary(itemId);
    const side = (aspects: readonly string[], positive: boolean) =>
      s.aspects.aspects
        .filter((a) => aspects.includes(a.aspect))
        .map((a) => {
          const part = positive ? a.positive : a.negative;
          const quote = part.quotes[0];
          return { label: ASPECT_LABELS[a.aspect][locale], reviews: part.reviews, ...(quote ? { quote } : {}) };
        });
    return {
      reviews: s.reviews,
      positiveShare: s.positiveShare,
      pros: side(s.aspects.pros, true),
      cons: side(s.aspects.cons, false),
    };
  };
}
