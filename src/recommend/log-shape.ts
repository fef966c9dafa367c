/**
 * How a store's history is shaped, and the validation protocol that follows from it. Blend weights and
 * hyperparameters chosen by holding out each user's last event reward sequence models; that is right
 * for a stream of next items (sessions, review sequences) and wrong for ratings, baskets or history
 * imported in bulk, where "the last item" is arbitrary and a held-out set is what a list must find.
 */
import { evaluateRanking } from './evaluate/evaluate.js';
import { leaveLastOut } from './evaluate/splits.js';
import { eventCode } from './event-weights.js';
import type { InteractionLog } from './interaction-log.js';
import { ItemKnnRecommender } from './recommenders/item-knn-recommender.js';
import { TransitionRecommender } from './recommenders/transition-recommender.js';

/** Measured shape of a log. */
export interface LogShape {
  events: number;
  users: number;
  items: number;
  /** Median number of distinct items per user. */
  medianDistinctItems: number;
  /** Share of events with the same timestamp as the user's previous event (baskets, bulk imports). */
  tiedShare: number;
  /** Share of events that are ratings with a value (explicit feedback). */
  ratingShare: number;
  /** Share of events naming an item the user already had (repeat purchases, re-views). */
  repeatShare: number;
  /**
   * HR@10 of the last item from a transition model (previous items → next) over that of an order-free
   * item-kNN on the same hold-out: above 1 the order of events carries information. Null when too few
   * users have two events.
   */
  nextItemLift: number | null;
}

/** A validation protocol and why it was chosen. */
export interface ValidationPlan {
  /** last: each user's last event; basket: each user's newest basket (events of one time); random: 20% per user. */
  protocol: 'last' | 'basket' | 'random';
  reason: string;
  /** Absent when the protocol was forced rather than measured. */
  shape?: LogShape;
}

/** Users sampled for the next-item measurement. */
const LIFT_USERS = 1000;
/** Thresholds of {@link chooseProtocol}; each is documented in docs/recommend.md. */
export const SHAPE_THRESHOLDS = { ratingShare: 0.5, tiedShare: 0.3, nextItemLift: 1.15, medianDistinctItems: 40 };

/**
 * Measures the shape of `log`: linear in its size, plus (with `lift`) two cheap fits on a leave-last-out
 * split for the next-item lift.
 */
export function measureLogShape(log: InteractionLog, lift = true): LogShape {
  const rating = eventCode('rating');
  let ties = 0;
  let pairs = 0;
  let rated = 0;
  let repeats = 0;
  const distinct: number[] = [];
  const seen = new Int32Array(log.numItems).fill(-1);
  for (let u = 0; u < log.numUsers; u++) {
    const a = log.userPtr[u]!;
    const b = log.userPtr[u + 1]!;
    let d = 0;
    for (let k = a; k < b; k++) {
      if (k > a) {
        pairs++;
        if (log.timestamps[k] === log.timestamps[k - 1]) ties++;
      }
      const item = log.items[k]!;
      // The stamp marks items this user already had, without a Set per user.
      if (seen[item] === u) repeats++;
      else {
        seen[item] = u;
        d++;
      }
      if (log.events[k] === rating && Number.isFinite(log.values[k]!)) rated++;
    }
    if (b > a) distinct.push(d);
  }
  distinct.sort((x, y) => x - y);
  return {
    events: log.size,
    users: log.numUsers,
    items: log.numItems,
    medianDistinctItems: distinct.length > 0 ? distinct[distinct.length >> 1]! : 0,
    tiedShare: pairs > 0 ? ties / pairs : 0,
    ratingShare: log.size > 0 ? rated / log.size : 0,
    repeatShare: log.size > 0 ? repeats / log.size : 0,
    nextItemLift: lift ? nextItemLift(log) : null,
  };
}

/** Measures what decides the protocol and chooses it; the next-item lift is measured only when needed. */
export function planValidation(log: InteractionLog): ValidationPlan {
  const cheap = chooseProtocol(measureLogShape(log, false));
  if (cheap.protocol !== 'last' || !cheap.shape) return cheap;
  return chooseProtocol({ ...cheap.shape, nextItemLift: nextItemLift(log) });
}

/** Transition HR@10 over order-free item-kNN HR@10 on each sampled user's last event. */
function nextItemLift(log: InteractionLog): number | null {
  const split = leaveLastOut(log, 0);
  if (split.test.size < 20) return null;
  const transitions = new TransitionRecommender();
  const knn = new ItemKnnRecommender({ shrink: 10 });
  transitions.fit(split.train);
  knn.fit(split.train);
  const opts = { k: 10, maxUsers: LIFT_USERS, seed: 3 };
  const t = evaluateRanking((h, o) => transitions.score(h, o), split, opts).hr;
  const k = evaluateRanking((h, o) => knn.score(h, o), split, opts).hr;
  if (k === 0) return t > 0 ? Number.POSITIVE_INFINITY : 1;
  return t / k;
}

/**
 * The protocol the shape calls for: hold out a random set of each user's events when the log is
 * ratings, baskets/bulk imports, long taste histories or not predictable from its order; the last
 * event otherwise. The reason names the measurement that decided.
 */
export function chooseProtocol(shape: LogShape): ValidationPlan {
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  const t = SHAPE_THRESHOLDS;
  const random = (reason: string): ValidationPlan => ({ protocol: 'random', reason, shape });
  if (shape.ratingShare >= t.ratingShare)
    return random(`${pct(shape.ratingShare)} of events are ratings: explicit tastes, not a sequence of next items`);
  if (shape.tiedShare >= t.tiedShare)
    return {
      protocol: 'basket',
      reason: `${pct(shape.tiedShare)} of events share the timestamp of the one before (baskets or imported history): order within a basket is arbitrary, so each customer's newest basket is held out`,
      shape,
    };
  if (shape.nextItemLift !== null && shape.nextItemLift < t.nextItemLift)
    return random(
      `the next item is no more predictable from the previous ones than from the whole history (lift ${shape.nextItemLift.toFixed(2)})`,
    );
  if (shape.medianDistinctItems >= t.medianDistinctItems)
    return random(
      `customers have long histories (median ${shape.medianDistinctItems} items): a list serves their taste, not only their next item`,
    );
  const lift = shape.nextItemLift === null ? 'unmeasured' : shape.nextItemLift.toFixed(2);
  return {
    protocol: 'last',
    reason: `events form sequences (next-item lift ${lift}, ${pct(shape.tiedShare)} tied timestamps): validated on each customer's last event`,
    shape,
  };
}
