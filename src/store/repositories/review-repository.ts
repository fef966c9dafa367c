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

/** An item's stored sentiment drop: the figures of the evaluation that last saw it, and since when it lasts. */
export interface StoredReviewDrop {
  itemId: string;
  active: boolean;
  /** When this drop was first seen (kept while it lasts; a drop after a clearing gets a new time). */
  raisedAt: number;
  recentReviews: number;
  recentMean: number;
  baselineReviews: number;
  baselineMean: number;
  evaluatedAt: number;
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

  /**
   * Records one evaluation of the drop signal: items in `current` are active (an item not active before is
   * raised now; one already active keeps its raised time, even when two evaluations race), every other
   * active item is cleared. Returns the items raised by this evaluation.
   */
  async recordDrops(current: readonly ReviewTrendRow[], now: number): Promise<string[]> {
    const before = new Set(
      (await this.db.selectFrom('review_drops').select('item_id').where('active', '=', 1).execute()).map(
        (r) => r.item_id,
      ),
    );
    for (const chunk of chunked(current, 200)) {
      await this.db
        .insertInto('review_drops')
        .values(
          chunk.map((d) => ({
            item_id: d.itemId,
            active: 1,
            raised_at: now,
            recent_reviews: d.recentReviews,
            recent_mean: d.recentMean,
            baseline_reviews: d.baselineReviews,
            baseline_mean: d.baselineMean,
            evaluated_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.column('item_id').doUpdateSet((eb) => ({
            raised_at: sql<number>`case when review_drops.active = 1 then review_drops.raised_at else ${eb.ref('excluded.raised_at')} end`,
            active: 1,
            recent_reviews: eb.ref('excluded.recent_reviews'),
            recent_mean: eb.ref('excluded.recent_mean'),
            baseline_reviews: eb.ref('excluded.baseline_reviews'),
            baseline_mean: eb.ref('excluded.baseline_mean'),
            evaluated_at: eb.ref('excluded.evaluated_at'),
          })),
        )
        .execute();
    }
    const ids = current.map((d) => d.itemId);
    let clear = this.db.updateTable('review_drops').set({ active: 0, evaluated_at: now }).where('active', '=', 1);
    if (ids.length > 0) clear = clear.where('item_id', 'not in', ids);
    await clear.execute();
    return ids.filter((id) => !before.has(id));
  }

  /** Active drops raised after the cursor, in (raised at, item id) order: journeys page through new drops. */
  async dropsRaisedAfter(cursor: { raisedAt: number; itemId: string }, limit: number): Promise<StoredReviewDrop[]> {
    const rows = await this.db
      .selectFrom('review_drops')
      .selectAll()
      .where('active', '=', 1)
      .where((eb) =>
        eb.or([
          eb('raised_at', '>', cursor.raisedAt),
          eb.and([eb('raised_at', '=', cursor.raisedAt), eb('item_id', '>', cursor.itemId)]),
        ]),
      )
      .orderBy('raised_at')
      .orderBy('item_id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      itemId: r.item_id,
      active: Number(r.active) === 1,
      raisedAt: Number(r.raised_at),
      recentReviews: Number(r.recent_reviews),
      recentMean: Number(r.recent_mean),
      baselineReviews: Number(r.baseline_reviews),
      baselineMean: Number(r.baseline_mean),
      evaluatedAt: Number(r.evaluated_at),
    }));
  }

  /** Forgets every score (the next run rescores the log, e.g. after a new model). */
  async clear(): Promise<void> {
    await this.db.deleteFrom('review_scores').execute();
  }
}
