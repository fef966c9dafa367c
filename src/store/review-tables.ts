/** The review insight tables as Kysely sees them (kept apart from database.ts, which many people edit). */
import type { JsonColumn } from './database.js';

/** Sentiment and aspects of one review event (derived, rebuilt from the log). */
export interface ReviewScoresTable {
  event_seq: number;
  item_id: string;
  customer_id: string | null;
  anonymous_id: string | null;
  rating: number | null;
  /** Probability that the review is positive. */
  score: number;
  /** Aspect mentions: [{aspect, polarity, score, clause}]. */
  aspects: JsonColumn;
  reviewed_at: number;
  scored_at: number;
}

/** Sentiment drop state of one item (written by the scoring job; see the review service). */
export interface ReviewDropsTable {
  item_id: string;
  /** 1 while the item raises the signal, 0 once cleared. */
  active: number;
  raised_at: number;
  recent_reviews: number;
  recent_mean: number;
  baseline_reviews: number;
  baseline_mean: number;
  evaluated_at: number;
}
