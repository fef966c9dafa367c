/** Public API of customer analytics: what storage, HTTP routes, jobs and the CLI wire up. */
export type { BehaviourEvent, BehaviourKind, CustomerEvent, LineItem, Transaction } from './types.js';
export { DAY_MS } from './types.js';

export {
  DEFAULT_PROFILE_OPTIONS,
  emptyProfile,
  priceBandLabel,
  priceBandRange,
  type CustomerProfile,
  type PriceRange,
  type ProfileOptions,
} from './profile/customer-profile.js';
export { foldEvent } from './profile/fold-event.js';
export { profileAffinities, type ProfileAffinities } from './profile/profile-affinities.js';
export { buildProfiles } from './profile/build-profiles.js';
export { viewProfile, preferences, type ProfileView, type Preference } from './profile/profile-view.js';
export {
  DEFAULT_LIFECYCLE_OPTIONS,
  LIFECYCLE_STAGES,
  lifecycleStage,
  type LifecycleOptions,
  type LifecycleStage,
} from './profile/lifecycle.js';

export { rfmScores, rfmInputFromProfiles, type RfmInput, type RfmScores } from './rfm/rfm-scores.js';
export { RFM_GROUPS, rfmGroup, type RfmGroup } from './rfm/rfm-groups.js';

export { ModelFitError } from './clv/model-fit-error.js';
export { summariseTransactions, type CustomerSummary, type PurchaseLike } from './clv/customer-summary.js';
export { fitBgNbd, type BgNbdParams, type BgNbdFit } from './clv/bg-nbd.js';
export { fitGammaGamma, gammaGammaExpectedSpend, type GammaGammaParams } from './clv/gamma-gamma.js';
export { fitPurchaseModel, type PurchaseModel } from './clv/purchase-model.js';
export { fitClvModel, predictClv, type ClvModel, type ClvPredictions } from './clv/clv-model.js';
export { choosePurchaseModel, type PurchaseChoiceOptions } from './clv/choose-purchase-model.js';
export { chooseSpendModel, type SpendChoice, type SpendChoiceOptions } from './clv/choose-spend-model.js';
export type { PurchaseChoice, PurchaseValidation, CandidateScore } from './clv/purchase-choice.js';

export { fitChurnModel, predictChurn, type ChurnModel } from './churn/churn-model.js';
export { clusterCustomers, type ClusterResult, type CustomerCluster } from './cluster/cluster-customers.js';

export { compileRule, type CompiledRule, type SegmentPredicate } from './segments/compile-rule.js';
export { SegmentRuleError } from './segments/segment-rule-error.js';
export { DEFAULT_CATALOGUE, type FieldCatalogue } from './segments/field-catalogue.js';
export { evaluateSegment } from './segments/evaluate-segment.js';
export { formatRule } from './segments/format-rule.js';
export { parseRule } from './segments/parser.js';
export { diffMembership, type MembershipDiff } from './segments/membership-diff.js';
export type { SegmentSubject } from './segments/segment-subject.js';

export { SEGMENT_ENTER_EVENT, SEGMENT_EXIT_EVENT } from './service/segment-service.js';
export { analyseCustomers, type CustomerAnalytics, type AnalyticsOptions } from './customer-analytics.js';
export {
  clvFromTransactionsCsv,
  TransactionsCsvError,
  type ClvCommandArgs,
  type ClvCommandResult,
} from './clv-command.js';

// Services and what the engine, jobs, server and CLI compose from them.
export { AnalyticsService } from './service/analytics-service.js';
export { CustomerInsights, type CustomerInsight } from './service/customer-insights.js';
export { PROFILE_CURSOR_KEY, PROFILE_PARTITIONS, ProfileTailer } from './service/profile-tailer.js';
export { SegmentService } from './service/segment-service.js';
