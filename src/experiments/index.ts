/**
 * Experiments' front door: the service the engine, jobs, routes and the CLI compose (A/B tests and bandits:
 * assignment, exposures, read-outs), its input, and the pure library (assignment, statistics, bandits,
 * attribution, holdout lift).
 */
export {
  assignVariant,
  hashToUnit,
  fnv1a32,
  type Assignment,
  type AssignmentPlan,
  type VariantWeight,
} from './assignment.js';
export {
  analyzeExperiment,
  summarizeMeans,
  summaryIssues,
  DEFAULT_MIN_SAMPLE,
  type AnalysisInput,
  type AnalysisResult,
  type MetricInput,
  type MetricResult,
  type MetricSums,
  type Recommendation,
  type VariantResult,
} from './analysis.js';
export {
  thompsonBernoulli,
  thompsonGaussian,
  applyFloor,
  pickArm,
  type BernoulliArm,
  type GaussianArm,
} from './bandit.js';
export {
  attribute,
  markovRemovalShares,
  touchWeights,
  ATTRIBUTION_MODELS,
  type AttributionModel,
  type ChannelCredit,
  type Journey,
  type Touchpoint,
} from './attribution.js';
export { holdoutLift, type GroupOutcome, type HoldoutLift } from './holdout.js';
export { compareMeans, type Comparison, type Effect } from './stats/frequentist.js';
export { sequentialEffect, sequentialPValue, DEFAULT_SEQUENTIAL_TUNING } from './stats/sequential.js';
export { bayesianEffect } from './stats/bayesian.js';
export { cupedEstimates, cupedTheta } from './stats/cuped.js';
export { srmCheck, SRM_THRESHOLD, type SrmResult } from './stats/srm.js';
export { adjustPValues, holmAdjust, benjaminiHochbergAdjust, type Correction } from './stats/corrections.js';
export {
  meanEstimate,
  ratioEstimate,
  type MeanSummary,
  type RatioSummary,
  type CovariateSummary,
  type UnitEstimate,
} from './stats/summary.js';
export {
  ExperimentService,
  type AssignmentResult,
  type StoredResults,
  type Subject,
} from './service/experiment-service.js';
export { SURFACES, type ExperimentInput } from './service/experiment-input.js';
export { priceArms, withShownPrice, type PriceArm, type PriceExperimentLike, type ShownPrice } from './price-arms.js';
export { PriceLookup, SubjectPrices, PRICE_SURFACE } from './service/price-lookup.js';
