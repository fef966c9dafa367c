/** Precision and recall of aspect extraction against hand annotations (review, aspect[, polarity]). */
import type { Aspect } from './aspect-lexicon.js';
import type { AspectMention } from './extract-aspects.js';

/** One annotated aspect of a review. */
export interface AnnotatedAspect {
  /** Which aspect. */
  aspect: Aspect;
  /** Its polarity in the review. */
  polarity: 'positive' | 'negative';
}

/** Precision, recall and F1 of one matching rule. */
export interface PrecisionRecall {
  /** Correct predictions / predictions. */
  precision: number;
  /** Correct predictions / annotations. */
  recall: number;
  /** Harmonic mean. */
  f1: number;
}

function pr(predicted: Set<string>[], gold: Set<string>[]): PrecisionRecall {
  let tp = 0;
  let p = 0;
  let g = 0;
  predicted.forEach((set, i) => {
    p += set.size;
    g += gold[i]!.size;
    for (const key of set) if (gold[i]!.has(key)) tp++;
  });
  const precision = p === 0 ? 0 : tp / p;
  const recall = g === 0 ? 0 : tp / g;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/** Scores predictions against annotations: detection (aspect named) and aspect + polarity together. */
export function scoreAspects(
  predicted: readonly (readonly AspectMention[])[],
  gold: readonly (readonly AnnotatedAspect[])[],
): { detection: PrecisionRecall; withPolarity: PrecisionRecall } {
  const asSets = <T extends { aspect: string }>(rows: readonly (readonly T[])[], key: (x: T) => string) =>
    rows.map((r) => new Set(r.map(key)));
  return {
    detection: pr(
      asSets(predicted, (m) => m.aspect),
      asSets(gold, (a) => a.aspect),
    ),
    withPolarity: pr(
      asSets(predicted, (m) => `${m.aspect}:${m.polarity}`),
      asSets(gold, (a) => `${a.aspect}:${a.polarity}`),
    ),
  };
}
