/** Stores the sentiment and aspects of review events and reads them back per item and as aggregates. */
import { sql, type Kysely } from 'kysely';
import { chunked, decodeJson, encodeJson } from '../codec.js';
import type { Database } from '../database.js';

/** One scored review. `aspects` is the capability's own record of mentions. */
export interface StoredReviewScore<A = unknown> {
  eventSeq: number;
  itemId: string;
  customerId: string | null;
  anonymousId: string | null;
  rating: number | null;
  /** Probability that the review is positive. */
  score: number;
  aspects: A[];
  reviewedAt: number;
  scoredAt: number;
}

/** Sentiment of a group of reviews (an item, a brand, a category). */
export interface ReviewAggregateRow {
  /** The item id, brand or category ('' when the items have none). */
  key: string;
  reviews: number;
  /** Mean probability of positive. */
  meanScore: number;
  /** Reviews scored positive (probability ≥ 0.5). */
  positive: number;
  /** Mean star rating where reviews had one. */
  meanRating: number | null;
}

/** Per item: mean score in a recent window and before it (its own baseline). */
export interface ReviewTrendRow {
  itemId: string;
  recentReviews: number;
  recentMean: number;
  baselineReviews: number;
  baselineMean: number;
}

/** Review score persistence. */
export class ReviewRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts scores; a review already scored (same event) is left as it is. */
  async insert(rows: readonly StoredReviewScore[]): Promise<void> {
    for (const chunk of chunked(rows, 200)) {
      await this.db
        .insertInto('review_scores')
        .values(
          chunk.map((r) => ({
            event_seq: r.eventSeq,
            item_id: r.itemId,
            customer_id: r.customerId,
            anonymous_id: r.anonymousId,
            rating: r.rating,
            score: r.score,
            aspects: encodeJson(r.aspects),
            reviewed_at: r.reviewedAt,
            scored_at: r.scoredAt,
          })),
        )
        .onConflict((oc) => oc.column('event_seq').doNothing())
        .execute();
    }
  }

  /** An item's scored reviews, newest first. */
  async forItem<A>(itemId: string, limit = 1000): Promise<StoredReviewScore<A>[]> {
    const rows = await this.db
      .selectFrom('review_scores')
      .selectAll()
      .where('item_id', '=', itemId)
      .orderBy('reviewed_at', 'desc')
      .orderBy('event_seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      eventSeq: Number(r.event_seq),
      itemId: r.item_id,
      customerId: r.customer_id,
      anonymousId: r.anonymous_id,
      rating: r.rating,
      score: r.score,
      aspects: decodeJson<A[]>(r.aspects, []),
      reviewedAt: Number(r.reviewed_at),
      scoredAt: Number(r.scored_at),
    }));
  }

  /** Sentiment per item, brand or category, most reviewed first. */
  async aggregate(level: 'item' | 'brand' | 'category', limit: number, offset = 0): Promise<ReviewAggregateRow[]> {
    const key =
      level === 'item'
        ? sql<string>`r.item_id`
        : level === 'brand'
          ? sql<string>`coalesce(i.brand, '')`
          : sql<string>`coalesce(i.category, '')`;
    const rows = await this.db
      .selectFrom('review_scores as r')
      .leftJoin('items as i', 'i.id', 'r.item_id')
      .select([
        key.as('key'),
        sql<number>`count(*)`.as('reviews'),
        sql<number>`avg(r.score)`.as('mean_score'),
        sql<number>`sum(case when r.score >= 0.5 then 1 else 0 end)`.as('positive'),
        sql<number | null>`avg(r.rating)`.as('mean_rating'),
      ])
      .groupBy(key)
      .orderBy(sql`count(*)`, 'desc')
      .orderBy(key)
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map((r) => ({
      key: r.key,
      reviews: Number(r.reviews),
      meanScore: Number(r.mean_score),
      positive: Number(r.positive),
      meanRating: r.mean_rating === null ? null : Number(r.mean_rating),
    }));
  }

  /** Per item with reviews since `since`: mean score since then and before it. */
  async trends(since: number): Promise<ReviewTrendRow[]> {
    const rows = await this.db
      .selectFrom('review_scores')
      .select([
        'item_id',
        sql<number>`sum(case when reviewed_at >= ${since} then 1 else 0 end)`.as('recent_n'),
        sql<number>`sum(case when reviewed_at >= ${since} then score else 0 end)`.as('recent_sum'),
        sql<number>`sum(case when reviewed_at < ${since} then 1 else 0 end)`.as('base_n'),
        sql<number>`sum(case when reviewed_at < ${since} then score else 0 end)`.as('base_sum'),
      ])
      .groupBy('item_id')
      .having(sql`sum(case when reviewed_at >= ${since} then 1 else 0 end)`, '>', 0)
      .execute();
    return rows.map((r) => {
      const recentReviews = Number(r.recent_n);
      const baselineReviews = Number(r.base_n);
      return {
        itemId: r.item_id,
        recentReviews,
        recentMean: Number(r.recent_sum) / Math.max(1, recentReviews),
        baselineReviews,
        baselineMean: baselineReviews > 0 ? Number(r.base_sum) / baselineReviews : Number.NaN,
      };
    });
  }

  /** Forgets every score (the next run rescores the log, e.g. after a new model). */
  async clear(): Promise<void> {
    await this.db.deleteFrom('review_scores').execute();
  }
}
