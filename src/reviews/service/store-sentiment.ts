/**
 * A store's own sentiment model: the merchant's labelled reviews train the general text classifier (the
 * engine of `daogou classify`), which is compared with the built-in model on a held-out part of those reviews
 * and used for the store's scoring only where it is at least as accurate; otherwise, and until one is
 * trained, the built-in model scores. Stored as a model artifact so every process (API, worker) loads it.
 */
import { randomUUID } from 'node:crypto';
import { ValidationError, type FieldIssue } from '../../domain/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Store } from '../../store/store.js';
import { TextClassifier, trainTextClassifierAsync, type TextClassifierModel } from '../../text/classify/index.js';
import type { AdaptationDecision } from '../sentiment/adapt-sentiment.js';
import { seededOrder } from '../sentiment/evaluate-sentiment.js';
import { decodeSentimentModel, encodeSentimentModel } from '../sentiment/model-file.js';
import type { SentimentModel } from '../sentiment/sentiment-model.js';

/** The model artifact kind of store sentiment models (and of the marker that reverts to the built-in one). */
export const STORE_SENTIMENT_KIND = 'review-sentiment';
/** Most labelled reviews one training takes. */
export const MAX_LABELLED_REVIEWS = 20_000;
/** Longest review text taken. */
export const MAX_LABELLED_LENGTH = 2000;
/** Fewest labelled reviews (and of each label) a training needs. */
export const MIN_LABELLED_REVIEWS = 20;
const MIN_PER_LABEL = 5;
const MAX_ISSUES = 20;
// The settings `daogou classify` trains with by default: the same engine, the same model.
const CLASSIFY = { epochs: 10, seed: 42 };
const HOLD_OUT = 0.2;

/** Anything that gives the probability that a review is positive. */
export interface SentimentScorer {
  probability(text: string): number;
}

/** One review the merchant labelled. */
export interface LabelledReview {
  text: string;
  label: 'positive' | 'negative';
}

/** A stored store model's header: what it was trained on and how it compared with the built-in model. */
export interface StoreSentimentInfo {
  id: string;
  trainedAt: number;
  /** Labelled reviews it was trained on. */
  reviews: number;
  /** Accuracy on the held-out fifth of the labelled reviews: this model (trained on the rest) and the built-in one. */
  heldOut: { n: number; storeAccuracy: number; builtinAccuracy: number };
  /** Whether it scores the store's reviews (false: no better than the built-in model on the held-out part). */
  active: boolean;
  /** For a built-in model adapted to the store's unlabelled reviews: the pseudo-labels it learnt from (no held-out part). */
  adapted?: { pseudoPositive: number; pseudoNegative: number; confidentShare: number };
}

interface StoredModel {
  info: StoreSentimentInfo;
  model: TextClassifierModel | null;
  /** An adapted built-in model: its model file (`model-file.ts`), base64. */
  adapted?: string;
}

const POSITIVE = new Set(['positive', 'pos', '1', '好评', 'true']);
const NEGATIVE = new Set(['negative', 'neg', '0', '差评', 'false']);

/** Checks labelled reviews; throws a ValidationError naming every bad one (by index), or a list too small or large. */
export function validateLabelledReviews(
  input: ReadonlyArray<{ text?: unknown; label?: unknown }>,
  field = 'reviews',
): LabelledReview[] {
  const issues: FieldIssue[] = [];
  if (input.length > MAX_LABELLED_REVIEWS)
    issues.push({ field, message: `at most ${MAX_LABELLED_REVIEWS} reviews, got ${input.length}` });
  const out: LabelledReview[] = [];
  input.forEach((r, i) => {
    const text = typeof r.text === 'string' ? r.text.trim() : '';
    if (text.length === 0) issues.push({ field: `${field}[${i}].text`, message: 'is empty' });
    else if (text.length > MAX_LABELLED_LENGTH)
      issues.push({ field: `${field}[${i}].text`, message: `longer than ${MAX_LABELLED_LENGTH} characters` });
    const raw = typeof r.label === 'number' || typeof r.label === 'boolean' ? String(r.label) : r.label;
    const label = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
    if (!POSITIVE.has(label) && !NEGATIVE.has(label))
      issues.push({ field: `${field}[${i}].label`, message: `must be positive or negative (or 1/0), got "${label}"` });
    else if (text.length > 0 && text.length <= MAX_LABELLED_LENGTH)
      out.push({ text, label: POSITIVE.has(label) ? 'positive' : 'negative' });
  });
  const positives = out.filter((r) => r.label === 'positive').length;
  if (issues.length === 0 && out.length < MIN_LABELLED_REVIEWS)
    issues.push({ field, message: `give at least ${MIN_LABELLED_REVIEWS} labelled reviews, got ${out.length}` });
  else if (issues.length === 0 && Math.min(positives, out.length - positives) < MIN_PER_LABEL)
    issues.push({ field, message: `give at least ${MIN_PER_LABEL} positive and ${MIN_PER_LABEL} negative reviews` });
  if (issues.length > 0) {
    const shown = issues.slice(0, MAX_ISSUES);
    if (issues.length > MAX_ISSUES) shown.push({ field, message: `and ${issues.length - MAX_ISSUES} more problems` });
    throw new ValidationError(shown);
  }
  return out;
}

/** The classifier as a sentiment scorer: the probability of its "positive" class. */
export class ClassifierSentiment implements SentimentScorer {
  private readonly positive: number;

