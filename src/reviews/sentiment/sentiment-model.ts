/**
 * The sentiment model: an average of linear members' logits over one shared hashed feature set,
 * scored with no allocation per review beyond the folded string (and jieba's cut for old model files).
 */
import { FeatureDedup, MAX_REVIEW_FEATURES, reviewFeatures, type FeatureSpec } from './review-features.js';
import type { WordLexicon } from './word-lexicon.js';

/** One linear scorer over the shared features. */
export interface SentimentMember {
  /** Weight per hash bucket (already de-quantised). */
  weights: Float32Array;
  /** Intercept. */
  bias: number;
  /** Whether the sum is divided by √(feature count). */
  normalize: boolean;
}

/**
 * One member scoring as the mean of the members' logits (all of which divide by √count): the mean weights
 * and bias. A single member is returned as it is.
 */
export function averageMembers(members: readonly SentimentMember[], dims: number): SentimentMember {
  if (members.length === 1) return members[0]!;
  const weights = new Float32Array(dims);
  let bias = 0;
  for (const m of members) {
    for (let j = 0; j < dims; j++) weights[j]! += m.weights[j]! / members.length;
    bias += m.bias / members.length;
  }
  return { weights, bias, normalize: true };
}

/** What a model says about one text. */
export interface SentimentResult {
  /** The predicted label. */
  label: 'positive' | 'negative';
  /** Probability that the text is positive. */
  score: number;
}

/** A trained sentiment classifier (binary: positive / negative). */
export class SentimentModel {
  private readonly dedup = new FeatureDedup();
  private readonly scratch = new Uint32Array(MAX_REVIEW_FEATURES);
  /** Members that divide by √count folded into one weight vector: the mean of logits is one dot product. */
  private readonly merged: { weights: Float32Array; bias: number } | null;

  /** Wraps members trained on features of `spec`; `threshold` is the probability at which a text counts as positive. */
  constructor(
    readonly spec: FeatureSpec,
    readonly members: readonly SentimentMember[],
    readonly threshold = 0.5,
    readonly meta: Record<string, unknown> = {},
    readonly lexicon: WordLexicon | null = null,
  ) {
    this.merged = members.every((m) => m.normalize) ? averageMembers(members, 1 << spec.hashBits) : null;
  }

  /** Probability that `text` is positive. */
  probability(text: string): number {
    return 1 / (1 + Math.exp(-this.logit(text)));
  }

  /** The log-odds that `text` is positive (the mean of the members' logits). */
  logit(text: string): number {
    const n = reviewFeatures(text, this.spec, this.dedup, this.scratch, this.lexicon);
    const ids = this.scratch;
    if (this.merged) {
      const w = this.merged.weights;
      let s = 0;
      for (let k = 0; k < n; k++) s += w[ids[k]!]!;
      return s / Math.sqrt(Math.max(1, n)) + this.merged.bias;
    }
    let z = 0;
    for (const m of this.members) {
      const w = m.weights;
      let s = 0;
      for (let k = 0; k < n; k++) s += w[ids[k]!]!;
      z += (m.normalize ? s / Math.sqrt(Math.max(1, n)) : s) + m.bias;
    }
    return z / this.members.length;
  }

  /** Label and probability for one text. */
  classify(text: string): SentimentResult {
    const p = this.probability(text);
    return { label: p >= this.threshold ? 'positive' : 'negative', score: p };
  }
}
