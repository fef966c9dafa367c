/**
 * Marketing effect from a holdout: customers kept out of a journey or campaign at random are the
 * counterfactual, so the difference in conversion rate and revenue per customer, scaled by the treated group's
 * size, is the campaign's incremental conversions and revenue, with Welch intervals.
 */
import { compareMeans, type Effect } from './stats/frequentist.js';
import { meanEstimate } from './stats/summary.js';

/** One group's outcomes: customers, converting customers, and revenue sums per customer. */
export interface GroupOutcome {
  customers: number;
  conversions: number;
  revenue: number;
  revenueSquares: number;
}

/** Incremental effect of a campaign against its holdout. */
export interface HoldoutLift {
  conversionRate: { treated: number; holdout: number; lift: Effect };
  revenuePerCustomer: { treated: number; holdout: number; lift: Effect };
  /** Extra conversions caused among the treated customers, with an interval. */
  incrementalConversions: { estimate: number; ci: [number, number] };
  /** Extra revenue caused among the treated customers, with an interval. */
  incrementalRevenue: { estimate: number; ci: [number, number] };
}

/** Lift of `treated` over `holdout` at level `alpha`. */
export function holdoutLift(treated: GroupOutcome, holdout: GroupOutcome, alpha = 0.05): HoldoutLift {
  // A conversion indicator's Σx² equals Σx.
  const rate = compareMeans(
    meanEstimate({ n: holdout.customers, sum: holdout.conversions, sumSquares: holdout.conversions }),
    meanEstimate({ n: treated.customers, sum: treated.conversions, sumSquares: treated.conversions }),
    alpha,
  );
  const revenue = compareMeans(
    meanEstimate({ n: holdout.customers, sum: holdout.revenue, sumSquares: holdout.revenueSquares }),
    meanEstimate({ n: treated.customers, sum: treated.revenue, sumSquares: treated.revenueSquares }),
    alpha,
  );
  const scale = (e: Effect) => ({
    estimate: e.estimate * treated.customers,
    ci: [e.ci[0] * treated.customers, e.ci[1] * treated.customers] as [number, number],
  });
  const per = (sum: number, n: number) => (n > 0 ? sum / n : 0);
  return {
    conversionRate: {
      treated: per(treated.conversions, treated.customers),
      holdout: per(holdout.conversions, holdout.customers),
      lift: rate.absolute,
    },
    revenuePerCustomer: {
      treated: per(treated.revenue, treated.customers),
      holdout: per(holdout.revenue, holdout.customers),
      lift: revenue.absolute,
    },
    incrementalConversions: scale(rate.absolute),
    incrementalRevenue: scale(revenue.absolute),
  };
}
