/**
 * One batch pass over a store's events: profiles, RFM groups, CLV predictions, churn risk and the
 * segment subjects rules run on. This is the "rebuild everything" job; live updates fold events into
 * profiles with foldEvent and refresh the population-level parts (RFM, models) on the next batch.
 */
import { fitChurnModel, predictChurn } from './churn/churn-model.js';
import { clusterCustomers, type ClusterResult } from './cluster/cluster-customers.js';
import { fitClvModel, predictClv, type ClvModel, type ClvPredictions } from './clv/clv-model.js';
import { summariseTransactions } from './clv/customer-summary.js';
import { ModelFitError } from './clv/model-fit-error.js';
import { buildProfiles } from './profile/build-profiles.js';
import { DEFAULT_PROFILE_OPTIONS, type CustomerProfile, type ProfileOptions } from './profile/customer-profile.js';
import { rfmGroup } from './rfm/rfm-groups.js';
import { rfmInputFromProfiles, rfmScores } from './rfm/rfm-scores.js';
import type { SegmentSubject } from './segments/segment-subject.js';
import type { CustomerEvent, Transaction } from './types.js';

/** Options for {@link analyseCustomers}. */
export interface AnalyticsOptions {
  /** Evaluation time, epoch ms (default: the latest event). */
  now?: number;
  /** CLV horizon in days (default 365). */
  horizonDays?: number;
  /** Churn horizon in days (default 90). */
  churnHorizonDays?: number;
  /** Monthly discount rate for CLV (default 0). */
  monthlyDiscount?: number;
  /** RFM bins (default 5). */
  rfmBins?: number;
  profile?: ProfileOptions;
  /** Also cluster the customers (k-means++, a few seconds for 100,000); default false. */
  clusters?: boolean;
}

/** Everything derived in one pass; model parts are null with a reason when the data cannot support them. */
export interface CustomerAnalytics {
  now: number;
  profiles: Map<string, CustomerProfile>;
  clvModel: ClvModel | null;
  clv: ClvPredictions | null;
  churnRisk: Map<string, number>;
  /** Why the CLV or churn model is missing, if it is. */
  notes: string[];
  subjects: Map<string, SegmentSubject>;
  /** Present when `clusters` was requested and there were enough customers. */
  clusters: ClusterResult | null;
}

/** Runs the whole batch. */
export function analyseCustomers(events: readonly CustomerEvent[], options: AnalyticsOptions = {}): CustomerAnalytics {
  let now = options.now ?? -Infinity;
  if (options.now === undefined) for (const e of events) if (e.time > now) now = e.time;
  const profiles = buildProfiles(events, options.profile ?? DEFAULT_PROFILE_OPTIONS);
  const subjects = new Map<string, SegmentSubject>();
  for (const [id, profile] of profiles) subjects.set(id, { profile, rfm: null, prediction: null });

  const input = rfmInputFromProfiles(profiles.values(), now);
  if (input.ids.length > 0) {
    const bins = options.rfmBins ?? 5;
    const scores = rfmScores(input, bins);
    input.ids.forEach((id, i) => {
      const r = scores.r[i]!;
      const f = scores.f[i]!;
      const m = scores.m[i]!;
      subjects.get(id)!.rfm = { group: rfmGroup(r, f, m, bins), r, f, m };
    });
  }

  const notes: string[] = [];
  const purchases = events.filter((e): e is Transaction & { kind: 'purchase' } => e.kind === 'purchase');
  const summary = summariseTransactions(purchases, { end: now });
  let clvModel: ClvModel | null = null;
  let clv: ClvPredictions | null = null;
  const churnRisk = new Map<string, number>();
  try {
    const horizonDays = options.horizonDays ?? 365;
    clvModel = fitClvModel(summary, { purchases, horizonDays });
    clv = predictClv(clvModel, summary, {
      horizonDays,
      monthlyDiscount: options.monthlyDiscount ?? 0,
    });
  } catch (err) {
    if (!(err instanceof ModelFitError)) throw err;
    notes.push(err.message);
  }
  try {
    const churn = predictChurn(fitChurnModel(purchases, now, options.churnHorizonDays ?? 90), summary);
    summary.ids.forEach((id, i) => churnRisk.set(id, churn[i]!));
  } catch (err) {
    if (!(err instanceof ModelFitError)) throw err;
    notes.push(err.message);
  }
  summary.ids.forEach((id, i) => {
    const s = subjects.get(id);
    if (!s) return;
    s.prediction = {
      churnRisk: churnRisk.get(id) ?? clv?.churnRisk[i] ?? Number.NaN,
      pAlive: clv?.pAlive[i] ?? Number.NaN,
      clv: clv?.clv[i] ?? Number.NaN,
      expectedPurchases: clv?.expectedPurchases[i] ?? Number.NaN,
    };
  });
  let clusters: ClusterResult | null = null;
  if (options.clusters && profiles.size >= 10) {
    clusters = clusterCustomers([...profiles.values()], now);
    clusters.ids.forEach((id, i) => (subjects.get(id)!.cluster = clusters!.labels[i]!));
  }
  return { now, profiles, clvModel, clv, churnRisk, notes, subjects, clusters };
}
