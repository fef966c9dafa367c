/** Reviews: sentiment of review texts (built-in model, retraining), and the pure parts others may use. */
export { builtinSentimentModel, BUILTIN_SENTIMENT_MODEL } from './sentiment/builtin-model.js';
export {
  decodeSentimentModel,
  encodeSentimentModel,
  loadSentimentModel,
  saveSentimentModel,
} from './sentiment/model-file.js';
export { sampleLines, scoreFile } from './sentiment/score-file.js';
export {
  adaptSentiment,
  adaptToReviews,
  MAX_ADAPT_TEXTS,
  MAX_CONFIDENT_SHARE,
  MIN_ADAPT_TEXTS,
  reviewSetNovelty,
} from './sentiment/adapt-sentiment.js';
export type {
  AdaptationDecision,
  AdaptationOptions,
  AdaptationResult,
  AdaptMode,
  ReviewSetNovelty,
} from './sentiment/adapt-sentiment.js';
export { SentimentModel } from './sentiment/sentiment-model.js';
export type { SentimentMember, SentimentResult } from './sentiment/sentiment-model.js';
export type { FeatureSpec } from './sentiment/review-features.js';
export { ASPECTS, ASPECT_LABELS } from './aspects/aspect-lexicon.js';
export type { Aspect } from './aspects/aspect-lexicon.js';
export { extractAspects } from './aspects/extract-aspects.js';
export type { AspectMention, ClauseScorer } from './aspects/extract-aspects.js';
export { summarizeAspects } from './aspects/summarize-aspects.js';
export type { AspectSummary, ItemAspectSummary } from './aspects/summarize-aspects.js';
export { ReviewService, REVIEW_CURSOR_KEY } from './service/review-service.js';
export {
  MAX_LABELLED_REVIEWS,
  STORE_SENTIMENT_KIND,
  validateLabelledReviews,
  type LabelledReview,
  type SentimentScorer,
  type StoreSentimentInfo,
} from './service/store-sentiment.js';
export type { DropOptions, ItemReviewSummary, SentimentDrop } from './service/review-service.js';
export { readAlexaReviews, readLabelledFile, readShoppingReviews } from './sentiment/labelled-reviews.js';
export type { LabelledReviews } from './sentiment/labelled-reviews.js';
export { trainSentiment, DEFAULT_SENTIMENT_SPEC } from './sentiment/train-sentiment.js';
export type { SentimentTrainingOptions } from './sentiment/train-sentiment.js';
export { selfTrainSentiment } from './sentiment/self-training.js';
export type { SelfTrainingOptions, SelfTrainingResult } from './sentiment/self-training.js';
export { trainBuiltinSentiment, SENTIMENT_CORPORA } from './sentiment/builtin-training.js';
