/**
 * The review ranking feature's data (opt-in, `DAOGOU_REVIEW_RANKING`): each reviewed item's factor from its
 * scored reviews (src/domain/review-ranking.ts), read from the derived `review_scores` table and kept for a few
 * minutes, so recommendations and search multiply by a map lookup and never query per request.
 */
import {
  DEFAULT_REVIEW_RANKING,
  overallPositiveShare,
  reviewRankingFactor,
  type ReviewCounts,
  type ReviewRankingOptions,
} from '../domain/index.js';
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';

/** One reading of the factors: `version` changes whenever they may have. */
export interface ReviewFactors {
  version: number;
  /** Factor per reviewed item id; items not in it keep their score (factor 1). */
  byItem: ReadonlyMap<string, number>;
}

const TTL_MS = 5 * 60_000;
const PAGE = 5000;

/** Review factors per item, re-read from the store at most every five minutes. */
export class ReviewSignals {
  private current: ReviewFactors = { version: 0, byItem: new Map() };
  private readAt = -Infinity;
  private reading: Promise<ReviewFactors> | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly options: ReviewRankingOptions = DEFAULT_REVIEW_RANKING,
  ) {}

  /** The factors, read again when older than five minutes (one read at a time). */
  async factors(): Promise<ReviewFactors> {
    if (this.clock() - this.readAt < TTL_MS) return this.current;
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async read(): Promise<ReviewFactors> {
    const counts = new Map<string, ReviewCounts>();
    for (let offset = 0; ; offset += PAGE) {
      const rows = await this.store.reviews.aggregate('item', PAGE, offset);
      for (const r of rows) counts.set(r.key, { reviews: r.reviews, positive: r.positive });
      if (rows.length < PAGE) break;
    }
    const prior = overallPositiveShare(counts.values());
    const byItem = new Map<string, number>();
    for (const [id, c] of counts) byItem.set(id, reviewRankingFactor(c, prior, this.options));
    this.current = { version: this.current.version + 1, byItem };
    this.readAt = this.clock();
    return this.current;
  }
}
