/**
 * Review signals as a ranking feature (opt-in): an item's share of positive reviews, shrunk towards the
 * store's overall share so that two glowing reviews do not outrank two hundred good ones, turns into a
 * factor its relevance score is multiplied by. Pure; recommendations and search both apply it.
 */

/** Settings of the review ranking feature. */
export interface ReviewRankingOptions {
  /** How strongly the smoothed positive share moves a score (0: off). */
  weight: number;
  /** Pseudo-reviews at the store's overall share added to every item (the shrinkage). */
  priorReviews: number;
}

/** The defaults the review ranking benchmark measured (docs/reviews.md). */
export const DEFAULT_REVIEW_RANKING: ReviewRankingOptions = { weight: 0.25, priorReviews: 10 };

/** Review counts of one item: how many were scored, how many of them positive. */
export interface ReviewCounts {
  reviews: number;
  positive: number;
}

/** (positive + m·prior) / (reviews + m): the item's positive share shrunk towards `prior`. */
export function smoothedPositiveShare(counts: ReviewCounts, prior: number, priorReviews: number): number {
  return (counts.positive + priorReviews * prior) / (counts.reviews + priorReviews);
}

/**
 * The factor an item's (non-negative) relevance score is multiplied by: 1 + weight·(share − prior), never
 * below 0. An item without reviews keeps its score; the order among unreviewed items never changes.
 */
export function reviewRankingFactor(
  counts: ReviewCounts | undefined,
  prior: number,
  options: ReviewRankingOptions = DEFAULT_REVIEW_RANKING,
): number {
  if (!counts || counts.reviews === 0 || options.weight === 0) return 1;
  return Math.max(0, 1 + options.weight * (smoothedPositiveShare(counts, prior, options.priorReviews) - prior));
}

/** The store's overall positive share over items' counts (0.5 when there are no reviews). */
export function overallPositiveShare(counts: Iterable<ReviewCounts>): number {
  let reviews = 0;
  let positive = 0;
  for (const c of counts) {
    reviews += c.reviews;
    positive += c.positive;
  }
  return reviews === 0 ? 0.5 : positive / reviews;
}
