/** Aspect extraction measured on the hand-annotated sample (fixtures/ANNOTATION.md), with floors. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinSentimentModel } from '../sentiment/builtin-model.js';
import { scoreAspects, type AnnotatedAspect } from './evaluate-aspects.js';
import { extractAspects } from './extract-aspects.js';

interface Row {
  lang: 'zh' | 'en';
  text: string;
  aspects: AnnotatedAspect[];
}

const rows = readFileSync(new URL('./fixtures/aspect-sample.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Row);

describe('aspect extraction on the annotated sample', () => {
  const model = builtinSentimentModel();
  const score = (lang: 'zh' | 'en') => {
    const sample = rows.filter((r) => r.lang === lang);
    const predicted = sample.map((r) => extractAspects(r.text, (c) => model.probability(c)));
    return scoreAspects(
      predicted,
      sample.map((r) => r.aspects),
    );
  };

  it('has at least 200 Chinese and 100 English annotated reviews', () => {
    expect(rows.filter((r) => r.lang === 'zh').length).toBeGreaterThanOrEqual(200);
    expect(rows.filter((r) => r.lang === 'en').length).toBeGreaterThanOrEqual(100);
  });

  it('finds Chinese aspects and their polarity above the floors', () => {
    const s = score('zh');
    console.log('zh aspects', JSON.stringify(s));
    expect(s.detection.precision).toBeGreaterThanOrEqual(ZH_FLOOR.detectionP);
    expect(s.detection.recall).toBeGreaterThanOrEqual(ZH_FLOOR.detectionR);
    expect(s.withPolarity.precision).toBeGreaterThanOrEqual(ZH_FLOOR.polarityP);
    expect(s.withPolarity.recall).toBeGreaterThanOrEqual(ZH_FLOOR.polarityR);
  });

  it('finds English aspects and their polarity above the floors', () => {
    const s = score('en');
    console.log('en aspects', JSON.stringify(s));
    expect(s.detection.precision).toBeGreaterThanOrEqual(EN_FLOOR.detectionP);
    expect(s.detection.recall).toBeGreaterThanOrEqual(EN_FLOOR.detectionR);
    expect(s.withPolarity.precision).toBeGreaterThanOrEqual(EN_FLOOR.polarityP);
    expect(s.withPolarity.recall).toBeGreaterThanOrEqual(EN_FLOOR.polarityR);
  });
});

// Floors a little under the measured figures (docs/reviews.md), so a regression fails.
const ZH_FLOOR = { detectionP: 0.8, detectionR: 0.74, polarityP: 0.72, polarityR: 0.68 };
const EN_FLOOR = { detectionP: 0.82, detectionR: 0.85, polarityP: 0.73, polarityR: 0.71 };
