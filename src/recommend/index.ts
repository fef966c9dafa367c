/** Public API of the recommendation capability (pure models, evaluation and the batch job). */
export { InteractionLog } from './interaction-log.js';
export type { InteractionRow, InteractionLogOptions, IndexedColumns } from './interaction-log.js';
export { DEFAULT_EVENT_WEIGHTS, EVENT_TYPES, eventCode, eventWeight } from './event-weights.js';
export type { EventType, EventWeights } from './event-weights.js';
export { recencyWeights, seenSet } from './history.js';
export type { History, RecencyOptions } from './history.js';
export type { Recommender } from './recommender.js';
export { loadRecommender, registerLoader } from './registry.js';
export { DefaultPipeline } from './default-pipeline.js';
export type { PipelineOptions, RecommendedItem, SessionEvent } from './default-pipeline.js';
export { CandidateScorer } from './candidate-scorer.js';
export type { Blend, CandidateScorerOptions } from './candidate-scorer.js';
export { ItemSubset } from './item-subset.js';
export { defaultComponents } from './default-components.js';
export type { ComponentSpec, DefaultComponentOptions } from './default-components.js';
export { PopularityRecommender } from './recommenders/popularity-recommender.js';
export { ItemKnnRecommender } from './recommenders/item-knn-recommender.js';
export { TransitionRecommender } from './recommenders/transition-recommender.js';
export { EaseRecommender } from './recommenders/ease-recommender.js';
export { AlsRecommender } from './recommenders/als-recommender.js';
export { ContentRecommender } from './recommenders/content-recommender.js';
export { VisualRecommender } from './recommenders/visual-recommender.js';
export type { ItemText } from './recommenders/content-recommender.js';
export { BoughtTogetherRecommender } from './recommenders/bought-together-recommender.js';
export type { Association } from './recommenders/bought-together-recommender.js';
export { applyRules, passes } from './rules.js';
export type { RuleSet, Boost, AttributeFilter } from './rules.js';
export { capPerCategory, mmr, categorySimilarity } from './diversity.js';
export type { Candidate, ItemMeta, MetaLookup } from './item-meta.js';
export { batchRecommend, readInteractionsCsv, parseTimestamp } from './batch-recommend.js';
export type { BatchRecommendOptions, BatchRecommendResult, BatchProgress } from './batch-recommend.js';
export { evaluateRanking, metricsRow } from './evaluate/evaluate.js';
export type { Scorer, EvaluateOptions } from './evaluate/evaluate.js';
export { leaveLastOut, stratifiedSplit, timeSplit, timeQuantile } from './evaluate/splits.js';
export type { Split } from './evaluate/splits.js';
export { MetricsAccumulator } from './evaluate/metrics.js';
export type { RankingMetrics } from './evaluate/metrics.js';

// Services and what the engine, jobs, server and CLI compose from them.
export { modelStatus } from './service/model-status.js';
export {
  EVAL_DATASETS,
  EVAL_MODELS,
  EVAL_PROTOCOLS,
  defaultEvalModels,
  evaluateModels,
  loadEvalDataset,
  splitFor,
} from './service/offline-evaluation.js';
export { type RecommendOptions } from './service/recommend-options.js';
export { RECOMMEND_ARTIFACT_KIND } from './service/recommend-trainer.js';
export { RecommendationService, type RecommendationResult } from './service/recommendation-service.js';
export { decodeOffThread, type ModelDecoder } from './service/model-decode-thread.js';
export { DEFAULT_EVAL_USERS, evaluateStore, type StoreEvaluationOptions } from './service/store-evaluation.js';
