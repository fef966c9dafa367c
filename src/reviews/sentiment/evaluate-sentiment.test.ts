import { describe, expect, it } from 'vitest';
import { leaveCategoriesOut } from './evaluate-sentiment.js';
import { labelledPairs, UNLABELLED } from './fixtures/two-domains.js';
import type { LabelledReviews } from './labelled-reviews.js';
import { buildSparseRows } from './sparse-rows.js';

const spec = { hashBits: 16, maxCharGram: 4, words: true };

describe('leaveCategoriesOut with adaptation', () => {
  // A shop's labelled reviews and a hotel's, the hotel's left out of training and adapted to.
  const shop = labelledPairs();
  const hotelLabels = UNLABELLED.map((_, k) => (k % 4 < 2 ? 1 : 0)); // two praises, then two complaints
  const corpus: LabelledReviews = {
    texts: [...shop.texts, ...UNLABELLED],
    labels: Uint8Array.from([...shop.labels, ...hotelLabels]),
    categories: [...shop.texts.map(() => 'shop'), ...UNLABELLED.map(() => 'hotel')],
  };
  const rows = buildSparseRows(corpus.texts, spec);
  const options = { spec, iterations: 40 };

  it('scores the left-out texts as trained and, when asked, as adapted to them with their labels hidden', () => {
    const plain = leaveCategoriesOut(corpus, rows, ['hotel'], options);
    expect(plain.n).toBe(UNLABELLED.length);
    expect(plain.adaptation).toBeUndefined();
    const on = leaveCategoriesOut(corpus, rows, ['hotel'], options, 'on');
    expect(on.accuracy).toBe(plain.accuracy);
    expect(on.adaptation).toMatchObject({ mode: 'on', adapted: true });
    expect(on.adaptation!.pseudoLabelled).toBeGreaterThan(0);
    expect(on.adaptation!.accuracy).toBeGreaterThanOrEqual(0.5);
    // Too few reviews for the default gate: the read-back model scores them as it is.
    const auto = leaveCategoriesOut(corpus, rows, ['hotel'], options, 'auto');
    expect(auto.adaptation).toMatchObject({ mode: 'auto', adapted: false, pseudoLabelled: 0 });
  });
});
