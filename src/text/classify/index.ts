/**
 * General linear text classification (Chinese and English), the front door other capabilities use:
 * `trainTextClassifier(texts, labels, options)` → `TextClassifier` with `predict(text)` → `{ label, score }`,
 * `toJSON()` / `TextClassifier.load()`; evaluation helpers for held-out and cross-validated figures.
 */
export { TextClassifier, trainTextClassifier, trainTextClassifierAsync } from './text-classifier.js';
export type { Prediction, TextClassifierModel, TextClassifierOptions } from './text-classifier.js';
export type { FeatureOptions, SparseVector } from './text-features.js';
export { TextFeaturizer, extractFeatures } from './text-features.js';
export type { SoftmaxTrainingOptions } from './softmax-regression.js';
export { accuracy, crossValidatePredictions, macroF1, stratifiedFolds } from './evaluate.js';
export { seededRandom } from '../../math/random.js';