  /** Wraps a classifier trained on the labels "positive" and "negative". */
  constructor(readonly classifier: TextClassifier) {
    this.positive = classifier.labels.indexOf('positive');
  }

  /** Probability that `text` is positive. */
  probability(text: string): number {
    return this.classifier.probabilities(text)[this.positive] ?? 0;
  }
}

function accuracy(scorer: SentimentScorer, reviews: readonly LabelledReview[]): number {
  let ok = 0;
  for (const r of reviews) if (scorer.probability(r.text) >= 0.5 === (r.label === 'positive')) ok++;
  return reviews.length === 0 ? 0 : ok / reviews.length;
}

const train = async (reviews: readonly LabelledReview[], onEpoch?: (epoch: number) => void) =>
  new ClassifierSentiment(
    await trainTextClassifierAsync(
      reviews.map((r) => r.text),
      reviews.map((r) => r.label),
      { ...CLASSIFY, ...(onEpoch ? { onEpoch } : {}) },
    ),
  );

/**
 * Trains on a seeded four fifths, compares with `builtin` on the other fifth, then trains on all and stores
 * the model with that comparison (off the serving thread: the caller is a job or the CLI).
 */
export async function trainStoreSentiment(
  store: Store,
  clock: Clock,
  reviews: readonly LabelledReview[],
  builtin: SentimentScorer,
  onProgress?: (done: number, total: number) => void,
): Promise<StoreSentimentInfo> {
  const order = seededOrder(reviews.length, CLASSIFY.seed);
  const cut = Math.max(1, Math.round(reviews.length * HOLD_OUT));
  const heldOut = order.slice(0, cut).map((i) => reviews[i]!);
  const rest = order.slice(cut).map((i) => reviews[i]!);
  const total = CLASSIFY.epochs * 2;
  const trial = await train(rest, (e) => onProgress?.(e, total));
  const storeAccuracy = accuracy(trial, heldOut);
  const builtinAccuracy = accuracy(builtin, heldOut);
  const final = await train(reviews, (e) => onProgress?.(CLASSIFY.epochs + e, total));
  const info: StoreSentimentInfo = {
    id: `rsm-${randomUUID()}`,
    trainedAt: clock(),
    reviews: reviews.length,
    heldOut: { n: heldOut.length, storeAccuracy, builtinAccuracy },
    active: storeAccuracy >= builtinAccuracy,
  };
  await saveStored(store, { info, model: final.classifier.toJSON() });
  return info;
}

/**
 * Stores the built-in model adapted to the store's own unlabelled reviews (`adaptToReviews`) as the store's model,
 * active at once: with no labels there is no held-out comparison, the gate's decision stands in for it.
 */
export async function saveAdaptedStoreSentiment(
  store: Store,
  clock: Clock,
  model: SentimentModel,
  decision: AdaptationDecision,
): Promise<StoreSentimentInfo> {
  const { pseudoPositive, pseudoNegative, novelty } = decision;
  const info: StoreSentimentInfo = {
    id: `rsm-${randomUUID()}`,
    trainedAt: clock(),
    reviews: novelty.texts,
    heldOut: { n: 0, storeAccuracy: 0, builtinAccuracy: 0 },
    active: true,
    adapted: { pseudoPositive, pseudoNegative, confidentShare: novelty.confidentShare },
  };
  const adapted = Buffer.from(encodeSentimentModel(model)).toString('base64');
  await saveStored(store, { info, model: null, adapted });
  return info;
}

/** Stores a marker that sends the store's scoring back to the built-in model. */
export async function resetStoreSentiment(store: Store, clock: Clock): Promise<void> {
  const info = {
    id: `rsm-${randomUUID()}`,
    trainedAt: clock(),
    reviews: 0,
    heldOut: { n: 0, storeAccuracy: 0, builtinAccuracy: 0 },
    active: false,
  };
  await saveStored(store, { info, model: null });
}

async function saveStored(store: Store, stored: StoredModel): Promise<void> {
  await store.modelArtifacts.save({
    id: stored.info.id,
    kind: STORE_SENTIMENT_KIND,
    bytes: Buffer.from(JSON.stringify(stored), 'utf8'),
    metrics: { ...stored.info.heldOut, reviews: stored.info.reviews, active: stored.info.active },
    eventSeq: 0,
    trainedAt: stored.info.trainedAt,
  });
}

/** The newest stored model's id (cheap: for polling), if any. */
export async function latestStoreSentimentId(store: Store): Promise<string | undefined> {
  return (await store.modelArtifacts.latestInfo(STORE_SENTIMENT_KIND))?.id;
}

/** Loads a stored model: its header and its scorer (null for the marker that reverts to the built-in model). */
export async function loadStoreSentiment(
  store: Store,
  id: string,
): Promise<{ info: StoreSentimentInfo; scorer: SentimentScorer | null } | undefined> {
  const artifact = await store.modelArtifacts.get(id);
  if (!artifact) return undefined;
  const stored = JSON.parse(Buffer.from(artifact.bytes).toString('utf8')) as StoredModel;
  const scorer = stored.adapted
    ? decodeSentimentModel(Buffer.from(stored.adapted, 'base64'))
    : stored.model
      ? new ClassifierSentiment(TextClassifier.load(stored.model))
      : null;
  return { info: stored.info, scorer };
}
