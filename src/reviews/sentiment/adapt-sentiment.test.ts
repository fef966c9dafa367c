import { describe, expect, it } from 'vitest';
import { adaptSentiment, adaptToReviews, MIN_ADAPT_TEXTS, reviewSetNovelty } from './adapt-sentiment.js';
import { decodeSentimentModel, encodeSentimentModel } from './model-file.js';
import { trainSentiment } from './train-sentiment.js';
import { labelledPairs, NEW_BAD, NEW_GOOD, UNLABELLED as unlabelled } from './fixtures/two-domains.js';

const spec = { hashBits: 16, maxCharGram: 4, words: true, wordCut: 'lexicon' as const };

describe('adaptSentiment', () => {
  const { texts, labels } = labelledPairs();
  // As the CLI sees the shipped model: read back from its file (int8 weights, its own lexicon).
  const shipped = decodeSentimentModel(encodeSentimentModel(trainSentiment(texts, labels, { spec, iterations: 40 })));
  const result = adaptSentiment(shipped, [...unlabelled, ''], { margin: 0.5 });

  it('learns from the confident reviews only, and records it', () => {
    expect(result.texts).toBe(unlabelled.length); // the empty line is not a review
    expect(result.pseudoPositive).toBeGreaterThan(0);
    expect(result.pseudoNegative).toBeGreaterThan(0);
    expect(result.model.meta.adapted).toMatchObject({ texts: unlabelled.length, margin: 0.5 });
    const strict = adaptSentiment(shipped, unlabelled, { margin: 1e6 });
    expect(strict.model).toBe(shipped);
  });

  it("moves the other domain's phrases toward their pseudo-labels without the training texts", () => {
    for (const text of NEW_GOOD) expect(result.model.probability(text)).toBeGreaterThan(shipped.probability(text));
    for (const text of NEW_BAD) expect(result.model.probability(text)).toBeLessThan(shipped.probability(text));
    expect(result.model.classify('质量很好，非常满意').label).toBe('positive');
    expect(result.model.classify('质量很差，非常失望').label).toBe('negative');
  });

  it('stays at the shipped weights under a heavy penalty, and gives the same model twice', () => {
    const held = adaptSentiment(shipped, unlabelled, { margin: 0.5, l2: 1e6 });
    for (const text of unlabelled) expect(held.model.logit(text)).toBeCloseTo(shipped.logit(text), 3);
    const again = adaptSentiment(shipped, [...unlabelled, ''], { margin: 0.5 });
    expect(again.model.members[0]!.weights).toEqual(result.model.members[0]!.weights);
    expect(again.model.members[0]!.bias).toBe(result.model.members[0]!.bias);
  });

  it('gates: off never adapts, auto needs enough reviews the model is unsure of, on always adapts', () => {
    expect(adaptToReviews(shipped, unlabelled, 'off').model).toBe(shipped);
    const few = adaptToReviews(shipped, unlabelled, 'auto');
    expect(few.model).toBe(shipped);
    expect(few.decision.reason).toMatch(new RegExp(`fewer than ${MIN_ADAPT_TEXTS}`));
    // Enough reviews, but all of the training domain, where the model is sure of every one.
    const familiar = Array.from({ length: MIN_ADAPT_TEXTS }, (_, k) => texts[k % texts.length]!);
    const known = adaptToReviews(shipped, familiar, 'auto');
    expect(known.decision).toMatchObject({ adapted: false });
    expect(known.decision.novelty.confidentShare).toBeGreaterThan(0.86);
    expect(known.decision.reason).toMatch(/in its domain/);
    // Many reviews of a new domain the model is unsure of: auto adapts, as 'on' does.
    const alone = [...NEW_GOOD, ...NEW_BAD]; // the new phrases on their own, which the model cannot tell apart
    const novel = Array.from({ length: MIN_ADAPT_TEXTS }, (_, k) =>
      k % 2 === 0 ? unlabelled[(k / 2) % unlabelled.length]! : alone[k % alone.length]!,
    );
    const auto = adaptToReviews(shipped, novel, 'auto', { margin: 0.5 });
    expect(reviewSetNovelty(shipped, novel).confidentShare).toBeLessThan(0.86);
    expect(auto.decision).toMatchObject({ adapted: true });
    expect(auto.model.probability('房间干净')).toBeGreaterThan(shipped.probability('房间干净'));
    expect(adaptToReviews(shipped, unlabelled, 'on', { margin: 0.5 }).decision.adapted).toBe(true);
  });
});
